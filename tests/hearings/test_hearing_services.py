"""Scheduling, changing, moving and cancelling hearings; answers; reminders; the power-of-attorney warning."""

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from hearings.models import Attendee, Hearing
from hearings.selectors.hearings import poa_missing, poa_missing_for
from hearings.services import attendance
from hearings.services import hearings as services
from hearings.services.hearings import Contact
from notices.models import Notice
from tests import factories as f
from tests import factories_hearings as fh
from tests import factories_powers as fp
from timeline.models import TimelineEvent


def _at(days=10, hour=10, zone="Asia/Yekaterinburg"):
    from zoneinfo import ZoneInfo

    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=ZoneInfo(zone))


def _schedule(world, **kw):
    a = world.a
    values = {
        "matter": a.matter,
        "by": a.lead,
        "starts_at": _at(),
        "ends_at": _at(hour=11),
        "venue": "Арбитражный суд Свердловской области",
        "room": "410",
        "case_number": "А60-1/2026",
        "representative": a.lead,
        "client_users": [a.user],
        "contacts": [Contact(name="Петров Пётр", email="Witness@Example.test", kind="witness", language="en")],
    }
    values.update(kw)
    return services.hearing_schedule(**values)


def _keys(hearing, status=Notice.Status.SCHEDULED):
    return set(Notice.objects.filter(group=f"hearing:{hearing.pk}", status=status).values_list("key", flat=True))


def test_schedule_records_attendees_timeline_notices_and_reminders(world):
    hearing = _schedule(world)
    assert hearing.sequence == 0 and hearing.status == Hearing.Status.SCHEDULED
    people = {(a.kind, a.user_id, a.email) for a in hearing.attendees.all()}
    assert people == {("client_user", world.a.user.pk, ""), ("witness", None, "witness@example.test")}
    assert TimelineEvent.objects.filter(matter=world.a.matter, kind="hearing", ref_id=hearing.pk).exists()
    now_sent = Notice.objects.filter(group=f"hearing:{hearing.pk}").exclude(status=Notice.Status.SCHEDULED)
    assert {n.to_email for n in now_sent} == {world.a.user.email, "witness@example.test", world.a.lead.email}
    witness = Attendee.objects.get(email="witness@example.test")
    keys = _keys(hearing)
    for days in (7, 1):
        assert f"hearing:{hearing.pk}:seq0:{days}d:user{world.a.user.pk}" in keys
        assert f"hearing:{hearing.pk}:seq0:{days}d:attendee{witness.pk}" in keys
        assert f"hearing:{hearing.pk}:seq0:{days}d:user{world.a.lead.pk}" in keys
    reminder = Notice.objects.get(key=f"hearing:{hearing.pk}:seq0:7d:attendee{witness.pk}")
    assert reminder.due_at == hearing.starts_at - dt.timedelta(days=7)
    assert "/attend/" in reminder.body_text


def test_reminders_in_the_past_are_skipped(world):
    hearing = _schedule(world, starts_at=_at(days=3), ends_at=None)
    assert {k.split(":")[3] for k in _keys(hearing)} == {"1d"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": _at(hour=9)}, "ends_at"),
        ({"starts_at": timezone.now() - dt.timedelta(hours=1), "ends_at": None}, "starts_at"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"kind": "party"}, "kind"),
        ({"contacts": [Contact(name="Без почты", email="not-an-address")]}, "contacts"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, change, field):
    with pytest.raises(ValidationError) as refused:
        _schedule(world, **change)
    assert field in refused.value.fields
    assert not Hearing.objects.exists() and not Notice.objects.exists()


def test_representative_must_be_on_the_matter_and_users_of_the_client(world):
    with pytest.raises(ValidationError) as refused:
        _schedule(world, representative=world.b.lead)
    assert "representative" in refused.value.fields
    with pytest.raises(ValidationError) as refused:
        _schedule(world, client_users=[world.b.user])
    assert "client_users" in refused.value.fields
    assert not Hearing.objects.exists()


