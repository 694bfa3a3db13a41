"""Termination through the service (rule 14): the settlement stored, the calendar and reminders
cancelled, the firm told, the matter awaiting its final act; the refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import Advance, Termination, WorkStatus
from billing.services import advance_notices
from billing.services.termination import matter_terminate, termination_final_act
from core.errors import InvalidState, NotFound, NotPermitted
from hearings.models import Deadline, Hearing
from hearings.services import announce
from hearings.services.deadline_reminders import reminders_write as deadline_reminders_write
from matters.models import Matter
from notices.models import Notice
from tests.factories_advances import AdvanceFactory
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory, TimeEntryFactory
from tests.factories_deadlines import DeadlineFactory
from tests.factories_hearings import HearingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(world):
    """Matter A with hourly work, an expense, a confirmed advance, a pending hearing, an open deadline
    and an unpaid advance — each with its scheduled reminders."""
    a = world.a
    FeeArrangementFactory(
        matter=a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("6000.00"),
        valid_from=dt.date(2025, 1, 1),
        created_by=a.lead,
    )
    today = timezone.localdate()
    TimeEntryFactory(matter=a.matter, specialist=a.specialist, minutes=50, status=WorkStatus.APPROVED, date=today)
    TimeEntryFactory(matter=a.matter, specialist=a.specialist, minutes=600, status=WorkStatus.DRAFT, date=today)
    ExpenseFactory(matter=a.matter, specialist=a.specialist, status=WorkStatus.APPROVED, amount=Decimal("1234.56"))
    AdvanceFactory(
        matter=a.matter,
        status=Advance.Status.CONFIRMED,
        amount=Decimal("20000.00"),
        confirmed_amount=Decimal("20000.00"),
        confirmed_at=timezone.now(),
    )
    hearing = HearingFactory(matter=a.matter, starts_at=timezone.now() + dt.timedelta(days=10))
    announce.write_reminders(hearing)
    deadline = DeadlineFactory(matter=a.matter, due_on=today + dt.timedelta(days=20))
    deadline_reminders_write(deadline)
    unpaid = AdvanceFactory(matter=a.matter, due_on=today + dt.timedelta(days=20))
    advance_notices.reminders_write(unpaid)
    return {"hearing": hearing, "deadline": deadline, "unpaid": unpaid}


def _scheduled(group):
    return Notice.objects.filter(group=group, status=Notice.Status.SCHEDULED).count()


def test_client_terminates_settlement_stored_calendar_and_reminders_cancelled_firm_told(world, busy):
    hearing, deadline, unpaid = busy["hearing"], busy["deadline"], busy["unpaid"]
    assert _scheduled(announce.group_of(hearing)) > 0
    assert _scheduled(f"advance:{unpaid.pk}") > 0
    deadline_groups = set(Notice.objects.filter(status=Notice.Status.SCHEDULED).values_list("group", flat=True))
    assert any(g.startswith("deadline") for g in deadline_groups)

    termination = matter_terminate(by=world.a.user, matter=world.a.matter, reason="Спор урегулирован миром")

    # 50 min × 6000 / 60 = 5000; expense 1234.56; advance −20000 → refund 13765.44.
    assert termination.balance == Decimal("-13765.44")
    codes = [line["code"] for line in termination.settlement["lines"]]
    assert codes == ["hourly", "expense", "advance_received"]
    assert termination.channel == Termination.Channel.PORTAL and termination.recorded_by == world.a.user
    hearing.refresh_from_db()
    deadline.refresh_from_db()
    assert hearing.status == Hearing.Status.CANCELLED and "Спор урегулирован миром" in hearing.cancel_reason
    assert deadline.status == Deadline.Status.CANCELLED
    assert termination.cancelled["hearings"] == [hearing.pk] and termination.cancelled["deadlines"] == [deadline.pk]
    # No reminder of the matter is left scheduled.
    assert not Notice.objects.filter(status=Notice.Status.SCHEDULED).exists()
    world.a.matter.refresh_from_db()
    assert world.a.matter.status == Matter.Status.SUSPENDED
    told = Notice.objects.filter(kind="matter_terminated")
    assert set(told.values_list("recipient_id", flat=True)) == {world.a.lead.pk, world.partner.pk}
    assert "final act" in told.get(recipient=world.partner).subject


def test_second_termination_and_closed_matter_are_refused(world, busy):
    matter_terminate(by=world.a.user, matter=world.a.matter)
    with pytest.raises(InvalidState):
        matter_terminate(by=world.a.user, matter=world.a.matter)
    with pytest.raises(InvalidState):
        matter_terminate(by=world.a.lead, matter=world.a.matter)
    Matter.objects.filter(pk=world.b.matter.pk).update(status=Matter.Status.CLOSED)
    with pytest.raises(InvalidState):
        matter_terminate(by=world.b.user, matter=world.b.matter)
    assert Termination.objects.count() == 1


def test_who_may_terminate(world):
    with pytest.raises(NotFound):
        matter_terminate(by=world.b.user, matter=world.a.matter)  # another client's matter
    with pytest.raises(NotFound):
        matter_terminate(by=world.b.lead, matter=world.a.matter)
    with pytest.raises(NotPermitted):
        matter_terminate(by=world.a.specialist, matter=world.a.matter)  # on it, but not the lead
    termination = matter_terminate(
        by=world.a.lead, matter=world.a.matter, reason="Письмо клиента", letter_date=timezone.localdate()
    )
    assert termination.channel == Termination.Channel.LETTER and termination.letter_date == timezone.localdate()
    assert matter_terminate(by=world.partner, matter=world.b.matter).recorded_by == world.partner


def test_a_changed_settlement_is_refused_and_nothing_changes(world, busy):
    with pytest.raises(InvalidState):
        matter_terminate(by=world.a.user, matter=world.a.matter, expected_balance=Decimal("0.00"))
    assert not Termination.objects.exists()
    assert Hearing.objects.get(pk=busy["hearing"].pk).status == Hearing.Status.SCHEDULED
    assert Matter.objects.get(pk=world.a.matter.pk).status == Matter.Status.OPEN
    ok = matter_terminate(by=world.a.user, matter=world.a.matter, expected_balance=Decimal("-13765.44"))
    assert ok.pk


def test_final_act_closes_the_matter_history_stays_readable(world):
    matter_terminate(by=world.a.user, matter=world.a.matter)
    with pytest.raises(NotPermitted):
        termination_final_act(by=world.a.lead, matter=world.a.matter)
    termination = termination_final_act(by=world.partner, matter=world.a.matter)
    assert termination.final_act_issued_at is not None
    world.a.matter.refresh_from_db()
    assert world.a.matter.status == Matter.Status.CLOSED and world.a.matter.closed_at
    with pytest.raises(InvalidState):
        termination_final_act(by=world.partner, matter=world.a.matter)


def test_the_partners_task_list_of_final_acts(world):
    from billing.selectors.reports import final_acts_due

    termination = matter_terminate(by=world.a.user, matter=world.a.matter)
    assert [t.pk for t in final_acts_due(user=world.partner)] == [termination.pk]
    assert final_acts_due(user=world.a.lead) == [] and final_acts_due(user=world.a.user) == []
    termination_final_act(by=world.partner, matter=world.a.matter)
    assert final_acts_due(user=world.partner) == []
