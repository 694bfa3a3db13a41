"""What hearings tell people: the immediate notices and the scheduled reminders (issue 11, rule 8).

Everything is written into the notices outbox in the transaction of the change. The reminders of a
hearing share the group ``hearing:<pk>`` so that a reschedule or a cancellation withdraws them at once;
their keys ``hearing:<pk>:seq<sequence>:<days>d:<recipient>`` make each exactly once.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notices.kinds import APPEARANCE, reminder_days
from notices.models import Notice
from notices.services import notice_to_address, notice_to_user, notices_cancel

from ..models import Attendee, Hearing
from ..zones import zone_label


def group_of(hearing: Hearing) -> str:
    return f"hearing:{hearing.pk}"


def hearing_url(hearing: Hearing) -> str:
    return reverse("hearings:hearing_detail", args=[hearing.pk])


def link_url(attendee: Attendee) -> str:
    """The no-account page where an outside contact answers (absolute: it goes into an e-mail)."""
    from .attendance import attendance_token

    return settings.SITE_URL + reverse("hearings:attendance_link", args=[attendance_token(attendee)])


def _context(hearing: Hearing, **extra) -> dict:
    firm_zone = settings.TIME_ZONE
    return {
        "hearing": hearing,
        "matter": hearing.matter,
        "place_zone": hearing.time_zone,
        "place_zone_label": zone_label(hearing.time_zone),
        "firm_zone": firm_zone,
        "firm_zone_label": zone_label(firm_zone),
        "other_zone": hearing.time_zone != firm_zone,
        "portal_url": settings.SITE_URL + hearing_url(hearing),
        **extra,
    }


def _recipient_key(attendee: Attendee) -> str:
    return f"user{attendee.user_id}" if attendee.user_id else f"attendee{attendee.pk}"


def _to_attendee(attendee: Attendee, *, template: str, key: str = "", due_at=None, **extra) -> None:
    hearing = attendee.hearing
    group = group_of(hearing)
    if attendee.user_id:
        notice_to_user(
            user=attendee.user,
            kind=APPEARANCE,
            template=template,
            context=_context(hearing, attendee=attendee, **extra),
            link=hearing_url(hearing),
            key=key,
            group=group,
            due_at=due_at,
        )
    else:
        notice_to_address(
            to_email=attendee.email,
            language=attendee.language,
            kind=APPEARANCE,
            template=template,
            context=_context(hearing, attendee=attendee, answer_url=link_url(attendee), **extra),
            key=key,
            group=group,
            due_at=due_at,
        )


def _to_representative(hearing: Hearing, *, template: str, key: str = "", due_at=None, **extra) -> None:
    if hearing.representative_id is None:
        return
    notice_to_user(
        user=hearing.representative,
        kind=APPEARANCE,
        template=template,
        context=_context(hearing, representing=True, **extra),
        link=hearing_url(hearing),
        key=key,
        group=group_of(hearing),
        due_at=due_at,
    )


def _attendees(hearing: Hearing, only=None) -> list[Attendee]:
    rows = only if only is not None else list(hearing.attendees.select_related("user"))
    for row in rows:
        row.hearing = hearing
    return rows


def write_reminders(hearing: Hearing, *, only: list[Attendee] | None = None, representative: bool = True) -> None:
    """The reminders of this version of the hearing, at each configured number of days before it (none in the past)."""
    now = timezone.now()
    for days in reminder_days(APPEARANCE):
        due_at = hearing.starts_at - dt.timedelta(days=days)
        if due_at <= now:
            continue
        prefix = f"hearing:{hearing.pk}:seq{hearing.sequence}:{days}d"
        for attendee in _attendees(hearing, only):
            _to_attendee(
                attendee,
                template="hearing_reminder",
                key=f"{prefix}:{_recipient_key(attendee)}",
                due_at=due_at,
                days=days,
            )
        if representative and hearing.representative_id:
            _to_representative(
                hearing,
                template="hearing_reminder",
                key=f"{prefix}:user{hearing.representative_id}",
                due_at=due_at,
                days=days,
            )


def cancel_reminders(hearing: Hearing) -> int:
    return notices_cancel(group=group_of(hearing))


def cancel_reminders_of(attendee: Attendee) -> int:
    """Withdraw one removed attendee's pending reminders (the rest of the hearing's stay)."""
    return Notice.objects.filter(
        group=group_of(attendee.hearing),
        status=Notice.Status.SCHEDULED,
        key__endswith=f":{_recipient_key(attendee)}",
    ).update(status=Notice.Status.CANCELLED)


def announce(
    hearing: Hearing, template: str, *, only: list[Attendee] | None = None, representative: bool = True, **extra
):
    """An immediate notice to every attendee (or `only` these) and the representative."""
    for attendee in _attendees(hearing, only):
        _to_attendee(attendee, template=template, **extra)
    if representative:
        _to_representative(hearing, template=template, **extra)


def tell_declined(attendee: Attendee) -> None:
    """The hearing's representative (else the matter's lead) hears at once that a required attendee cannot come."""
    hearing = attendee.hearing
    person = hearing.representative or hearing.matter.assignments.filter(is_lead=True).select_related("user").first()
    user = getattr(person, "user", person)
    if user is None:
        return
    notice_to_user(
        user=user,
        kind="hearing_declined",
        template="hearing_declined",
        context=_context(
            hearing,
            attendee=attendee,
            attendee_name=attendee.name or getattr(attendee.user, "full_name", "") or attendee.email,
            representing=True,
        ),
        link=hearing_url(hearing),
        key=f"hearing:{hearing.pk}:seq{hearing.sequence}:declined:{_recipient_key(attendee)}:{attendee.responded_at:%s}",
    )
