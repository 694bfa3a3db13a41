"""Hearings and meetings on a matter (issue 11, rule 8): schedule, change, reschedule, cancel, attendees.

The firm's people on the matter arrange them (hearings.access: "manage"). Each write validates
everything first and changes nothing on a refusal; it then records the line in the matter's timeline
and writes the notices in the same transaction. A change attendees must hear of raises `sequence`,
which voids the answer links sent for the earlier version; a new time also sets every answer back to
"not answered yet" and moves the reminders.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.caching import bump
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, Matter
from timeline.models import TimelineEvent
from timeline.services import in_languages, timeline_record
from users.models import Role

from ..access import CALENDAR_SCOPE, allowed, may_manage_matter
from ..models import Attendee, Hearing
from ..scopes import bump_matter
from ..zones import zone_of
from . import announce

TEXT_MAX = {"title": 200, "venue": 300, "address": 300, "room": 50, "case_number": 100, "notes": 5000}
CONTACT_KINDS = (Attendee.Kind.EMPLOYEE, Attendee.Kind.WITNESS)
DETAIL_FIELDS = ("kind", "title", "venue", "address", "room", "case_number", "notes", "representative")

_LINES = {
    "scheduled": gettext_noop("%(what)s «%(title)s» was scheduled for %(when)s by %(name)s"),
    "changed": gettext_noop("The details of %(what)s «%(title)s» were changed by %(name)s"),
    "rescheduled": gettext_noop("%(what)s «%(title)s» was moved to %(when)s by %(name)s"),
    "cancelled": gettext_noop("%(what)s «%(title)s» on %(when)s was cancelled by %(name)s"),
}


@dataclass
class Contact:
    """An outside attendee as the firm types it in: a client's employee or a witness, by e-mail."""

    name: str
    email: str
    kind: str = Attendee.Kind.EMPLOYEE
    language: str = "ru"


# --- validation --------------------------------------------------------------------------------


def _check_manager(by, matter: Matter) -> None:
    if not may_manage_matter(by, matter):
        raise NotPermitted(_("Hearings are arranged by the firm's people on the matter, a secretary or a partner."))


def _check_hearing_managed(by, hearing: Hearing) -> None:
    if not allowed(by, hearing, "manage"):
        if allowed(by, hearing, "view"):
            raise NotPermitted(_("Hearings are arranged by the firm's people on the matter, a secretary or a partner."))
        raise NotFound()


def _check_open(hearing: Hearing) -> None:
    if hearing.status == Hearing.Status.CANCELLED:
        raise InvalidState(_("The hearing was cancelled; schedule a new one instead."))
    if hearing.starts_at <= timezone.now():
        raise InvalidState(_("The hearing has already begun; it can no longer be changed."))


def _check_time(starts_at, ends_at, time_zone: str) -> dict:
    errors = {}
    if zone_of(time_zone) is None:
        errors["time_zone"] = [_("Choose the time zone of the place.")]
    if starts_at is None:
        errors["starts_at"] = [_("Give the date and time it starts.")]
    elif timezone.is_naive(starts_at):
        errors["starts_at"] = [_("Give the time with its time zone.")]
    elif starts_at <= timezone.now():
        errors["starts_at"] = [_("The time has already passed; give a time in the future.")]
    later = ends_at is None or starts_at is None or "starts_at" in errors
    if not later and (timezone.is_naive(ends_at) or ends_at <= starts_at):
        errors["ends_at"] = [_("The expected end must be after the start.")]
    return errors


def _check_texts(values: dict) -> dict:
    errors = {}
    for name, limit in TEXT_MAX.items():
        if len(values.get(name) or "") > limit:
            errors[name] = [_("Too long: %(limit)s characters at most.") % {"limit": limit}]
    if values.get("kind") not in Hearing.Kind.values:
        errors["kind"] = [_("Choose what kind of event this is.")]
    return errors


def _check_representative(matter: Matter, representative) -> dict:
    if representative is None:
        return {}
    on_matter = Assignment.objects.filter(matter=matter, user_id=representative.pk).exists()
    if not on_matter or not representative.is_lawyer or not representative.is_active:
        return {"representative": [_("The representative must be a lawyer working on this matter.")]}
    return {}


def _check_client_users(matter: Matter, users) -> dict:
    for user in users:
        if user.role != Role.CLIENT or user.client_id != matter.client_id or not user.is_active:
            return {"client_users": [_("Only the users of this matter's client can be required to attend.")]}
    return {}