def test_closed_matter_and_outsiders_are_refused(world):
    with pytest.raises(NotPermitted):
        _schedule(world, by=world.b.lead)
    with pytest.raises(NotPermitted):
        _schedule(world, by=world.a.user)
    world.a.matter.status = "closed"
    world.a.matter.save()
    with pytest.raises(InvalidState):
        _schedule(world)


def test_reschedule_voids_answers_links_and_moves_reminders(world):
    hearing = _schedule(world)
    mine = hearing.attendees.get(user=world.a.user)
    attendance.attendance_respond(attendee=mine, by=world.a.user, confirmed=True)
    witness = hearing.attendees.get(user__isnull=True)
    old_token = attendance.attendance_token(witness)
    old_keys = _keys(hearing)

    moved = services.hearing_reschedule(hearing=hearing, by=world.a.lead, starts_at=_at(days=20), ends_at=None)

    assert moved.sequence == 1
    assert set(moved.attendees.values_list("response", flat=True)) == {"pending"}
    assert _keys(moved, Notice.Status.CANCELLED) == old_keys
    new_keys = _keys(moved)
    assert new_keys and all(":seq1:" in k for k in new_keys)
    assert Notice.objects.get(key=f"hearing:{hearing.pk}:seq1:7d:user{world.a.user.pk}").due_at == _at(days=13)
    with pytest.raises(attendance.LinkRefused) as refused:
        attendance.attendee_from_token(old_token)
    assert refused.value.reason == "void"
    moved_notices = Notice.objects.filter(subject__startswith="Moved")
    assert {n.to_email for n in moved_notices} == {world.a.user.email, "witness@example.test", world.a.lead.email}


def test_cancel_withdraws_reminders_and_links(world):
    hearing = _schedule(world)
    witness = hearing.attendees.get(user__isnull=True)
    token = attendance.attendance_token(witness)
    with pytest.raises(ValidationError):
        services.hearing_cancel(hearing=hearing, by=world.a.lead, reason=" ")
    services.hearing_cancel(hearing=hearing, by=world.a.lead, reason="Суд отложил заседание")
    assert not _keys(hearing)
    assert _keys(hearing, Notice.Status.CANCELLED)
    with pytest.raises(attendance.LinkRefused):
        attendance.attendee_from_token(token)
    cancelled = Notice.objects.filter(subject__startswith="Cancelled")
    assert {n.to_email for n in cancelled} >= {world.a.user.email, "witness@example.test"}
    with pytest.raises(InvalidState):
        services.hearing_reschedule(hearing=Hearing.objects.get(), by=world.a.lead, starts_at=_at(days=30))


def test_link_works_once_and_records_only_on_the_answer(world):
    hearing = _schedule(world)
    witness = hearing.attendees.get(user__isnull=True)
    token = attendance.attendance_token(witness)
    assert attendance.attendee_from_token(token) == witness
    with pytest.raises(ValidationError):
        attendance.attendance_respond_by_link(token=token, confirmed=False, reason="")
    answered = attendance.attendance_respond_by_link(token=token, confirmed=False, reason="В командировке")
    assert answered.response == "declined" and answered.reason == "В командировке"
    with pytest.raises(attendance.LinkRefused) as refused:
        attendance.attendance_respond_by_link(token=token, confirmed=True)
    assert refused.value.reason == "used"
    assert Attendee.objects.get(pk=witness.pk).response == "declined"


def test_link_expires_at_the_start_and_rejects_forgeries(world):
    hearing = _schedule(world)
    witness = hearing.attendees.get(user__isnull=True)
    token = attendance.attendance_token(witness)
    with pytest.raises(attendance.LinkRefused) as refused:
        attendance.attendee_from_token(token, now=hearing.starts_at + dt.timedelta(minutes=1))
    assert refused.value.reason == "expired"
    forged = signing.dumps({"a": witness.pk, "s": 0}, salt="another.salt")
    for bad in (forged, token[:-2] + "xx", "nonsense"):
        with pytest.raises(attendance.LinkRefused) as refused:
            attendance.attendee_from_token(bad)
        assert refused.value.reason == "bad"
    client_row = hearing.attendees.get(user=world.a.user)
    with pytest.raises(attendance.LinkRefused):
        attendance.attendee_from_token(attendance.attendance_token(client_row))


