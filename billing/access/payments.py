"""Who may see the firm's payments and act on them (rule 1) — the one answer for pages, API and services.

Payments are the firm's money, not a matter's: "view", "record" (by hand), "import" (a bank
statement) and "match" (or ignore, in the queue) — partners and the secretary (the front desk keeps
the books). Nobody else, clients least of all, sees a payment.
"""

from django.db.models import QuerySet

from users.models import Role

PAYMENT_ACTIONS = ("view", "record", "import", "match")


def handles_payments(user, action: str = "view") -> bool:
    if action not in PAYMENT_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return user.sees_everything or user.role == Role.SECRETARY


def restrict_payments(user, action: str = "view") -> QuerySet:
    """The payments the user may `action`: all of them for partners and the secretary, else none."""
    from ..models import Payment

    return Payment.objects.all() if handles_payments(user, action) else Payment.objects.none()
