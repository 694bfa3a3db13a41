"""Who may see a claim (rule 15) and act on it, and on the adjustments it grants.

Claims:
- "view": a client user sees its own client's claims; a lawyer (and a secretary) those of the matters
  whose confidential content it reads; partners see the firm's.
- "decide": an open claim — a partner only (the design card: partners handle claims).
- Filing: `claim_matters(user)` — the client's own users, on their client's matters.

Adjustments (what a granted claim owes the client):
- "view": as the claim's matter is seen (the same people).
- "apply": pending, to be set off against an invoice — the lawyers who prepare the matter's invoices
  (billing.access.invoices "prepare"), or a partner.
- "pay_out": pending, to be paid out — a partner.
"""

from django.db.models import QuerySet

from matters.access import confidential_matters, restrict_matters
from users.models import Role

CLAIM_ACTIONS = ("view", "decide")
ADJUSTMENT_ACTIONS = ("view", "apply", "pay_out")


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def visible_claims(user) -> QuerySet:
    from ..models import Claim

    if not _active(user):
        return Claim.objects.none()
    if user.sees_everything:
        return Claim.objects.all()
    return Claim.objects.filter(matter__in=confidential_matters(user).values("pk"))


def restrict_claims(user, action: str = "view") -> QuerySet:
    from ..models import Claim

    if action not in CLAIM_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = visible_claims(user)
    if action == "view" or not _active(user):
        return qs
    # decide
    return qs.filter(status=Claim.Status.OPEN) if user.sees_everything else qs.none()


def claim_matters(user) -> QuerySet:
    """The matters on which the user may file a claim: its client's, for a client user; nobody else."""
    from matters.models import Matter

    if not _active(user) or user.role != Role.CLIENT or not user.client_id:
        return Matter.objects.none()
    return restrict_matters(user, "read").filter(client_id=user.client_id)


def claim_role_allows(user, claim, action: str) -> bool:
    """Would the user be allowed `action` were the claim open? (409 rather than 403)"""
    return action == "decide" and _active(user) and user.sees_everything


def restrict_adjustments(user, action: str = "view") -> QuerySet:
    from ..models import BillingAdjustment

    if action not in ADJUSTMENT_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    A = BillingAdjustment
    if not _active(user):
        return A.objects.none()
    qs = A.objects.all() if user.sees_everything else A.objects.filter(matter__in=confidential_matters(user))
    if action == "view":
        return qs
    pending = qs.filter(status=A.Status.PENDING)
    if action == "pay_out":
        return pending.filter(settle=A.Settle.PAYOUT) if user.sees_everything else qs.none()
    # apply
    pending = pending.filter(settle=A.Settle.INVOICE)
    if user.sees_everything:
        return pending
    if not user.is_lawyer:
        return qs.none()
    return pending.filter(matter__in=restrict_matters(user, "prepare").values("pk"))


def adjustment_role_allows(user, adjustment, action: str) -> bool:
    """Would the user be allowed `action` were the adjustment pending? (409 rather than 403)"""
    if not _active(user):
        return False
    if action == "pay_out":
        return user.sees_everything
    if action == "apply":
        return user.sees_everything or (
            user.is_lawyer and restrict_matters(user, "prepare").filter(pk=adjustment.matter_id).exists()
        )
    return False