def test_client_user_answers_for_itself_only(world):
    hearing = _schedule(world)
    mine = hearing.attendees.get(user=world.a.user)
    with pytest.raises(NotFound):
        attendance.attendance_respond(attendee=mine, by=world.b.user, confirmed=True)
    with pytest.raises(ValidationError):
        attendance.attendance_respond(attendee=mine, by=world.a.user, confirmed=False, reason="")
    attendance.attendance_respond(attendee=mine, by=world.a.user, confirmed=False, reason="Болею")
    assert TimelineEvent.objects.filter(summary__contains="cannot attend").exists()


def test_update_raises_sequence_and_tells_everyone(world):
    hearing = _schedule(world)
    before = Notice.objects.count()
    assert services.hearing_update(hearing=hearing, by=world.a.lead, room="410").sequence == 0  # no change
    changed = services.hearing_update(hearing=hearing, by=world.a.lead, room="512", notes="Паспорт")
    assert changed.sequence == 1 and changed.room == "512"
    assert Notice.objects.filter(subject__startswith="Details changed").count() == 3
    assert Notice.objects.count() > before
    with pytest.raises(ValidationError):
        services.hearing_update(hearing=changed, by=world.a.lead, representative=world.b.lead)


def test_attendees_added_and_removed_after_scheduling(world):
    hearing = _schedule(world, client_users=[], contacts=[])
    other = f.ClientUserFactory(client=world.a.client)
    added = services.attendee_add(hearing=hearing, by=world.a.lead, user=other)
    assert _keys(hearing) >= {f"hearing:{hearing.pk}:seq0:7d:user{other.pk}"}
    with pytest.raises(ValidationError):
        services.attendee_add(hearing=hearing, by=world.a.lead, user=other)
    with pytest.raises(ValidationError):
        services.attendee_add(hearing=hearing, by=world.a.lead, user=world.b.user)
    services.attendee_remove(attendee=added, by=world.a.lead)
    assert not any(k.endswith(f":user{other.pk}") for k in _keys(hearing))
    assert not hearing.attendees.exists()
    told = Notice.objects.filter(recipient=other, status=Notice.Status.PENDING).latest("id")
    assert told.link == f"/hearings/{hearing.pk}/" and "no longer required" in told.subject


def test_poa_warning_until_a_power_is_signed(world):
    hearing = _schedule(world)
    assert poa_missing_for(hearing) and poa_missing([hearing]) == {hearing.pk}
    fp.PowerFactory(
        client=world.a.client,
        matters=[world.a.matter],
        specialists=[world.a.lead],
        created_by=world.a.lead,
        valid_until=timezone.localdate() + dt.timedelta(days=365),
    )
    hearing.refresh_from_db()
    assert not poa_missing_for(hearing) and poa_missing([hearing]) == set()


def test_a_refusal_reaches_the_representative_at_once(world):
    hearing = fh.HearingFactory(matter=world.a.matter, representative=world.a.lead, created_by=world.a.lead)
    attendee = fh.AttendeeFactory(hearing=hearing, user=world.a.user, name="")
    attendance.attendance_respond(attendee=attendee, by=world.a.user, confirmed=False, reason="В командировке до 20-го")
    notice = Notice.objects.get(kind="hearing_declined")
    assert notice.recipient == world.a.lead and notice.link == f"/hearings/{hearing.pk}/"
    assert world.a.user.full_name in notice.subject and "В командировке до 20-го" in notice.body_text
    # Confirming afterwards tells nobody; declining again with the same answer is not sent twice.
    attendance.attendance_respond(attendee=attendee, by=world.a.user, confirmed=True)
    assert Notice.objects.filter(kind="hearing_declined").count() == 1
