"""Who may see an advance and act on it (rule 7).

- "view": a client user sees its own matters' advances; a lawyer those of the matters it reads; the
  secretary (the front desk keeps the books) and partners see the firm's.
- "edit" / "cancel": while unpaid (requested) — the matter's lawyers and partners.
- "pay": while requested — the client's own users (they pay and attach the payment order).
- "confirm": requested or claimed paid — the matter's lead, a partner, the secretary.
- "reject": claimed paid — the same people.
- "override": open and not yet overridden — a partner only.
- "spend": confirmed — the matter's lawyers, a partner, the secretary.
"""

from django.db.models import Q, QuerySet

from matters.access import confidential_matters
from matters.models import Assignment
from users.models import Role

ADVANCE_ACTIONS = ("view", "edit", "cancel", "pay", "confirm", "reject", "override", "spend")


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def _firm_wide(user) -> bool:
    return user.sees_everything or user.role == Role.SECRETARY


def visible_advances(user) -> QuerySet:
    from ..models import Advance

    if not _active(user):
        return Advance.objects.none()
    if _firm_wide(user):
        return Advance.objects.all()
    return Advance.objects.filter(matter__in=confidential_matters(user))


def _mine(user, *, lead: bool = False) -> Q:
    qs = Assignment.objects.filter(user=user)
    if lead:
        qs = qs.filter(is_lead=True)
    return Q(matter_id__in=qs.values("matter_id"))


def restrict_advances(user, action: str = "view") -> QuerySet:
    """The advances the user may `action` (see the module's docstring)."""
    from ..models import Advance

    if action not in ADVANCE_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = visible_advances(user)
    if action == "view" or not _active(user):
        return qs
    S = Advance.Status
    if action in ("edit", "cancel"):
        qs = qs.filter(status=S.REQUESTED)
        if user.sees_everything:
            return qs
        return qs.filter(_mine(user)) if user.is_lawyer else qs.none()
    if action == "pay":
        if user.role != Role.CLIENT or not user.client_id:
            return qs.none()
        return qs.filter(status=S.REQUESTED, matter__client_id=user.client_id)
    if action in ("confirm", "reject"):
        qs = qs.filter(status__in=(S.REQUESTED, S.PAID_CLAIMED) if action == "confirm" else (S.PAID_CLAIMED,))
        if _firm_wide(user):
            return qs
        return qs.filter(_mine(user, lead=True)) if user.is_lawyer else qs.none()
    if action == "override":
        if not user.sees_everything:
            return qs.none()
        return qs.filter(status__in=(S.REQUESTED, S.PAID_CLAIMED), overridden_by__isnull=True)
    # spend
    qs = qs.filter(status=S.CONFIRMED)
    if _firm_wide(user):
        return qs
    return qs.filter(_mine(user)) if user.is_lawyer else qs.none()


def advance_allowed(user, advance, action: str) -> bool:
    return restrict_advances(user, action).filter(pk=advance.pk).exists()


def advance_matters(user) -> QuerySet:
    """The matters on which the user may ask for an advance: its lawyers (lead and specialists), partners."""
    from matters.models import Matter

    if not _active(user) or not (user.sees_everything or user.is_lawyer):
        return Matter.objects.none()
    if user.sees_everything:
        return Matter.objects.all()
    return Matter.objects.filter(pk__in=Assignment.objects.filter(user=user).values("matter_id"))


def role_allows(user, advance, action: str) -> bool:
    """Would the user be allowed `action` were the advance in the right state? (409 rather than 403)"""
    if not _active(user):
        return False
    on_matter = Assignment.objects.filter(user=user, matter_id=advance.matter_id)
    if action in ("edit", "cancel"):
        return user.sees_everything or (user.is_lawyer and on_matter.exists())
    if action == "pay":
        return user.role == Role.CLIENT and user.client_id == advance.matter.client_id
    if action in ("confirm", "reject"):
        return _firm_wide(user) or (user.is_lawyer and on_matter.filter(is_lead=True).exists())
    if action == "override":
        return user.sees_everything
    if action == "spend":
        return _firm_wide(user) or (user.is_lawyer and on_matter.exists())
    return False
