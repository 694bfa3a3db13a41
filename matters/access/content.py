"""The rest of the matter's daily work (rules 1, 3, 6, 9, 10): the timeline, messages,
recommendations, risk notices, the documents register, subcontracting and specialist requests.

A client user sees what concerns its own client; the firm's people see the matters whose
secrets they may see (confidential_matters); a partner sees everything.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from users.models import Role

from .common import _check, _inactive, _my_clients, _my_matters
from .matters import confidential_matters


def visible_timeline(user) -> QuerySet:
    from timeline.models import TimelineEvent

    qs = TimelineEvent.objects.filter(matter__in=confidential_matters(user))
    if not _inactive(user) and user.role == Role.CLIENT:
        qs = qs.filter(client_visible=True)
    return qs


def visible_messages(user) -> QuerySet:
    from ..models import Message

    return Message.objects.filter(matter__in=confidential_matters(user))


MESSAGE_ACTIONS = ("view", "edit")


def message_edit_window() -> timedelta:
    """How long the author may correct a message (setting MESSAGE_EDIT_MINUTES, 15 by default)."""
    return timedelta(minutes=settings.MESSAGE_EDIT_MINUTES)


def visible_recommendations(user) -> QuerySet:
    from ..models import Recommendation

    return Recommendation.objects.filter(matter__in=confidential_matters(user))


RECOMMENDATION_ACTIONS = ("view", "respond")


def recommendation_side(user) -> str | None:
    """The client's people recommend for the client, the firm's lawyers for the firm; nobody else."""
    from ..models import Recommendation

    if _inactive(user):
        return None
    if user.role == Role.CLIENT:
        return Recommendation.Side.CLIENT
    if user.is_lawyer:
        return Recommendation.Side.FIRM
    return None


def restrict_recommendations(user, action: str = "view") -> QuerySet:
    """ "view": visible_recommendations; "respond": the other side answers, once."""
    _check(action, RECOMMENDATION_ACTIONS)
    qs = visible_recommendations(user)
    if action == "view":
        return qs
    side = recommendation_side(user)
    if side is None:
        return qs.none()
    return qs.exclude(side=side).filter(responded_at__isnull=True)


def visible_risk_notices(user) -> QuerySet:
    from ..models import RiskNotice

    return RiskNotice.objects.filter(matter__in=confidential_matters(user))


def visible_held_documents(user) -> QuerySet:
    """The register of a client's papers: its users, and the firm's people who see the client's secrets.

    A document not tied to a matter is seen by the lawyers of any of the client's matters.
    """
    from ..models import HeldDocument

    qs = HeldDocument.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    if user.is_firm:
        return qs.filter(
            Q(matter_id__in=_my_matters(user)) | (Q(matter__isnull=True) & Q(client_id__in=_my_clients(user)))
        )
    return qs.none()


def visible_document_submissions(user) -> QuerySet:
    """The one answer to "may this user see this sent document": whoever sees the matter's secrets."""
    from ..models import DocumentSubmission

    return DocumentSubmission.objects.filter(matter__in=confidential_matters(user))


def visible_subcontracts(user) -> QuerySet:
    """The one answer to "may this user see this proposal": its client's users, the matter's people, partners."""
    from ..models import Subcontract

    if _inactive(user):
        return Subcontract.objects.none()
    if user.sees_everything:
        return Subcontract.objects.all()
    return Subcontract.objects.filter(matter__in=confidential_matters(user))


def visible_specialist_requests(user) -> QuerySet:
    """The one answer to "may this user see this request": who may see the matter's confidential content."""
    from ..models import SpecialistRequest

    if _inactive(user):
        return SpecialistRequest.objects.none()
    if user.sees_everything:
        return SpecialistRequest.objects.all()
    return SpecialistRequest.objects.filter(matter__in=confidential_matters(user))
