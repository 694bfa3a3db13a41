"""Who may see a result of work and its deliveries, and edit, release or deliver it."""

from django.db.models import Q, QuerySet

from users.models import Role

from .common import _assigned, _check, _inactive, _my_matters
from .matters import confidential_matters


def visible_deliverables(user) -> QuerySet:
    """A client sees a result of work once it is released; the firm sees drafts too."""
    from ..models import Deliverable

    qs = Deliverable.objects.filter(matter__in=confidential_matters(user))
    if not _inactive(user) and user.role == Role.CLIENT:
        qs = qs.filter(status=Deliverable.Status.RELEASED)
    return qs


def visible_deliveries(user) -> QuerySet:
    from ..models import Delivery

    return Delivery.objects.filter(deliverable__in=visible_deliverables(user))


DELIVERABLE_ACTIONS = ("view", "edit", "release", "deliver")


def restrict_deliverables(user, action: str = "view") -> QuerySet:
    """The results of work the user may `action`:

    - "view": visible_deliverables (a client sees released results only).
    - "edit": a draft — its author, the matter's lead or a partner; a released result never changes.
    - "release": a draft — only the matter's lead or a partner (rule 2's two steps).
    - "deliver": record a delivery of a released result — the firm's people on the matter (a secretary
      sends the courier too) or a partner.
    """
    from ..models import Deliverable

    _check(action, DELIVERABLE_ACTIONS)
    if action == "view":
        return visible_deliverables(user)
    qs = Deliverable.objects.all()
    if _inactive(user):
        return qs.none()
    if action == "deliver":
        if not user.is_firm:
            return qs.none()
        qs = qs.filter(status=Deliverable.Status.RELEASED)
        return qs if user.sees_everything else qs.filter(matter_id__in=_my_matters(user))
    qs = qs.filter(status=Deliverable.Status.DRAFT)
    if user.sees_everything:
        return qs
    if not user.is_lawyer:
        return qs.none()
    lead = Q(matter_id__in=_my_matters(user, lead=True))
    return qs.filter(lead | Q(prepared_by=user)) if action == "edit" else qs.filter(lead)


def _deliverable_allowed(user, deliverable, action: str) -> bool:
    from ..models import Deliverable

    if action == "view":
        return restrict_deliverables(user, action).filter(pk=deliverable.pk).exists()
    if action == "deliver":
        if deliverable.status != Deliverable.Status.RELEASED or not user.is_firm:
            return False
        return user.sees_everything or _assigned(user, deliverable.matter_id)
    if deliverable.status != Deliverable.Status.DRAFT:
        return False
    if user.sees_everything:
        return True
    if not user.is_lawyer:
        return False
    if action == "edit" and deliverable.prepared_by_id == user.pk:
        return True
    return _assigned(user, deliverable.matter_id, lead=True)
