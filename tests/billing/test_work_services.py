"""Time entries and expenses through the services: validation, who records and reviews, the lock."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing.access import restrict_expenses, restrict_time_entries
from billing.models import Expense, TimeEntry, WorkStatus
from billing.selectors import matter_fee_summary, work_totals
from billing.services import (
    approve_work,
    billing_lock,
    delete_work,
    record_expense,
    record_time,
    return_work,
    submit_work,
    update_work,
)
from core.errors import InvalidState, NotPermitted, ValidationError
from tests.factories_billing import ExpenseFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def _time(world, **kw):
    data = {"date": today(), "minutes": 60, "description": "Анализ документов"} | kw
    return record_time(by=world.a.specialist, matter=world.a.matter, **data)


def test_full_cycle_draft_submitted_approved_billed_locked(world):
    entry = _time(world)
    assert entry.status == WorkStatus.DRAFT
    assert not restrict_time_entries(world.a.user).filter(pk=entry.pk).exists()
    submit_work(by=world.a.specialist, entry=entry)
    approve_work(by=world.a.lead, entry=entry)
    entry.refresh_from_db()
    assert entry.status == WorkStatus.APPROVED and entry.reviewed_by == world.a.lead
    assert restrict_time_entries(world.a.user).filter(pk=entry.pk).exists()
    assert billing_lock([entry]) == 1
    entry.refresh_from_db()
    assert entry.locked
    with pytest.raises(InvalidState):
        update_work(by=world.a.specialist, entry=entry, data={"minutes": 30})
    with pytest.raises(InvalidState):
        delete_work(by=world.partner, entry=entry)
    with pytest.raises(InvalidState):
        billing_lock([entry])


def test_lock_refuses_the_lot_if_one_is_not_approved(world):
    ok = TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.APPROVED)
    draft = ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist)
    with pytest.raises(InvalidState):
        billing_lock([ok, draft])
    ok.refresh_from_db()
    assert ok.status == WorkStatus.APPROVED


def test_returned_entry_is_a_draft_with_the_reason(world):
    entry = submit_work(by=world.a.specialist, entry=_time(world))
    with pytest.raises(ValidationError):
        return_work(by=world.a.lead, entry=entry, reason="  ")
    return_work(by=world.a.lead, entry=entry, reason="Уточните описание")
    entry.refresh_from_db()
    assert entry.status == WorkStatus.DRAFT and entry.return_reason == "Уточните описание"
    update_work(by=world.a.specialist, entry=entry, data={"description": "Анализ договора поставки"})
    entry.refresh_from_db()
    assert entry.return_reason == ""


@pytest.mark.parametrize("who", ["specialist", "user", "other_lead", "secretary"])
def test_only_the_lead_or_a_partner_approves(world, who):
    user = {
        "specialist": world.a.specialist,
        "user": world.a.user,
        "other_lead": world.b.lead,
        "secretary": world.secretary,
    }[who]
    entry = submit_work(by=world.a.specialist, entry=_time(world))
    with pytest.raises(NotPermitted):
        approve_work(by=user, entry=entry)
    approve_work(by=world.partner, entry=entry)


def test_who_records_for_whom(world):
    # A lead records for the team; a specialist only for themself; nobody on another client's matter.
    record_time(
        by=world.a.lead, matter=world.a.matter, specialist=world.a.specialist, date=today(), minutes=10, description="x"
    )
    with pytest.raises(NotPermitted):
        record_time(
            by=world.a.specialist,
            matter=world.a.matter,
            specialist=world.a.lead,
            date=today(),
            minutes=10,
            description="x",
        )
    with pytest.raises(NotPermitted):
        record_time(by=world.b.specialist, matter=world.a.matter, date=today(), minutes=10, description="x")
    with pytest.raises(NotPermitted):
        record_time(by=world.a.user, matter=world.a.matter, date=today(), minutes=10, description="x")
    with pytest.raises(NotPermitted):
        record_time(
            by=world.a.lead,
            matter=world.a.matter,
            specialist=world.b.specialist,
            date=today(),
            minutes=10,
            description="x",
        )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 1441}, "minutes"),
        ({"minutes": "abc"}, "minutes"),
        ({"description": " "}, "description"),
        ({"date": "2026-01-01"}, "date"),
        ({"date": dt.date(2100, 1, 1)}, "date"),
    ],
)
def test_bad_time_is_refused(world, data, field):
    with pytest.raises(ValidationError) as e:
        _time(world, **data)
    assert field in e.value.fields
    assert not TimeEntry.objects.exists()


def test_a_day_holds_at_most_24_hours_over_all_matters(world):
    _time(world, minutes=1000)
    other = world.a.matter.__class__.objects.create(client=world.a.client, number="X/1", title="Другое")
    other.assignments.create(user=world.a.specialist)
    with pytest.raises(ValidationError) as e:
        record_time(by=world.a.specialist, matter=other, date=today(), minutes=441, description="x")
    assert "440" in str(e.value.fields["minutes"][0])
    record_time(by=world.a.specialist, matter=other, date=today(), minutes=440, description="x")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-1"}, "amount"),
        ({"amount": "1.005"}, "amount"),
        ({"amount": "Infinity"}, "amount"),
        ({"category": "bribe"}, "category"),
    ],
)
def test_bad_expense_is_refused(world, data, field):
    base = {"date": today(), "category": "postage", "amount": "350.50", "description": "Почта"}
    with pytest.raises(ValidationError) as e:
        record_expense(by=world.a.specialist, matter=world.a.matter, **(base | data))
    assert field in e.value.fields


def test_expense_receipt_goes_through_the_upload_checks(world):
    ok = record_expense(
        by=world.a.specialist,
        matter=world.a.matter,
        date=today(),
        category="notary",
        amount="1200,00",
        description="Нотариус",
        receipt=SimpleUploadedFile("чек.pdf", b"%PDF-1.4 receipt", "application/pdf"),
    )
    assert ok.amount == Decimal("1200.00") and ok.receipt_name == "чек.pdf"
    assert "чек" not in ok.receipt.name
    with pytest.raises(ValidationError) as e:
        record_expense(
            by=world.a.specialist,
            matter=world.a.matter,
            date=today(),
            category="notary",
            amount="1",
            description="x",
            receipt=SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream"),
        )
    assert "receipt" in e.value.fields


def test_client_sees_approved_and_billed_only_of_its_matters(world):
    for status in WorkStatus.values:
        ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, status=status)
    ExpenseFactory(matter=world.b.matter, specialist=world.b.specialist, status=WorkStatus.APPROVED)
    seen = set(restrict_expenses(world.a.user).values_list("status", flat=True))
    assert seen == {WorkStatus.APPROVED, WorkStatus.BILLED}
    assert restrict_expenses(world.a.specialist).filter(matter=world.a.matter).count() == 4
    assert not restrict_expenses(world.b.lead).filter(matter=world.a.matter).exists()


statuses = st.sampled_from(WorkStatus.values)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    times=st.lists(st.tuples(st.integers(1, 1440), st.booleans(), statuses), max_size=8),
    amounts=st.lists(
        st.tuples(st.decimals("0.01", "99999999.99", places=2, allow_nan=False, allow_infinity=False), statuses),
        max_size=8,
    ),
)
def test_totals_are_exact_sums_of_what_the_client_sees(world, times, amounts):
    TimeEntry.objects.all().delete()
    Expense.objects.all().delete()
    start = dt.date(2026, 1, 1)
    for i, (minutes, billable, status) in enumerate(times):
        TimeEntryFactory(
            matter=world.a.matter,
            specialist=world.a.specialist,
            date=start + dt.timedelta(days=i),
            minutes=minutes,
            billable=billable,
            status=status,
        )
    for amount, status in amounts:
        ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, amount=amount, status=status)
    visible = {WorkStatus.APPROVED, WorkStatus.BILLED}
    want_minutes = sum(m for m, _b, s in times if s in visible)
    want_billable = sum(m for m, b, s in times if s in visible and b)
    want_amount = sum((a for a, s in amounts if s in visible), Decimal("0.00"))
    for user in (world.a.user, world.a.lead):
        summary = matter_fee_summary(user, world.a.matter)
        assert summary["minutes"] == want_minutes
        assert summary["billable_minutes"] == want_billable
        assert summary["expenses"] == want_amount
        assert summary["expenses"].as_tuple().exponent == -2
    totals = work_totals(TimeEntry.objects.none(), Expense.objects.none())
    assert totals == {"minutes": 0, "billable_minutes": 0, "expenses": Decimal("0.00"), "pending": 0}
