"""Scoped reads of invoices, and the paid / due totals every page and the API show."""

from decimal import Decimal

from django.db.models import Prefetch, Sum

from core.selectors import get_visible

from ..access import restrict_invoices
from ..models import Invoice, InvoiceLine

ZERO = Decimal("0.00")


def invoice_list(*, user, matter=None, status: str | None = None):
    qs = restrict_invoices(user, "view").select_related("matter", "client")
    if matter is not None:
        qs = qs.filter(matter=matter)
    if status:
        qs = qs.filter(status=status)
    return qs


def invoice_get(*, user, pk) -> Invoice:
    lines = InvoiceLine.objects.select_related("advance").order_by("position")
    return get_visible(invoice_list(user=user).prefetch_related(Prefetch("lines", queryset=lines)), pk=pk)


def invoice_totals(qs) -> dict:
    """Billed (issued, not cancelled), paid and due of the invoices in `qs` — one query."""
    live = qs.exclude(status__in=(Invoice.Status.DRAFT, Invoice.Status.CANCELLED))
    sums = live.aggregate(gross=Sum("gross"), paid=Sum("paid"))
    gross, paid = sums["gross"] or ZERO, sums["paid"] or ZERO
    return {"billed": gross, "paid": paid, "due": gross - paid}


def invoice_pdf_file(invoice):
    """The stored PDF opened for reading, or None while the worker has not rendered it yet."""
    if not invoice.pdf:
        return None
    try:
        return invoice.pdf.open("rb")
    except FileNotFoundError:
        return None
