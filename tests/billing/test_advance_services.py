"""Advances (rule 7) through their services: who may do what, the states, notices, reminders, blocking."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from billing.models import Advance
from billing.selectors.advances import advance_balance, advances_needed, blocking_advances
from billing.services import advances as s
from core import ports
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.models import Notice
from portal.selectors.dashboard_needed import Needed
from tests import factories_advances as fa
from tests import factories_hearings as fh
from timeline.models import TimelineEvent
from timeline.rendering import ref_url

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _request(world, **extra):
    fields = {
        "amount": "4500.00",
        "purpose": "Госпошлина за иск",
        "category": "state_duty",
        "due_on": TODAY() + dt.timedelta(days=10),
        "payer": Advance.Payer.CLIENT_TO_THIRD_PARTY,
        **fa.REQUISITES,
        **extra,
    }
    return s.advance_request(matter=world.a.matter, by=world.a.lead, **fields)


def _order(name="order.pdf", body=b"%PDF-1.4 order"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_lead_requests_with_treasury_requisites_the_client_is_told_and_reminded(world):
    advance = _request(world, task=world.a.task)
    assert advance.status == Advance.Status.REQUESTED and advance.amount == Decimal("4500.00")
    assert TimelineEvent.objects.filter(matter=world.a.matter, kind="advance", ref_id=advance.pk).exists()
    assert ref_url("advance", advance.pk, world.a.matter.pk) == f"/advances/{advance.pk}/"  # billing registered it
    told = Notice.objects.filter(recipient=world.a.user, kind="advance")
    assert told.count() == 1 and told.get().link == f"/advances/{advance.pk}/"
    reminders = Notice.objects.filter(group=f"advance:{advance.pk}", status=Notice.Status.SCHEDULED)
    assert reminders.count() == 2  # 3 days and 1 day before, to the one client user


def test_bad_requisites_and_amounts_are_refused_with_field_errors(world):
    with pytest.raises(ValidationError) as e:
        _request(world, recipient_inn="6671415929", recipient_account="40702810938000000002", amount="0")
    assert {"recipient_inn", "recipient_account", "amount"} <= set(e.value.fields)
    with pytest.raises(ValidationError) as e:
        _request(world, kbk="", amount="12.345")
    assert {"kbk", "amount"} <= set(e.value.fields)
    assert not Advance.objects.exists()


def test_firm_payer_needs_no_requisites_and_drops_them(world):
    advance = _request(world, payer=Advance.Payer.FIRM_AT_CLIENT_EXPENSE, recipient_inn="bad")
    assert advance.recipient_inn == "" and advance.kbk == ""


def test_who_may_request(world):
    with pytest.raises(NotPermitted):
        s.advance_request(matter=world.a.matter, by=world.b.lead, amount="1", purpose="x", category="other",
                          due_on=TODAY(), payer="firm")  # fmt: skip
    with pytest.raises(NotPermitted):
        s.advance_request(matter=world.a.matter, by=world.a.user, amount="1", purpose="x", category="other",
                          due_on=TODAY(), payer="firm")  # fmt: skip
    assert s.advance_request(matter=world.a.matter, by=world.partner, amount="1", purpose="x", category="other",
                             due_on=TODAY(), payer="firm")  # fmt: skip


def test_change_renews_reminders_and_cancel_withdraws_them(world):
    advance = _request(world)
    s.advance_change(advance=advance, by=world.a.lead, amount="5000", due_on=TODAY() + dt.timedelta(days=20))
    advance.refresh_from_db()
    assert advance.amount == Decimal("5000.00") and advance.sequence == 2
    group = Notice.objects.filter(group=f"advance:{advance.pk}")
    assert group.filter(status=Notice.Status.CANCELLED).count() == 2
    assert group.filter(status=Notice.Status.SCHEDULED).count() == 2
    with pytest.raises(ValidationError):
        s.advance_cancel(advance=advance, by=world.a.lead, reason=" ")
    s.advance_cancel(advance=advance, by=world.a.lead, reason="Суд освободил от пошлины")
    assert not group.filter(status=Notice.Status.SCHEDULED).exists()
    with pytest.raises(InvalidState):
        s.advance_change(advance=advance, by=world.a.lead, amount="1")


def test_the_whole_way_paid_confirmed_spent_and_the_balance(world):
    advance = _request(world)
    with pytest.raises(NotPermitted):
        s.advance_mark_paid(advance=advance, by=world.a.lead, amount="4500", paid_on=TODAY(), payment_order=_order())
    with pytest.raises(NotFound):
        s.advance_mark_paid(advance=advance, by=world.b.user, amount="4500", paid_on=TODAY(), payment_order=_order())
    with pytest.raises(ValidationError) as e:
        s.advance_mark_paid(advance=advance, by=world.a.user, amount="4500", paid_on=TODAY(),
                            payment_order=_order("virus.exe"))  # fmt: skip
    assert "payment_order" in e.value.fields
    s.advance_mark_paid(advance=advance, by=world.a.user, amount="4500", paid_on=TODAY(), payment_order=_order())
    advance.refresh_from_db()
    assert advance.status == Advance.Status.PAID_CLAIMED and advance.payment_order_name == "order.pdf"
    assert Notice.objects.filter(recipient=world.a.lead, kind="advance").exists()
    assert not Notice.objects.filter(group=f"advance:{advance.pk}", status=Notice.Status.SCHEDULED).exists()
    # The specialist may not confirm; the lead may, and the bank says a little less came.
    with pytest.raises(NotPermitted):
        s.advance_confirm(advance=advance, by=world.a.specialist)
    s.advance_confirm(advance=advance, by=world.a.lead, amount="4400.00")
    assert advance_balance([world.a.matter.pk])[world.a.matter.pk].paid == Decimal("4400.00")
    s.advance_spend(advance=advance, by=world.a.specialist, amount="4000", spent_on=TODAY(), description="Пошлина")
    with pytest.raises(ValidationError) as e:
        s.advance_spend(advance=advance, by=world.a.specialist, amount="400.01", spent_on=TODAY(), description="Ещё")
    assert "amount" in e.value.fields
    b = advance_balance([world.a.matter.pk, world.b.matter.pk])
    assert (b[world.a.matter.pk].requested, b[world.a.matter.pk].spent, b[world.a.matter.pk].left) == (
        Decimal("4500.00"),
        Decimal("4000.00"),
        Decimal("400.00"),
    )
    assert b[world.b.matter.pk].requested == Decimal("0.00")


def test_reject_sends_it_back_with_the_reason_and_the_secretary_confirms(world):
    advance = _request(world)
    s.advance_mark_paid(advance=advance, by=world.a.user, amount="4500", paid_on=TODAY(), payment_order=_order())
    s.advance_reject(advance=advance, by=world.secretary, reason="Платёж не поступил")
    advance.refresh_from_db()
    assert advance.status == Advance.Status.REQUESTED and advance.rejection_reason
    with pytest.raises(InvalidState):
        s.advance_reject(advance=advance, by=world.secretary, reason="again")
    s.advance_confirm(advance=advance, by=world.secretary)
    advance.refresh_from_db()
    assert advance.confirmed_amount == Decimal("4500.00")


def test_overdue_blocks_its_task_and_hearing_until_a_partner_overrides(world):
    hearing = fh.HearingFactory(matter=world.a.matter, representative=world.a.lead, created_by=world.a.lead)
    late = fa.AdvanceFactory(matter=world.a.matter, task=world.a.task, due_on=TODAY() - dt.timedelta(days=1))
    fa.AdvanceFactory(matter=world.a.matter, hearing=hearing, due_on=TODAY() - dt.timedelta(days=2))
    fa.AdvanceFactory(matter=world.a.matter, hearing=hearing, due_on=TODAY() + dt.timedelta(days=2))
    found = blocking_advances([world.a.task, hearing, world.b.task])
    assert set(found) == {world.a.task, hearing} and found[world.a.task] == [late]
    assert ports.blocking_advances([world.a.task]) == {world.a.task: [late]}  # billing filled the port
    with pytest.raises(NotPermitted):
        s.advance_override(advance=late, by=world.a.lead, reason="Срочно")
    s.advance_override(advance=late, by=world.partner, reason="Клиент платит завтра, срок подачи сегодня")
    assert world.a.task not in blocking_advances([world.a.task])


def test_dashboard_items_for_the_client_only_and_in_one_query(world, django_assert_num_queries):
    fa.AdvanceFactory(matter=world.a.matter)
    fa.AdvanceFactory(matter=world.a.matter)
    fa.AdvanceFactory(matter=world.b.matter)
    with django_assert_num_queries(1):
        items = advances_needed(user=world.a.user, matter_ids=[world.a.matter.pk, world.b.matter.pk], make=Needed)
    assert list(items) == [world.a.matter.pk] and len(items[world.a.matter.pk]) == 2
    assert items[world.a.matter.pk][0].kind == "advance"
    assert advances_needed(user=world.a.lead, matter_ids=[world.a.matter.pk], make=Needed) == {}
