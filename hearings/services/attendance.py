"""Answers of the required attendees: "I will attend" or "I cannot", with a reason.

A client user answers in the portal. An outside contact answers through the link in its e-mail,
with no account: the token is signed (django.core.signing, its own salt) over the attendee's id and
the hearing's sequence; it expires when the hearing starts (and after MAX_AGE at most), works once
(an answer given stands), and a reschedule or any change that raised the sequence voids it. The
page behind the link shows the hearing and two buttons; only the POST of a button records the answer,
so mail scanners that open every link change nothing.
"""

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, ValidationError
from timeline.models import TimelineEvent
from timeline.services import timeline_record

from ..access import my_attendances
from ..models import Attendee, Hearing
from .announce import tell_declined

SALT = "hearings.attendance"
MAX_AGE = 60 * 60 * 24 * 120  # seconds; a hearing is rarely scheduled further ahead than four months
REASON_MAX = 2000

_LINES = {
    Attendee.Response.CONFIRMED: gettext_noop("%(name)s will attend «%(title)s»"),
    Attendee.Response.DECLINED: gettext_noop("%(name)s cannot attend «%(title)s»"),
}


class LinkRefused(InvalidState):
    """The answer link cannot be used; `reason` says why (bad, expired, void, used, cancelled)."""

    def __init__(self, reason: str, message):
        self.reason = reason
        super().__init__(message, code=f"link_{reason}")


def attendance_token(attendee: Attendee) -> str:
    return signing.dumps({"a": attendee.pk, "s": attendee.hearing.sequence}, salt=SALT, compress=True)


def attendee_from_token(token: str, *, now=None) -> Attendee:
    """The attendee the link was made for, if it may still answer through it; else LinkRefused."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise LinkRefused("expired", _("This link has expired.")) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkRefused("bad", _("This link is not valid. Check that it was copied whole.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int) or not isinstance(data.get("s"), int):
        raise LinkRefused("bad", _("This link is not valid. Check that it was copied whole."))
    attendee = (
        Attendee.objects.select_related("hearing__matter", "hearing__representative")
        .filter(pk=data["a"], user__isnull=True)
        .first()
    )
    if attendee is None:
        raise LinkRefused("void", _("This link is no longer valid: you are not required at this event any more."))
    hearing = attendee.hearing
    if hearing.status == Hearing.Status.CANCELLED:
        raise LinkRefused("cancelled", _("This event has been cancelled; no answer is needed."))
    if hearing.sequence != data["s"]:
        raise LinkRefused(
            "void", _("The event has changed since this link was sent; use the link in the latest e-mail.")
        )
    if hearing.starts_at <= now:
        raise LinkRefused("expired", _("This link has expired: the event has already begun."))
    if attendee.response != Attendee.Response.PENDING:
        raise LinkRefused("used", _("Your answer has already been recorded; this link works only once."))
    return attendee


def _record(attendee: Attendee, *, confirmed: bool, reason: str, by=None) -> Attendee:
    reason = (reason or "").strip()
    if not confirmed and not reason:
        raise ValidationError(fields={"reason": [_("Say why you cannot attend.")]})
    if len(reason) > REASON_MAX:
        raise ValidationError(fields={"reason": [_("Too long: %(limit)s characters at most.") % {"limit": REASON_MAX}]})
    with transaction.atomic():
        locked = Attendee.objects.select_for_update().select_related("hearing__matter").get(pk=attendee.pk)
        hearing = locked.hearing
        if hearing.status == Hearing.Status.CANCELLED:
            raise InvalidState(_("This event has been cancelled; no answer is needed."))
        if hearing.starts_at <= timezone.now():
            raise InvalidState(_("The event has already begun."))
        locked.response = Attendee.Response.CONFIRMED if confirmed else Attendee.Response.DECLINED
        locked.reason = "" if confirmed else reason
        locked.responded_at = timezone.now()
        locked.save(update_fields=["response", "reason", "responded_at"])
        timeline_record(
            matter=hearing.matter,
            kind=TimelineEvent.Kind.HEARING,
            actor=by,
            summary=_LINES[locked.response],
            params={"name": locked.name or str(by or locked.email), "title": str(hearing)},
            detail=locked.reason,
            ref=hearing,
        )
        if locked.response == Attendee.Response.DECLINED:
            tell_declined(locked)
    return locked


def attendance_respond(*, attendee: Attendee, by, confirmed: bool, reason: str = "") -> Attendee:
    """A client user answers for itself in the portal (and may change its answer until the event)."""
    if not my_attendances(by).filter(pk=attendee.pk).exists():
        raise NotFound()
    return _record(attendee, confirmed=confirmed, reason=reason, by=by)


def attendance_respond_by_link(*, token: str, confirmed: bool, reason: str = "") -> Attendee:
    """An outside contact answers through its e-mail's link: once, for this version of the event."""
    attendee = attendee_from_token(token)
    with transaction.atomic():
        Attendee.objects.select_for_update().filter(pk=attendee.pk).first()
        attendee = attendee_from_token(token)  # again under the lock: two presses record one answer
        return _record(attendee, confirmed=confirmed, reason=reason)
