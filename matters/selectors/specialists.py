"""Reads of the firm's directory and of the clients' requests for a specialist (rule 12).

The directory is open to everyone signed in (it shows the professional side only; the
identification printed in powers of attorney stays out). Requests are scoped by the matter's
confidential content: the client's own users, the lawyers on the matter, partners.
"""

from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from core.errors import NotPermitted
from core.selectors import get_visible

from ..access import profile_owners, visible_profiles, visible_specialist_requests
from ..models import PracticeArea, SpecialistProfile, SpecialistRequest


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def practice_areas() -> QuerySet[PracticeArea]:
    return PracticeArea.objects.order_by("name_ru")


def practice_area_find(pk) -> PracticeArea | None:
    return PracticeArea.objects.filter(pk=pk).first()


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
    return get_visible(
        visible_profiles(user)
        .select_related("user")
        .prefetch_related(Prefetch("practice_areas", queryset=PracticeArea.objects.order_by("name_ru"))),
        user_id=pk,
    )


def profile_owner_get(*, user, pk=None):
    """The lawyer whose profile the user edits: oneself (/specialists/me/), or anyone's for a partner; else 404."""
    if pk is None or pk == user.pk:
        if not user.is_lawyer:
            raise NotPermitted(_("Profiles are kept for the firm's lawyers."))
        return user
    return get_visible(profile_owners(user), pk=pk)


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


def specialist_requests_by_status(*, user, status: str | None = None) -> QuerySet[SpecialistRequest]:
    """The requests the user may see, of one status if given, unordered (the API pages them newest first)."""
    qs = visible_specialist_requests(user).select_related("matter", "specialist")
    return qs.filter(status=status) if status else qs


def specialist_request_get(*, user, pk) -> SpecialistRequest:
    return get_visible(
        visible_specialist_requests(user).select_related(
            "matter", "matter__client", "specialist", "requested_by", "answered_by"
        ),
        pk=pk,
    )
