"""Reads of subcontracting proposals (rule 11), scoped by the matter's confidential content."""

from django.db.models import QuerySet

from core.errors import NotFound
from users.models import Role

from .access import confidential_matters
from .models import Assignment, Subcontract

RELATED = ("matter", "matter__client", "proposed_by", "answered_by")


def visible_subcontracts(user) -> QuerySet[Subcontract]:
    """The one answer to "may this user see this proposal": its client's users, the matter's people, partners."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Subcontract.objects.none()
    if user.sees_everything:
        return Subcontract.objects.all()
    return Subcontract.objects.filter(matter__in=confidential_matters(user))


def subcontract_list(*, user, matter=None) -> QuerySet[Subcontract]:
    qs = visible_subcontracts(user).select_related(*RELATED)
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs.order_by("-proposed_at", "-id")


def subcontract_get(*, user, pk) -> Subcontract:
    try:
        return visible_subcontracts(user).select_related(*RELATED).get(pk=pk)
    except (Subcontract.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def may_manage_subcontracting(*, user, matter) -> bool:
    """The matter's lead or a partner proposes and engages (the services check the same)."""
    if user.sees_everything:
        return True
    return user.is_lawyer and Assignment.objects.filter(matter=matter, user=user, is_lead=True).exists()


def subcontract_permissions(*, user, subcontract: Subcontract) -> dict[str, bool]:
    """The buttons of the proposal's page."""
    proposed = subcontract.status == Subcontract.Status.PROPOSED
    manage = may_manage_subcontracting(user=user, matter=subcontract.matter)
    return {
        "answer": proposed and user.role == Role.CLIENT,
        "engage": manage and subcontract.status == Subcontract.Status.CONSENTED,
    }
