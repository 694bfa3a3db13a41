"""Reads of subcontracting proposals (rule 11), scoped by the matter's confidential content."""

from django.db.models import QuerySet

from core.selectors import get_visible
from users.models import Role

from ..access import allowed, visible_subcontracts
from ..models import Subcontract

RELATED = ("matter", "matter__client", "proposed_by", "answered_by")


def subcontract_list(*, user, matter=None) -> QuerySet[Subcontract]:
    qs = visible_subcontracts(user).select_related(*RELATED)
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs.order_by("-proposed_at", "-id")


def subcontract_get(*, user, pk) -> Subcontract:
    return get_visible(visible_subcontracts(user).select_related(*RELATED), pk=pk)


def subcontract_permissions(*, user, subcontract: Subcontract) -> dict[str, bool]:
    """The buttons of the proposal's page."""
    proposed = subcontract.status == Subcontract.Status.PROPOSED
    manage = allowed(user, subcontract.matter, "manage_subcontracting")
    return {
        "answer": proposed and user.role == Role.CLIENT,
        "engage": manage and subcontract.status == Subcontract.Status.CONSENTED,
    }