def _clean_contacts(contacts) -> tuple[list[Contact], dict]:
    cleaned, errors, seen = [], [], set()
    languages = {code for code, _name in settings.LANGUAGES}
    for contact in contacts:
        name, email = (contact.name or "").strip(), (contact.email or "").strip().lower()
        if not name or not email:
            errors.append(_("Give each outside attendee's name and e-mail address."))
            continue
        try:
            validate_email(email)
        except DjangoValidationError:
            errors.append(_("%(email)s is not a valid e-mail address.") % {"email": email})
            continue
        if contact.kind not in CONTACT_KINDS:
            errors.append(_("An outside attendee is the client's employee or a witness."))
            continue
        if email in seen:
            errors.append(_("%(email)s is listed twice.") % {"email": email})
            continue
        seen.add(email)
        language = contact.language if contact.language in languages else settings.LANGUAGE_CODE
        cleaned.append(Contact(name=name[:200], email=email, kind=contact.kind, language=language))
    return cleaned, ({"contacts": errors} if errors else {})


def _check_matter_open(matter: Matter) -> None:
    if matter.status == Matter.Status.CLOSED:
        raise InvalidState(_("The matter is closed; hearings are not scheduled on it."))


# --- the timeline ------------------------------------------------------------------------------


def _when(hearing: Hearing) -> dict[str, str]:
    """The time as the timeline's readers see every time (the firm's zone), with the place's clock when it differs."""

    def render():
        at = formats.date_format(
            timezone.localtime(hearing.starts_at, timezone.get_default_timezone()), "DATETIME_FORMAT"
        )
        if hearing.time_zone == settings.TIME_ZONE:
            return at
        with timezone.override(hearing.time_zone):
            local = formats.time_format(timezone.localtime(hearing.starts_at), "H:i")
        return f"{at} ({gettext('%(at)s local time of the place') % {'at': local}})"

    return in_languages(render)


def _line(hearing: Hearing, act: str, *, by) -> None:
    timeline_record(
        matter=hearing.matter,
        kind=TimelineEvent.Kind.HEARING,
        actor=by,
        summary=_LINES[act],
        params={
            "what": in_languages(lambda: hearing.get_kind_display().capitalize()),
            "title": str(hearing),
            "when": _when(hearing),
            "name": by.full_name,
        },
        ref=hearing,
    )


# --- the writes --------------------------------------------------------------------------------


def _new_attendees(hearing: Hearing, users, contacts: list[Contact]) -> list[Attendee]:
    rows = [
        Attendee(hearing=hearing, kind=Attendee.Kind.CLIENT_USER, user=u, name=u.full_name, language=u.language)
        for u in users
    ]
    rows += [Attendee(hearing=hearing, kind=c.kind, name=c.name, email=c.email, language=c.language) for c in contacts]
    for row in rows:
        row.save()
    return rows


def hearing_schedule(
    *,
    matter: Matter,
    by,
    starts_at,
    ends_at=None,
    time_zone: str = "",
    kind: str = Hearing.Kind.COURT,
    title: str = "",
    venue: str = "",
    address: str = "",
    room: str = "",
    case_number: str = "",
    notes: str = "",
    representative=None,
    client_users=(),
    contacts=(),
) -> Hearing:
    """Schedule a hearing or meeting with its required attendees; tell them and write their reminders."""
    _check_manager(by, matter)
    _check_matter_open(matter)
    time_zone = time_zone or settings.TIME_ZONE
    texts = {
        "kind": kind,
        "title": title.strip(),
        "venue": venue.strip(),
        "address": address.strip(),
        "room": room.strip(),
        "case_number": case_number.strip(),
        "notes": notes.strip(),
    }
    client_users = list(dict.fromkeys(client_users))
    contacts, contact_errors = _clean_contacts(contacts)
    errors = {
        **_check_texts(texts),
        **_check_time(starts_at, ends_at, time_zone),
        **_check_representative(matter, representative),
        **_check_client_users(matter, client_users),
        **contact_errors,
    }
    if errors:
        raise ValidationError(fields=errors)
    with transaction.atomic():
        hearing = Hearing.objects.create(
            matter=matter,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=time_zone,
            representative=representative,
            created_by=by,
            **texts,
        )
        _new_attendees(hearing, client_users, contacts)
        bump_matter(matter)
        _line(hearing, "scheduled", by=by)
        bump(CALENDAR_SCOPE)
        announce.announce(hearing, "hearing_required")
        announce.write_reminders(hearing)
    return hearing


def _lock(hearing: Hearing) -> Hearing:
    locked = Hearing.objects.select_for_update().get(pk=hearing.pk)
    locked.matter = hearing.matter
    return locked


