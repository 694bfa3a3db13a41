"""The API of the settlement, work reports and termination; another client's ids answer 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import Advance, WorkStatus
from billing.services.reports import report_render
from tests.conftest import api_for, assert_404, assert_error
from tests.factories_advances import AdvanceFactory
from tests.factories_billing import FeeArrangementFactory, TimeEntryFactory
from tests.factories_hearings import HearingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(world):
    FeeArrangementFactory(
        matter=world.a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("6000.00"),
        valid_from=dt.date(2025, 1, 1),
        created_by=world.a.lead,
    )
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=45, status=WorkStatus.APPROVED)
    AdvanceFactory(
        matter=world.a.matter,
        status=Advance.Status.CONFIRMED,
        confirmed_amount=Decimal("1000.00"),
        confirmed_at=timezone.now(),
    )


def test_settlement_lists_every_line_and_the_balance(world, work):
    url = f"/api/matters/{world.a.matter.pk}/settlement/"
    body = api_for(world.a.user).get(url).json()
    assert [line["code"] for line in body["lines"]] == ["hourly", "advance_received"]
    assert body["fees"] == "4500.00" and body["advances"] == "-1000.00" and body["balance"] == "3500.00"
    assert body["due_by_client"] == "3500.00" and body["refund"] == "0.00"
    assert "0.75 h" in body["lines"][0]["text"]
    assert_404(api_for(world.b.user).get(url))
    assert_error(api_for(world.a.user).get(url, {"end": "nonsense"}), 400, "invalid")


def test_report_is_accepted_then_ready_then_downloaded(world, work, django_capture_on_commit_callbacks):
    api = api_for(world.a.user)
    with django_capture_on_commit_callbacks():
        r = api.post(f"/api/matters/{world.a.matter.pk}/reports/", {}, format="json")
    assert r.status_code == 202, r.content
    pk = r.json()["id"]
    assert_error(api.get(f"/api/reports/{pk}/pdf/"), 409, "invalid_state")
    report_render(pk)
    assert api.get(f"/api/reports/{pk}/").json()["ready"] is True
    again = api.post(f"/api/matters/{world.a.matter.pk}/reports/", {}, format="json")
    assert again.status_code == 200 and again.json()["id"] == pk  # the stored one, at once
    pdf = api.get(f"/api/reports/{pk}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert [r["id"] for r in api.get(f"/api/matters/{world.a.matter.pk}/reports/").json()] == [pk]
    assert_404(api_for(world.b.user).get(f"/api/reports/{pk}/"))
    assert_404(api_for(world.b.user).get(f"/api/reports/{pk}/pdf/"))
    assert_404(api_for(world.b.user).post(f"/api/matters/{world.a.matter.pk}/reports/", {}, format="json"))
    bad = api.post(
        f"/api/matters/{world.a.matter.pk}/reports/",
        {"period_start": "2026-02-01", "period_end": "2025-01-01"},
        format="json",
    )
    assert_error(bad, 400, "invalid", fields=["period_start"])


def test_termination_through_the_api(world, work):
    HearingFactory(matter=world.a.matter, starts_at=timezone.now() + dt.timedelta(days=3))
    url = f"/api/matters/{world.a.matter.pk}/termination/"
    api = api_for(world.a.user)
    assert_404(api.get(url))
    assert_404(api_for(world.b.user).post(url, {}, format="json"))
    assert_error(api_for(world.a.specialist).post(url, {}, format="json"), 403, "not_permitted")
    assert_error(api.post(url, {"expected_balance": "1.00"}, format="json"), 409, "invalid_state")
    r = api.post(url, {"reason": "Сменили юриста", "expected_balance": "3500.00"}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["balance"] == "3500.00" and body["channel"] == "portal" and body["awaiting_final_act"] is True
    assert len(body["cancelled_hearings"]) == 1 and body["settlement"]["balance"] == "3500.00"
    assert api.get(url).json()["reason"] == "Сменили юриста"
    assert_error(api.post(url, {}, format="json"), 409, "invalid_state")
    assert_404(api_for(world.b.user).get(url))
