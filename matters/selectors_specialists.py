"""Reads of the firm's directory and of the clients' requests for a specialist (rule 12).

The directory is open to everyone signed in (it shows the professional side only; the
identification printed in powers of attorney stays out). Requests are scoped by the matter's
confidential content: the client's own users, the lawyers on the matter, partners.
"""

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from core.errors import NotFound
from users.models import LAWYER_ROLES

from .access import confidential_matters
from .models import PracticeArea, SpecialistProfile, SpecialistRequest


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def visible_profiles(user) -> QuerySet[SpecialistProfile]:
    """Listed profiles of the firm's active lawyers; a partner and the specialist also see unlisted ones."""
    qs = SpecialistProfile.objects.filter(user__is_active=True, user__role__in=LAWYER_ROLES)
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.is_lawyer:
        return qs.filter(Q(is_listed=True) | Q(user=user))
    return qs.filter(is_listed=True)


def visible_specialist_requests(user) -> QuerySet[SpecialistRequest]:
    """The one answer to "may this user see this request": who may see the matter's confidential content."""
    if _inactive(user):
        return SpecialistRequest.objects.none()
    if user.sees_everything:
        return SpecialistRequest.objects.all()
    return SpecialistRequest.objects.filter(matter__in=confidential_matters(user))


def practice_areas() -> QuerySet[PracticeArea]:
    return PracticeArea.objects.order_by("name_ru")


def specialist_directory(*, user, area=None, language: str | None = None) -> QuerySet[SpecialistProfile]:
    """The directory: name order, each profile with its person and practice areas (two queries)."""
    qs = visible_profiles(user).filter(is_listed=True).select_related("user")
    if area:
        qs = qs.filter(practice_areas=area)
    language = (language or "").strip()
    if language:
        qs = qs.filter(languages__icontains=language)
    return (
        qs.annotate(name=F("user__full_name"))
        .prefetch_related(Prefetch("practice_areas", queryset=PracticeArea.objects.order_by("name_ru")))
        .order_by("name", "id")
    )


def specialist_get(*, user, pk) -> SpecialistProfile:
    """One profile by its specialist's id (the user's pk, as in the URLs)."""
    try:
        return (
            visible_profiles(user)
            .select_related("user")
            .prefetch_related(Prefetch("practice_areas", queryset=PracticeArea.objects.order_by("name_ru")))
            .get(user_id=pk)
        )
    except (SpecialistProfile.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def specialist_choices(*, user) -> QuerySet[SpecialistProfile]:
    """The specialists a client may ask for: the listed ones."""
    return visible_profiles(user).filter(is_listed=True).select_related("user").order_by("user__full_name")


def listed_specialist_ids(user_ids) -> set[int]:
    """Which of these people have a listed profile (the matter page links their names): one query."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(SpecialistProfile.objects.filter(user_id__in=ids, is_listed=True).values_list("user_id", flat=True))


def specialist_request_list(*, user, matter=None) -> QuerySet[SpecialistRequest]:
    """Pending first (what a partner must answer), then the newest."""
    qs = visible_specialist_requests(user).select_related("matter", "matter__client", "specialist", "requested_by")
    if matter is not None:
        qs = qs.filter(matter=matter)
    pending_first = Case(
        When(status=SpecialistRequest.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return qs.order_by(pending_first, "-requested_at", "-id")


def specialist_request_get(*, user, pk) -> SpecialistRequest:
    try:
        return (
            visible_specialist_requests(user)
            .select_related("matter", "matter__client", "specialist", "requested_by", "answered_by")
            .get(pk=pk)
        )
    except (SpecialistRequest.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
