"""Who may see an invoice and act on it (rule 1).

- "view": a partner sees the firm's invoices; a lawyer those of the matters it reads (drafts too);
  a client user the issued (not draft) invoices of its own matters.
- "prepare" (draft, edit, delete a draft): the lawyers who may prepare on the matter, drafts only.
- "issue" / "cancel": the matter's lead or a partner; "issue" drafts only, "cancel" issued unpaid ones.
"""

from django.db.models import QuerySet

from matters.access import restrict_matters
from matters.access.common import _inactive

INVOICE_ACTIONS = ("view", "prepare", "issue", "cancel")


def restrict_invoices(user, action: str = "view") -> QuerySet:
    from ..models import Invoice

    if action not in INVOICE_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = Invoice.objects.all()
    if _inactive(user):
        return qs.none()
    S = Invoice.Status
    if action == "view":
        if user.is_firm and user.sees_everything:
            return qs
        qs = qs.filter(matter__in=restrict_matters(user, "read").values("pk"))
        return qs if user.is_firm else qs.exclude(status=S.DRAFT)
    if not user.is_lawyer:
        return qs.none()
    if action == "prepare":
        return qs.filter(status=S.DRAFT, matter__in=restrict_matters(user, "prepare").values("pk"))
    steer = qs.filter(matter__in=restrict_matters(user, "steer").values("pk"))
    if action == "issue":
        return steer.filter(status=S.DRAFT)
    return steer.filter(status=S.ISSUED)


def invoice_matters(user, action: str = "prepare"):
    """The matters on which the user may draft (prepare) or issue invoices."""
    if _inactive(user) or not user.is_lawyer:
        return restrict_matters(user, "prepare").none()
    return restrict_matters(user, "prepare" if action == "prepare" else "steer")
