"""Billing pages: the matter's section, the time-and-expenses page, my time, the arrangement, the requisites."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import FeeArrangement, FirmProfile, TimeEntry, WorkStatus
from billing.selectors import firm_profile_on, vat_rate_on
from billing.services.firm import _checked
from tests.conftest import login
from tests.factories_billing import BANK, ExpenseFactory, FeeArrangementFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db


def test_the_migration_seeded_a_valid_profile_from_settings():
    profile = firm_profile_on(timezone.localdate())
    fields = {f: getattr(profile, f) for f in ("name", "short_name", "inn", "kpp", "ogrn", "address", "tax_regime")}
    _checked({**fields, **{k: getattr(profile, k) for k in BANK}, "valid_from": profile.valid_from})
    assert vat_rate_on(timezone.localdate()) == Decimal("0")


def test_matter_section_shows_the_arrangement_and_approved_totals(client, world):
    FeeArrangementFactory(matter=world.a.matter, kind="fixed", fixed_amount=Decimal("150000.00"))
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=90, status=WorkStatus.APPROVED)
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=600, description="черновик")
    ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, amount=Decimal("6000"), status="billed")
    login(client, world.a.user)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "Fees and time" in page
    assert "150,000.00" in page
    assert '<dd id="fees-time">1 h 30 min' in page
    assert "6,000.00" in page
    assert "Change the fees" not in page


def test_matter_page_query_count_does_not_grow_with_entries(client, world, django_assert_max_num_queries):
    login(client, world.a.lead)
    url = reverse("matters:matter_detail", args=[world.a.matter.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = FeeArrangementFactory(matter=world.a.matter, version=1)
    first.rates.create(specialist=world.a.lead, rate=Decimal("5000"))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    hourly = FeeArrangementFactory(matter=world.a.matter, version=2, kind="hourly", fixed_amount=None, default_rate=1)
    for person in (world.a.lead, world.a.specialist):
        hourly.rates.create(specialist=person, rate=Decimal("3000"))
    for _ in range(5):
        TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.APPROVED)
        ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.SUBMITTED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_record_submit_approve_through_the_pages(client, world):
    url = reverse("billing:matter_work", args=[world.a.matter.pk])
    login(client, world.a.specialist)
    today = timezone.localdate().isoformat()
    r = client.post(url, {"form": "time", "time-date": today, "time-minutes": "1500", "time-description": "x"})
    assert r.status_code == 400 and "Ensure this value is less than or equal to 1440" in r.content.decode()
    r = client.post(
        url,
        {"form": "time", "time-date": today, "time-minutes": "75", "time-description": "Иск", "time-billable": "on"},
    )
    assert r.status_code == 302
    entry = TimeEntry.objects.get()
    client.post(reverse("billing:time_submit", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == WorkStatus.SUBMITTED
    client.post(reverse("billing:time_approve", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == WorkStatus.SUBMITTED  # a specialist does not approve
    login(client, world.a.lead)
    page = client.get(url).content.decode()
    assert reverse("billing:time_approve", args=[entry.pk]) in page
    client.post(reverse("billing:time_return", args=[entry.pk]), {"reason": "Уточните"})
    entry.refresh_from_db()
    assert entry.status == WorkStatus.DRAFT and entry.return_reason == "Уточните"


def test_expense_page_form_refuses_a_bad_amount(client, world):
    login(client, world.a.specialist)
    r = client.post(
        reverse("billing:matter_work", args=[world.a.matter.pk]),
        {
            "form": "expense",
            "expense-date": "2026-01-01",
            "expense-category": "postage",
            "expense-amount": "-3",
            "expense-description": "x",
        },
    )
    assert r.status_code == 400
    assert "more than zero" in r.content.decode()


def test_client_page_hides_drafts_and_internal_notes(client, world):
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, description="ЧЕРНОВИК")
    TimeEntryFactory(
        matter=world.a.matter,
        specialist=world.a.specialist,
        status="approved",
        description="Иск",
        internal_note="ТАЙНА",
    )
    login(client, world.a.user)
    page = client.get(reverse("billing:matter_work", args=[world.a.matter.pk])).content.decode()
    assert "Иск" in page and "ЧЕРНОВИК" not in page and "ТАЙНА" not in page
    assert "Record time" not in page


def test_my_time_shows_the_week_by_day(client, world):
    monday = dt.date(2026, 3, 2)
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, date=monday, minutes=120)
    TimeEntryFactory(
        matter=world.a.matter, specialist=world.a.specialist, date=monday + dt.timedelta(days=2), minutes=30
    )
    login(client, world.a.specialist)
    page = client.get(reverse("billing:my_time"), {"week": "2026-03-04"}).content.decode()
    assert 'id="day-2026-03-02"' in page and "2 h 30 min in all" in page
    assert client.get(reverse("billing:my_time"), {"week": "garbage"}).status_code == 200


def test_lead_sets_a_new_arrangement_version_on_the_page(client, world):
    login(client, world.a.lead)
    url = reverse("billing:arrangement_new", args=[world.a.matter.pk])
    r = client.post(url, {"kind": "retainer", "valid_from": "2026-01-01", "monthly_amount": "50000"})
    assert r.status_code == 302
    r = client.post(url, {"kind": "fixed", "valid_from": "2026-02-01", "fixed_amount": "1"})
    assert r.status_code == 400 and "Say why the arrangement changes." in r.content.decode()
    assert FeeArrangement.objects.count() == 1
    login(client, world.a.user)
    page = client.get(reverse("billing:arrangement", args=[world.a.matter.pk])).content.decode()
    assert "Monthly retainer" in page and "50,000.00" in page
    assert client.get(url).status_code == 403


def test_partner_edits_the_requisites_and_others_may_not(client, world):
    login(client, world.a.lead)
    assert client.get(reverse("billing:firm_requisites")).status_code == 403
    login(client, world.partner)
    url = reverse("billing:firm_requisites")
    assert client.get(url).status_code == 200
    latest = FirmProfile.objects.first()
    data = {f: getattr(latest, f) for f in ("name", "short_name", "inn", "kpp", "ogrn", "address", *BANK)}
    r = client.post(
        url, {**data, "tax_regime": "general", "valid_from": "2026-01-01", "account": "40702810416540001234"}
    )
    assert r.status_code == 400 and "does not match the bank" in r.content.decode()
    r = client.post(url, {**data, "tax_regime": "general", "valid_from": "2026-01-01"})
    assert r.status_code == 302
    assert vat_rate_on(dt.date(2026, 1, 2)) == Decimal("22")
    assert FirmProfile.objects.count() == 2
