"""What billing adds to the dashboards (handed to portal in BillingConfig.ready):

- "needed from you": the client's issued invoices not fully paid (one query);
- the client's Money card: per matter, invoiced / paid / due and the advance balance (three queries
  whatever the number of matters: the invoices grouped by matter, and advance_balance's two);
- the firm's dashboard: the payments waiting in the match queue, for those who handle payments (one query);
  a partner's claims awaiting the firm's answer, open and overdue (one query), and the terminated matters
  awaiting their final act, the first few linked to their termination pages (one query).
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.money import roubles

from ..access import handles_payments, restrict_claims, restrict_invoices, restrict_payments
from ..models import Claim, Invoice, Payment
from .advances import advance_balance

ZERO = Decimal("0.00")
NEEDED_ROWS = 50
COUNT_CAP = 99
UNPAID = (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID)
LIVE = (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID, Invoice.Status.PAID)


def invoices_needed(*, user, matter_ids: list[int], make) -> dict[int, list]:
    """ "Pay the invoice" items: the client's issued invoices with something still due, oldest first."""
    qs = (
        restrict_invoices(user, "view")
        .filter(matter_id__in=matter_ids, status__in=UNPAID)
        .only("id", "matter_id", "number", "gross", "paid", "due_date", "issued_at", "pdf")
        .order_by("due_date", "id")[:NEEDED_ROWS]
    )
    out: dict[int, list] = {}
    for invoice in qs:
        values = {"number": invoice.number, "amount": roubles(invoice.due)}
        if invoice.due_date:
            values["date"] = date_format(invoice.due_date, "SHORT_DATE_FORMAT")
            text = _("Pay invoice %(number)s: %(amount)s due by %(date)s") % values
        else:
            text = _("Pay invoice %(number)s: %(amount)s due") % values
        links = ((_("PDF"), reverse("billing:invoice_pdf", args=[invoice.pk])),) if invoice.pdf else ()
        out.setdefault(invoice.matter_id, []).append(
            make(
                kind="invoice",
                text=text,
                url=reverse("billing:invoice_detail", args=[invoice.pk]),
                at=invoice.issued_at,
                links=links,
            )
        )
    return out


def client_money(*, user, matter_ids: list[int], make) -> dict:
    """{matter id: Money} — issued invoices' totals (not drafts, not cancelled) and the advance balance."""
    sums = {
        row["matter_id"]: row
        for row in restrict_invoices(user, "view")
        .filter(matter_id__in=matter_ids, status__in=LIVE)
        .values("matter_id")
        .annotate(gross=Sum("gross"), paid=Sum("paid"))
        .order_by()
    }
    balances = advance_balance(matter_ids)
    out = {}
    for pk in matter_ids:
        row = sums.get(pk, {})
        invoiced, paid = row.get("gross") or ZERO, row.get("paid") or ZERO
        balance = balances[pk]
        out[pk] = make(
            invoiced=invoiced,
            paid=paid,
            due=max(invoiced - paid, ZERO),
            advance_requested=balance.requested,
            advance_paid=balance.paid,
            advance_spent=balance.spent,
            advance_left=balance.left,
            advance_due=balance.due,
            invoices_url=reverse("billing:matter_invoices", args=[pk]),
            advances_url=reverse("billing:advances", args=[pk]),
        )
    return out


def payments_panel(*, user, make):
    """The payments waiting to be matched (capped count), for partners and the secretary; None for others."""
    if not handles_payments(user, "match"):
        return None
    waiting = restrict_payments(user, "view").filter(status=Payment.Status.UNMATCHED).order_by()
    return make(
        key="payments",
        title=_("Payments to match"),
        total=waiting[: COUNT_CAP + 1].count(),
        url=reverse("billing:payments"),
        link=_("Open the payments queue"),
    )


PANEL_ROWS = 5


def _partner(user) -> bool:
    return bool(user.is_active and user.is_firm and user.sees_everything)


def claims_panel(*, user, make):
    """The claims awaiting the firm's answer and how many are past their deadline, for partners (who
    answer them); None for others. One query."""
    if not _partner(user):
        return None
    from .claims import overdue_q

    counts = (
        restrict_claims(user, "view")
        .order_by()
        .aggregate(
            open=Count("pk", filter=Q(status=Claim.Status.OPEN)),
            overdue=Count("pk", filter=overdue_q(timezone.localdate())),
        )
    )
    base = reverse("billing:claims")
    overdue = counts["overdue"]
    return make(
        key="claims",
        title=_("Claims awaiting an answer"),
        total=counts["open"],
        url=f"{base}?overdue=1" if overdue else f"{base}?status={Claim.Status.OPEN}",
        link=_("Open the overdue claims") if overdue else _("Open the claims"),
        note=ngettext(
            "%(count)d past the deadline for the answer", "%(count)d past the deadline for the answer", overdue
        )
        % {"count": overdue},
    )


def final_acts_panel(*, user, make):
    """The terminated matters awaiting their final act (billing.selectors.reports.final_acts_due), the
    first few linked to their termination pages, for partners (who issue acts); None for others. One query."""
    if not _partner(user):
        return None
    from ..services.termination import termination_url
    from .reports import final_acts_due

    rows = final_acts_due(user=user, limit=COUNT_CAP + 1)
    items = [
        {
            "text": f"{t.matter.number} · {t.matter.client.name}",
            "url": termination_url(t),
            "note": _("terminated on %(date)s") % {"date": date_format(t.terminated_on, "SHORT_DATE_FORMAT")},
        }
        for t in rows[:PANEL_ROWS]
    ]
    return make(
        key="final_acts",
        title=_("Final acts to issue"),
        total=len(rows),
        url=reverse("billing:acts"),
        link=_("Open the acts"),
        items=items,
    )
