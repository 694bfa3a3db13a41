"""What every rule of the matters' gate starts from: who is inactive, which matters a person is on."""

from django.db.models import Q

from ..models import Assignment, Matter

# core.caching's scope of who sees which matter: bumped by every service (and admin page) that adds or
# removes an assignment, opens or deletes a matter or moves it to another client. A cache of what a user
# sees (the calendar's month) names it, so that a change of assignment is seen at once.
VISIBILITY_SCOPE = "matters:visibility"


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def _my_matters(user, *, lead: bool = False):
    """The ids of the matters the user is assigned to (or leads), as a subquery.

    Filters are written `matter_id IN (this)` rather than a correlated EXISTS: PostgreSQL then
    starts from the user's few assignments instead of walking every task of the firm, which keeps a
    specialist with three matters as fast as a lead with thousands.
    """
    qs = Assignment.objects.filter(user=user)
    if lead:
        qs = qs.filter(is_lead=True)
    return qs.values("matter_id")


def _my_clients(user, *, lead: bool = False):
    """The ids of the clients of those matters. Always AND it after `matter IS NULL` (see _for_my_client)."""
    return Matter.objects.filter(pk__in=_my_matters(user, lead=lead)).values("client_id")


def _for_my_client(user, *, lead: bool = False) -> Q:
    # A task not yet tied to a matter is seen by the lawyers of the client's other matters. The
    # IS NULL test comes first so that PostgreSQL never builds the client list for the (nearly all)
    # tasks that have a matter.
    return Q(matter__isnull=True) & Q(client_id__in=_my_clients(user, lead=lead))


def _check(action: str, actions: tuple[str, ...]) -> None:
    if action not in actions:
        raise ValueError(f"unknown action {action!r}")


def _assigned(user, matter_id, *, lead: bool = False) -> bool:
    qs = Assignment.objects.filter(user=user, matter_id=matter_id)
    return (qs.filter(is_lead=True) if lead else qs).exists()
