"""Who may see and change the firm's fees, time and expenses — the one answer for pages, API and services.

- Fee arrangements: "view" — whoever may read the matter's confidential content (the client's own
  people, the firm's people on it, partners); "change" — the matter's lead or a partner.
- Time entries and expenses: "view" — the firm's people on the matter (all statuses); the client's
  people only approved and billed ones of their matters. "record" — a lawyer's own entries on a matter
  they are on; a lead records for the team. "review" (approve / return) — the matter's lead or a partner.
- The firm's requisites: "change" — a partner.

Acts, advances, claims (and their adjustments), invoices and payments have their rules in the modules of
those names; `allowed` answers for every billing object.
"""

from django.db.models import Q, QuerySet

from matters.access import restrict_matters
from matters.access.common import _inactive, _my_matters

from ..models import (
    Act,
    Advance,
    BillingAdjustment,
    Claim,
    Expense,
    FeeArrangement,
    FirmProfile,
    Invoice,
    Payment,
    Termination,
    TimeEntry,
    WorkReport,
    WorkStatus,
)
from .acts import ACT_ACTIONS, act_matters, restrict_acts
from .advances import (
    ADVANCE_ACTIONS,
    advance_allowed,
    advance_matters,
    restrict_advances,
    role_allows,
    visible_advances,
)
from .claims import (
    ADJUSTMENT_ACTIONS,
    CLAIM_ACTIONS,
    adjustment_role_allows,
    claim_matters,
    claim_role_allows,
    restrict_adjustments,
    restrict_claims,
    visible_claims,
)
from .invoices import INVOICE_ACTIONS, invoice_matters, restrict_invoices
from .payments import PAYMENT_ACTIONS, handles_payments, restrict_payments
from .reports import (
    REPORT_ACTIONS,
    TERMINATION_ACTIONS,
    report_matters,
    restrict_reports,
    restrict_terminations,
    termination_matters,
)

__all__ = [
    "ACT_ACTIONS",
    "ADJUSTMENT_ACTIONS",
    "ADVANCE_ACTIONS",
    "CLAIM_ACTIONS",
    "CLIENT_VISIBLE",
    "FEE_ACTIONS",
    "INVOICE_ACTIONS",
    "PAYMENT_ACTIONS",
    "REPORT_ACTIONS",
    "TERMINATION_ACTIONS",
    "WORK_ACTIONS",
    "act_matters",
    "adjustment_role_allows",
    "advance_allowed",
    "advance_matters",
    "allowed",
    "billing_menu",
    "claim_matters",
    "claim_role_allows",
    "fee_matters",
    "handles_payments",
    "invoice_matters",
    "recordable_matters",
    "recordable_specialists",
    "report_matters",
    "restrict_acts",
    "restrict_adjustments",
    "restrict_advances",
    "restrict_claims",
    "restrict_expenses",
    "restrict_fee_arrangements",
    "restrict_firm_profiles",
    "restrict_invoices",
    "restrict_payments",
    "restrict_reports",
    "restrict_terminations",
    "restrict_time_entries",
    "restrict_work",
    "role_allows",
    "termination_matters",
    "visible_advances",
    "visible_claims",
]

FEE_ACTIONS = ("view", "change")
WORK_ACTIONS = ("view", "record", "review")
CLIENT_VISIBLE = (WorkStatus.APPROVED, WorkStatus.BILLED)


def _check(action: str, actions: tuple[str, ...]) -> None:
    if action not in actions:
        raise ValueError(f"unknown action {action!r}")


def restrict_fee_arrangements(user, action: str = "view") -> QuerySet[FeeArrangement]:
    _check(action, FEE_ACTIONS)
    matters = restrict_matters(user, "read" if action == "view" else "steer")
    return FeeArrangement.objects.filter(matter__in=matters.values("pk"))


def fee_matters(user, action: str = "view"):
    """The matters whose arrangement the user may `action` (for a matter that has none yet)."""
    _check(action, FEE_ACTIONS)
    return restrict_matters(user, "read" if action == "view" else "steer")


def restrict_work(model, user, action: str) -> QuerySet:
    _check(action, WORK_ACTIONS)
    qs = model.objects.all()
    if _inactive(user):
        return qs.none()
    if action == "view":
        qs = qs.filter(matter__in=restrict_matters(user, "read").values("pk"))
        if not user.is_firm:
            qs = qs.filter(status__in=CLIENT_VISIBLE)
        return qs
    if not user.is_lawyer:
        return qs.none()
    if user.sees_everything:
        return qs
    if action == "review":
        return qs.filter(matter_id__in=_my_matters(user, lead=True))
    return qs.filter(
        Q(matter_id__in=_my_matters(user, lead=True))
        | (Q(matter_id__in=_my_matters(user)) & (Q(specialist=user) | Q(created_by=user)))
    )


def restrict_time_entries(user, action: str = "view") -> QuerySet[TimeEntry]:
    return restrict_work(TimeEntry, user, action)


def restrict_expenses(user, action: str = "view") -> QuerySet[Expense]:
    return restrict_work(Expense, user, action)


def recordable_matters(user):
    """The matters a user may record time and expenses on: a lawyer's own open ones (a partner: all open)."""
    return restrict_matters(user, "prepare")


def recordable_specialists(user, matter) -> QuerySet:
    """For whom the user may record on `matter`: themself on a matter they are on; its lead (or a
    partner) for anyone on it."""
    from users.models import User

    if _inactive(user) or not user.is_lawyer or not recordable_matters(user).filter(pk=matter.pk).exists():
        return User.objects.none()
    if user.sees_everything or restrict_matters(user, "steer").filter(pk=matter.pk).exists():
        return User.objects.filter(pk__in=matter.assignments.values("user_id"))
    return User.objects.filter(pk=user.pk)


def restrict_firm_profiles(user, action: str = "view") -> QuerySet[FirmProfile]:
    _check(action, ("view", "change"))
    if _inactive(user):
        return FirmProfile.objects.none()
    if action == "change":
        return FirmProfile.objects.all() if user.sees_everything else FirmProfile.objects.none()
    return FirmProfile.objects.all()


def billing_menu(user) -> dict[str, bool]:
    """Which of billing's pages the main menu offers the user — without a query (it runs on every page):
    "my_time" to the lawyers (they record time), "payments" to those who handle payments (partners and
    the secretary), "invoices" and "acts" to a client's people (their own) and partners (the firm's: a
    partner issues the acts), "claims" to a client's people (they file them) and partners (they answer)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return {"my_time": False, "payments": False, "invoices": False, "acts": False, "claims": False}
    clients_and_partners = user.is_client_user or (user.is_firm and user.sees_everything)
    return {
        "my_time": user.is_lawyer,
        "payments": handles_payments(user, "view"),
        "invoices": clients_and_partners,
        "acts": clients_and_partners,
        "claims": clients_and_partners,
    }


def allowed(user, obj, action: str) -> bool:
    if isinstance(obj, FeeArrangement):
        return restrict_fee_arrangements(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, TimeEntry):
        return restrict_time_entries(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Expense):
        return restrict_expenses(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Advance):
        return advance_allowed(user, obj, action)
    if isinstance(obj, Invoice):
        return restrict_invoices(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Payment):
        return restrict_payments(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Claim):
        return restrict_claims(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, BillingAdjustment):
        return restrict_adjustments(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Act):
        return restrict_acts(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, WorkReport):
        return restrict_reports(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Termination):
        return restrict_terminations(user, action).filter(pk=obj.pk).exists()
    raise TypeError(f"no access rules for {type(obj).__name__}")
