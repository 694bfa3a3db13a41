"""Deadline services: typed and computed deadlines, who may set them, reminders written, moved and withdrawn."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from core.errors import InvalidState, NotPermitted, ValidationError
from hearings.models import Deadline
from hearings.periods import compute, explain
from hearings.services.deadline_reminders import reminder_moment
from hearings.services.deadlines import (
    deadline_add,
    deadline_cancel,
    deadline_change,
    deadline_done,
    deadline_passed,
    deadline_preview,
)
from notices.kinds import DEADLINE
from notices.models import Notice
from tests import factories as f
from tests.factories_deadlines import DeadlineFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db
FIRM = ZoneInfo("Asia/Yekaterinburg")


def today():
    return timezone.localdate()


def add(world, **kwargs):
    fields = {
        "matter": world.a.matter,
        "by": world.a.lead,
        "title": "Апелляционная жалоба",
        "responsible": world.a.specialist,
    }
    fields.update(kwargs)
    return deadline_add(**fields)


def scheduled(deadline):
    return Notice.objects.filter(group=f"deadline:{deadline.pk}", status=Notice.Status.SCHEDULED).order_by(
        "due_at", "key"
    )


def test_a_typed_deadline_schedules_reminders_to_the_responsible_and_the_lead(world):
    due = today() + dt.timedelta(days=20)
    deadline = add(world, due_on=due)
    assert deadline.due_on == due and deadline.rule == "" and deadline.explanation == []
    rows = list(scheduled(deadline))
    assert len(rows) == 4  # 3 and 1 days before, to the specialist and to the lead
    assert {n.recipient for n in rows} == {world.a.specialist, world.a.lead}
    assert {n.kind for n in rows} == {DEADLINE}
    three = reminder_moment(due, 3)
    assert three.astimezone(FIRM).time() == dt.time(9, 0)
    assert three.astimezone(FIRM).date() == due - dt.timedelta(days=3)
    assert sorted({n.due_at for n in rows}) == [reminder_moment(due, 3), reminder_moment(due, 1)]
    keys = {n.key for n in rows}
    assert f"deadline:{deadline.pk}:seq0:3d:user{world.a.specialist.pk}" in keys
    assert f"deadline:{deadline.pk}:seq0:1d:user{world.a.lead.pk}" in keys
    assert all(n.link == f"/deadlines/{deadline.pk}/" for n in rows)
    event = TimelineEvent.objects.get(ref_type="deadline", ref_id=deadline.pk)
    assert event.actor == world.a.lead and "Апелляционная жалоба" in event.search_text


def test_the_lead_responsible_gets_one_reminder_per_day(world):
    deadline = add(world, responsible=world.a.lead, due_on=today() + dt.timedelta(days=10))
    assert scheduled(deadline).count() == 2


def test_a_computed_deadline_keeps_its_rule_and_arithmetic(world):
    trigger = today() - dt.timedelta(days=3)
    deadline = add(world, rule="apk_appeal", trigger_date=trigger)
    expected = compute("apk_appeal", trigger)
    assert deadline.due_on == expected.due_on
    assert deadline.rule == "apk_appeal" and deadline.trigger_date == trigger
    assert deadline.explanation == expected.steps
    with translation.override("en"):
        lines = explain(deadline.explanation)
    assert lines[0].startswith("Decision in its final form:")
    assert "(APC RF Art. 114(3))" in lines[1]


def test_a_custom_rule_stores_its_length(world):
    deadline = add(world, rule="custom_workdays", amount=10, trigger_date=today())
    assert deadline.rule == "custom_workdays:10"
    assert deadline.due_on > today()


def test_reminders_whose_moment_has_passed_are_not_written(world):
    deadline = add(world, due_on=today() + dt.timedelta(days=2))  # the 3-day reminder would be in the past
    assert {n.due_at for n in scheduled(deadline)} == {reminder_moment(deadline.due_on, 1)}
    assert not Notice.objects.filter(group=f"deadline:{deadline.pk}").exclude(status=Notice.Status.SCHEDULED)


def test_a_deadline_already_passed_is_recorded_and_flagged_but_reminds_nobody(world):
    deadline = add(world, rule="gpk_appeal", trigger_date=today() - dt.timedelta(days=90))
    assert deadline.due_on < today()
    assert deadline_passed(deadline)
    assert not Notice.objects.filter(group=f"deadline:{deadline.pk}").exists()


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({}, "due_on"),  # neither a date nor a rule
        ({"rule": "nonsense", "trigger_date": dt.date(2026, 1, 15)}, "rule"),
        ({"rule": "apk_appeal"}, "trigger_date"),
        ({"rule": "custom_days", "trigger_date": dt.date(2026, 1, 15)}, "amount"),
        ({"rule": "custom_months", "amount": 999, "trigger_date": dt.date(2026, 1, 15)}, "amount"),
        ({"rule": "apk_appeal", "amount": 3, "trigger_date": dt.date(2026, 1, 15)}, "amount"),
        ({"due_on": dt.date(2206, 1, 1)}, "due_on"),
        ({"rule": "apk_appeal", "trigger_date": dt.date(1926, 1, 1)}, "trigger_date"),
        ({"notes": "x" * 5001, "due_on": dt.date(2026, 1, 15)}, "notes"),
    ],
)
def test_bad_input_is_refused_by_field_and_changes_nothing(world, kwargs, field):
    with pytest.raises(ValidationError) as refused:
        add(world, **kwargs)
    assert field in refused.value.fields
    assert not Deadline.objects.exists() and not Notice.objects.exists()


def test_the_responsible_must_be_a_lawyer_on_the_matter(world):
    for person in (world.b.lead, world.a.user, world.secretary, world.partner):
        with pytest.raises(ValidationError) as refused:
            add(world, responsible=person, due_on=today() + dt.timedelta(days=5))
        assert "responsible" in refused.value.fields
    gone = f.SpecialistFactory(is_active=False)
    world.a.matter.assignments.create(user=gone)
    with pytest.raises(ValidationError):
        add(world, responsible=gone, due_on=today() + dt.timedelta(days=5))
    assert not Deadline.objects.exists()


def test_who_may_set_a_deadline(world):
    for person in (world.a.user, world.b.lead, world.b.specialist):
        with pytest.raises(NotPermitted):
            add(world, by=person, due_on=today() + dt.timedelta(days=5))
    add(world, by=world.a.specialist, due_on=today() + dt.timedelta(days=5))
    add(world, by=world.partner, due_on=today() + dt.timedelta(days=5))
    add(world, by=world.secretary, due_on=today() + dt.timedelta(days=5))
    assert Deadline.objects.count() == 3


def test_a_change_recomputes_raises_the_revision_and_moves_the_reminders(world):
    deadline = add(world, due_on=today() + dt.timedelta(days=20))
    old = set(scheduled(deadline).values_list("pk", flat=True))
    trigger = today() + dt.timedelta(days=1)
    changed = deadline_change(
        deadline=deadline,
        by=world.a.lead,
        title="Кассационная жалоба",
        responsible=world.a.lead,
        rule="gpk_cassation",
        trigger_date=trigger,
    )
    assert changed.sequence == 1 and changed.due_on == compute("gpk_cassation", trigger).due_on
    assert set(Notice.objects.filter(pk__in=old).values_list("status", flat=True)) == {Notice.Status.CANCELLED}
    new = list(scheduled(changed))
    assert len(new) == 2 and all(":seq1:" in n.key for n in new)  # the lead is responsible now: one each day
    assert {n.due_at for n in new} == {reminder_moment(changed.due_on, 3), reminder_moment(changed.due_on, 1)}
    assert "Кассационная жалоба" in new[0].subject


def test_a_refused_change_leaves_everything_as_it_was(world):
    deadline = add(world, due_on=today() + dt.timedelta(days=20))
    with pytest.raises(ValidationError):
        deadline_change(deadline=deadline, by=world.a.lead, title="", responsible=world.a.lead, due_on=None)
    deadline.refresh_from_db()
    assert deadline.sequence == 0 and deadline.title == "Апелляционная жалоба"
    assert scheduled(deadline).count() == 4


def test_done_and_cancel_withdraw_the_reminders_and_close_the_deadline(world):
    one = add(world, due_on=today() + dt.timedelta(days=20))
    two = add(world, due_on=today() + dt.timedelta(days=21))
    one = deadline_done(deadline=one, by=world.a.specialist)
    assert one.status == Deadline.Status.DONE and one.done_at and one.sequence == 1
    two = deadline_cancel(deadline=two, by=world.a.lead)
    assert two.status == Deadline.Status.CANCELLED and two.done_at is None
    assert not Notice.objects.filter(status=Notice.Status.SCHEDULED).exists()
    with pytest.raises(InvalidState):
        deadline_done(deadline=one, by=world.a.lead)
    with pytest.raises(InvalidState):
        deadline_change(deadline=two, by=world.a.lead, title="x", responsible=world.a.lead, due_on=today())
    assert not deadline_passed(one)


def test_a_client_or_another_team_cannot_close_a_deadline(world):
    deadline = DeadlineFactory(matter=world.a.matter)
    for person in (world.a.user, world.b.lead):
        with pytest.raises(NotPermitted):
            deadline_done(deadline=deadline, by=person)
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.OPEN


def test_the_preview_computes_without_writing(world):
    computation = deadline_preview(rule="apk_appeal", trigger_date=dt.date(2026, 1, 15))
    assert computation.due_on == dt.date(2026, 2, 16)
    with pytest.raises(ValidationError) as refused:
        deadline_preview(rule="custom_days", trigger_date=None)
    assert set(refused.value.fields) == {"trigger_date", "amount"}
    assert not Deadline.objects.exists()


def test_the_reminder_reads_well_in_both_languages(world):
    world.a.specialist.language = "ru"
    world.a.specialist.save()
    deadline = add(world, rule="apk_appeal", trigger_date=today() + dt.timedelta(days=1))
    ru = scheduled(deadline).get(recipient=world.a.specialist, key__contains=":3d:")
    en = scheduled(deadline).get(recipient=world.a.lead, key__contains=":3d:")
    assert "Апелляционная жалоба" in ru.subject and world.a.matter.number in ru.body_text
    assert deadline.due_on.strftime("%d.%m.%Y") in ru.body_text
    assert "Deadline in 3 days" in en.subject
    assert "APC RF Art. 259(1)" in en.body_text and "APC RF Art. 114(3)" in en.body_text
    assert f"Responsible: {world.a.specialist.full_name}." in en.body_text
    assert "Ответственный — вы." in ru.body_text and "Ответственный — вы." not in en.body_text
    assert f"/deadlines/{deadline.pk}/" in en.body_text
