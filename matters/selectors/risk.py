"""Reads of recommendations and risk notices (rules 3 and 10), scoped by matters.access."""

from django.db.models import Prefetch, QuerySet

from core.selectors import get_visible
from users.models import Role

from ..access import allowed, visible_recommendations, visible_risk_notices
from ..models import Matter, Recommendation, RiskAcknowledgement, RiskNotice
from ..services.risk import acknowledgement_text, signing_language, text_fingerprint


def recommendation_list(*, user, matter: Matter) -> QuerySet[Recommendation]:
    return (
        visible_recommendations(user)
        .filter(matter=matter)
        .select_related("author", "responded_by")
        .order_by("-created_at", "-id")
    )


def recommendation_get(*, user, pk) -> Recommendation:
    return get_visible(visible_recommendations(user).select_related("matter", "author", "responded_by"), pk=pk)


def _risk_related(qs: QuerySet[RiskNotice]) -> QuerySet[RiskNotice]:
    return qs.select_related("matter", "created_by", "withdrawn_by", "supersedes", "superseded_by").prefetch_related(
        Prefetch("acknowledgements", queryset=RiskAcknowledgement.objects.select_related("user").order_by("id"))
    )


def risk_list(*, user, matter: Matter) -> QuerySet[RiskNotice]:
    """The matter's risk notices, newest first."""
    return _risk_related(visible_risk_notices(user).filter(matter=matter)).order_by("-created_at", "-id")


def risk_get(*, user, pk) -> RiskNotice:
    return get_visible(_risk_related(visible_risk_notices(user)), pk=pk)


def risks_to_acknowledge(*, user) -> QuerySet[RiskNotice]:
    """Risk notices waiting for the client's acknowledgement, oldest first: for the dashboards.

    For a client user: what the user is asked to acknowledge. For the firm's people: what their
    clients have not acknowledged yet on the matters they see. A scoped queryset.
    """
    return visible_risk_notices(user).filter(status=RiskNotice.Status.OPEN).order_by("created_at", "id")


def open_risk_count(*, user, matter: Matter) -> int:
    return visible_risk_notices(user).filter(matter=matter, status=RiskNotice.Status.OPEN).count()


def risk_permissions(*, user, notice: RiskNotice) -> dict[str, bool]:
    """The buttons of a notice's page (the services check the same rules)."""
    is_open = notice.status == RiskNotice.Status.OPEN
    client = user.role == Role.CLIENT
    return {
        "acknowledge": is_open and client,
        "withdraw": is_open and client and notice.kind == RiskNotice.Kind.WARNING,
        "supersede": is_open and user.is_lawyer,
    }


def risk_text_for(*, user, notice: RiskNotice) -> tuple[str, str]:
    """The text the user would acknowledge and its fingerprint (what the acknowledge page shows)."""
    text = acknowledgement_text(notice, language=signing_language(user))
    return text, text_fingerprint(text)


def recommendation_permissions(*, user, item: Recommendation) -> dict[str, bool]:
    return {"respond": allowed(user, item, "respond")}