def hearing_update(*, hearing: Hearing, by, **changes) -> Hearing:
    """Change the details (not the time): place, room, case number, notes, representative.

    A real change raises the sequence and tells everyone, with fresh answer links and reminders;
    the answers given stand (the time is the same).
    """
    _check_hearing_managed(by, hearing)
    _check_open(hearing)
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"not details of a hearing: {sorted(unknown)}")
    values = {name: getattr(hearing, name) for name in DETAIL_FIELDS}
    values.update({k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()})
    errors = {**_check_texts(values), **_check_representative(hearing.matter, values["representative"])}
    if errors:
        raise ValidationError(fields=errors)
    if all(getattr(hearing, name) == values[name] for name in DETAIL_FIELDS):
        return hearing
    with transaction.atomic():
        locked = _lock(hearing)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.sequence += 1
        locked.updated_at = timezone.now()
        locked.save()
        bump_matter(locked.matter)
        _line(locked, "changed", by=by)
        bump(CALENDAR_SCOPE)
        announce.cancel_reminders(locked)
        announce.announce(locked, "hearing_changed")
        announce.write_reminders(locked)
    return locked


def hearing_reschedule(*, hearing: Hearing, by, starts_at, ends_at=None, time_zone: str = "") -> Hearing:
    """Move it: the old answers and links are void, everybody is asked again, the reminders move."""
    _check_hearing_managed(by, hearing)
    _check_open(hearing)
    time_zone = time_zone or hearing.time_zone
    errors = _check_time(starts_at, ends_at, time_zone)
    if errors:
        raise ValidationError(fields=errors)
    if starts_at == hearing.starts_at and ends_at == hearing.ends_at and time_zone == hearing.time_zone:
        raise ValidationError(fields={"starts_at": [_("This is the time already scheduled.")]})
    with transaction.atomic():
        locked = _lock(hearing)
        locked.starts_at, locked.ends_at, locked.time_zone = starts_at, ends_at, time_zone
        locked.sequence += 1
        locked.updated_at = timezone.now()
        locked.save()
        locked.attendees.update(response=Attendee.Response.PENDING, reason="", responded_at=None)
        bump_matter(locked.matter)
        _line(locked, "rescheduled", by=by)
        bump(CALENDAR_SCOPE)
        announce.cancel_reminders(locked)
        announce.announce(locked, "hearing_moved")
        announce.write_reminders(locked)
    return locked


def hearing_cancel(*, hearing: Hearing, by, reason: str) -> Hearing:
    """Cancel with a reason: everyone is told, the pending reminders are withdrawn, the links stop working."""
    _check_hearing_managed(by, hearing)
    _check_open(hearing)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Say why it is cancelled; the attendees will read it.")]})
    if len(reason) > TEXT_MAX["notes"]:
        raise ValidationError(fields={"reason": [_("Too long: %(limit)s characters at most.") % {"limit": 5000}]})
    with transaction.atomic():
        locked = _lock(hearing)
        locked.status = Hearing.Status.CANCELLED
        locked.cancel_reason = reason
        locked.sequence += 1
        locked.updated_at = timezone.now()
        locked.save()
        bump_matter(locked.matter)
        _line(locked, "cancelled", by=by)
        bump(CALENDAR_SCOPE)
        announce.cancel_reminders(locked)
        announce.announce(locked, "hearing_cancelled")
    return locked


def attendee_add(*, hearing: Hearing, by, user=None, contact: Contact | None = None) -> Attendee:
    """Require one more person: a user of the client, or an outside contact; they are told and reminded."""
    _check_hearing_managed(by, hearing)
    _check_open(hearing)
    if (user is None) == (contact is None):
        raise ValidationError(_("Choose a user of the client or give an outside contact."))
    if user is not None:
        errors = _check_client_users(hearing.matter, [user])
        if not errors and hearing.attendees.filter(user=user).exists():
            errors = {"client_users": [_("%(name)s is already required.") % {"name": user.full_name}]}
        contacts = []
    else:
        contacts, errors = _clean_contacts([contact])
        if not errors and hearing.attendees.filter(email=contacts[0].email).exists():
            errors = {"contacts": [_("%(email)s is already required.") % {"email": contacts[0].email}]}
    if errors:
        raise ValidationError(fields=errors)
    with transaction.atomic():
        locked = _lock(hearing)
        (attendee,) = _new_attendees(locked, [user] if user else [], contacts)
        locked.updated_at = timezone.now()
        locked.save(update_fields=["updated_at"])  # the feeds' LAST-MODIFIED
        bump_matter(locked.matter)
        announce.announce(locked, "hearing_required", only=[attendee], representative=False)
        announce.write_reminders(locked, only=[attendee], representative=False)
    return attendee


def attendee_remove(*, attendee: Attendee, by) -> None:
    """No longer required: the attendee is told, its reminders are withdrawn, the row goes (its link finds nothing)."""
    hearing = attendee.hearing
    _check_hearing_managed(by, hearing)
    _check_open(hearing)
    with transaction.atomic():
        _lock(hearing)
        announce.cancel_reminders_of(attendee)
        announce.announce(hearing, "hearing_released", only=[attendee], representative=False)
        attendee.delete()
