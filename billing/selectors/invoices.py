"""Scoped reads of invoices, and the paid / due totals every page and the API show."""

from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.paging import Page, page_of
from core.selectors import get_visible
from core.templatetags.money import roubles

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


# What a row of the invoice lists shows (billing/_invoice_rows.html): the rest (the requisites, the payer's
# JSON, the client's bank details) is neither read nor decoded for fifty rows.
ROW_FIELDS = (
    "pk",
    "matter_id",
    "client_id",
    "status",
    "number",
    "issue_date",
    "due_date",
    "gross",
    "created_at",
    "matter__number",
    "client__name",
)
_PK_MARK = 918273645  # a pk no real invoice has: the detail URL is reversed once and the pk put in its place


def invoice_rows(*, user, matter=None, page=None) -> Page:
    """A page of the invoice lists (the firm's, a matter's), each invoice with what its row shows made
    ready here (`url`, `label`, `matter_label`, `issued_text`, `due_text`, `total_text`, `status_label`): the template
    then neither reverses a URL nor formats a date or a sum fifty times through the template engine."""
    result = page_of(invoice_list(user=user, matter=matter).only(*ROW_FIELDS), page)
    url = reverse("billing:invoice_detail", args=[_PK_MARK])
    labels = dict(Invoice.Status.choices)
    draft = gettext("draft")
    for invoice in result.items:
        invoice.url = url.replace(str(_PK_MARK), str(invoice.pk))
        invoice.label = invoice.number or f"{draft} #{invoice.pk}"
        invoice.matter_label = f"{invoice.matter.number} · {invoice.client.name}"
        invoice.issued_text = date_format(invoice.issue_date, "SHORT_DATE_FORMAT") if invoice.issue_date else ""
        invoice.due_text = date_format(invoice.due_date, "SHORT_DATE_FORMAT") if invoice.due_date else ""
        invoice.total_text = roubles(invoice.gross)
        invoice.status_label = labels.get(invoice.status, invoice.status)
    return result


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
