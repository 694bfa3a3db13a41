"""Rule 12: the client may know and choose its specialist; a partner answers the request."""

from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import LAWYER_ROLES, Role, User

from ..access import confidential_matters
from ..models import Assignment, Matter, SpecialistProfile, SpecialistRequest
from .matters import assignment_add

PROFILE_FIELDS = (
    "position",
    "position_en",
    "practising_since",
    "qualifications",
    "qualifications_en",
    "is_advocate",
    "advocate_registry_number",
    "languages",
    "biography",
    "biography_en",
    "birth_date",
    "id_document",
    "is_listed",
)
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024


def _checked_photo(photo):
    """A photo is a real JPEG, PNG or WebP image of at most 5 MB; its name gets the matching suffix."""
    from PIL import Image, UnidentifiedImageError

    error = ValidationError(fields={"photo": [_("The photo must be a JPEG, PNG or WebP image of at most 5 MB.")]})
    if not 0 < (photo.size or 0) <= PHOTO_MAX_BYTES:
        raise error
    try:
        photo.seek(0)
        with Image.open(photo) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise error from None
    finally:
        photo.seek(0)
    if kind not in PHOTO_FORMATS:
        raise error
    photo.name = PurePosixPath(photo.name or "photo").stem + PHOTO_FORMATS[kind]
    return photo


@transaction.atomic
def specialist_profile_save(*, specialist: User, by, practice_areas=None, photo=None, **fields) -> SpecialistProfile:
    """A specialist keeps their own profile; a partner may keep anyone's.

    `photo`: a new image, False to remove the current one, None to keep it.
    """
    if specialist.role not in LAWYER_ROLES:
        raise ValidationError(_("Profiles are kept for the firm's lawyers."))
    if not (by.pk == specialist.pk or by.sees_everything):
        raise NotPermitted(_("Only the specialist or a partner may change this profile."))
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(fields={name: [_("Unknown field.")] for name in unknown})
    profile, _created = SpecialistProfile.objects.get_or_create(user=specialist)
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    year = profile.practising_since
    if year is not None and not 1950 <= int(year) <= timezone.localdate().year:
        errors["practising_since"] = [_("Give the year the specialist began to practise.")]
    if profile.is_advocate and not profile.advocate_registry_number:
        errors["advocate_registry_number"] = [_("An advocate's number in the register is required.")]
    if profile.birth_date and profile.birth_date >= timezone.localdate():
        errors["birth_date"] = [_("The date of birth must be in the past.")]
    if errors:
        raise ValidationError(fields=errors)
    old_photo = profile.photo.name if profile.photo else ""
    if photo is False:
        profile.photo = ""
    elif photo is not None:
        profile.photo = _checked_photo(photo)
    profile.save()
    if old_photo and old_photo != profile.photo.name:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    if practice_areas is not None:
        profile.practice_areas.set(practice_areas)
    return profile


def _partners():
    return User.objects.filter(role=Role.PARTNER, is_active=True)


@transaction.atomic
def specialist_request_create(*, matter: Matter, by, specialist: User, event: str = "", note: str = ""):
    """A client user asks for a named specialist on a matter, or for one hearing or meeting."""
    if by.role != Role.CLIENT:
        raise NotPermitted(_("The client asks for a specialist; the firm assigns its people directly."))
    if not confidential_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    if matter.status == Matter.Status.CLOSED:
        raise InvalidState(_("The matter is closed."))
    profile = SpecialistProfile.objects.filter(user=specialist, is_listed=True).first()
    if specialist.role not in LAWYER_ROLES or not specialist.is_active or profile is None:
        raise ValidationError(fields={"specialist": [_("Choose a specialist from the firm's directory.")]})
    event = (event or "").strip()
    if not event and Assignment.objects.filter(matter=matter, user=specialist).exists():
        raise ValidationError(fields={"specialist": [_("This specialist already works on the matter.")]})
    if SpecialistRequest.objects.filter(
        matter=matter, specialist=specialist, event=event, status=SpecialistRequest.Status.PENDING
    ).exists():
        raise InvalidState(_("You have already asked for this specialist; the firm will answer shortly."))
    request = SpecialistRequest.objects.create(
        matter=matter, specialist=specialist, event=event, note=(note or "").strip(), requested_by=by
    )
    for partner in _partners():
        notice_to_user(
            user=partner,
            kind="specialist_requested",
            template="specialist_requested",
            context={"request": request},
        )
    return request


@transaction.atomic
def specialist_request_answer(*, request: SpecialistRequest, by, grant: bool, reason: str = "") -> SpecialistRequest:
    """A partner grants the request (the specialist joins the matter) or refuses it with a reason."""
    if not by.sees_everything:
        raise NotPermitted(_("A partner answers requests for a specialist."))
    request = SpecialistRequest.objects.select_for_update().select_related("matter").get(pk=request.pk)
    if request.status != SpecialistRequest.Status.PENDING:
        raise InvalidState(_("This request has already been answered."))
    reason = (reason or "").strip()
    if not grant and not reason:
        raise ValidationError(fields={"reason": [_("Tell the client why the request is refused.")]})
    if grant and not request.event:
        assignment_add(by=by, matter=request.matter, user=request.specialist)
    request.status = SpecialistRequest.Status.GRANTED if grant else SpecialistRequest.Status.REFUSED
    request.refusal_reason = "" if grant else reason
    request.answered_by = by
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "refusal_reason", "answered_by", "answered_at"])
    timeline_record(
        matter=request.matter,
        kind=TimelineEvent.Kind.MATTER,
        actor=by,
        summary=gettext_noop("The request for %(specialist)s was granted")
        if grant
        else gettext_noop("The request for %(specialist)s was refused"),
        params={"specialist": request.specialist.full_name},
        detail=request.event if grant else reason,
        ref=request,
    )
    # The specialist hears of a request only when it makes them part of the work.
    people = set(request.matter.client.users.filter(is_active=True))
    if grant:
        people.add(request.specialist)
    for person in people:
        notice_to_user(
            user=person,
            kind="specialist_answered",
            template="specialist_answered",
            context={"request": request},
        )
    return request
