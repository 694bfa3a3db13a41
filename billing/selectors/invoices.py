"""Scoped reads of invoices, and the paid / due totals every page and the API show."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.paging import Page, page_number, page_of
from core.selectors import get_visible
from core.templatetags.money import roubles

from ..access import restrict_invoices
from ..caching import for_a_list
from ..models import Invoice, InvoiceLine

ZERO = Decimal("0.00")


def invoice_list(*, user, matter=None, status: str | None = None):
    qs = restrict_invoices(user, "view").select_related("matter", "client")
    if matter is not None:
        qs = qs.filter(matter=matter)
    if status:
        qs = qs.filter(status=status)
    return qs


# What a row of the invoice lists shows (billing/_invoice_rows.html), read as values: the rest (the requisites, the
# payer's JSON, the client's bank details) is neither read nor decoded, and no model is built for a row (an invoice,
# its matter and its client were most of the page's time).
ROW_FIELDS = ("pk", "status", "number", "issue_date", "due_date", "gross", "matter__number", "client__name")
_PK_MARK = 918273645  # a pk no real invoice has: the detail URL is reversed once and the pk put in its place


@dataclass(slots=True)
class InvoiceRow:
    """An invoice as its row shows it, every text made ready."""

    pk: int
    status: str
    url: str
    label: str
    matter_label: str
    issued_text: str
    due_text: str
    total_text: str
    status_label: str


def invoice_rows(*, user, matter=None, page=None) -> Page:
    """A page of the invoice lists (the firm's, a matter's), newest first, each invoice with what its row shows
    made ready here (InvoiceRow): the template then neither reverses a URL nor formats a date or a sum fifty
    times through the template engine."""
    qs = invoice_list(user=user, matter=matter).order_by("-created_at", "-pk").values_list(*ROW_FIELDS)
    result = page_of(qs, page)
    url = reverse("billing:invoice_detail", args=[_PK_MARK])
    mark = str(_PK_MARK)
    labels = {value: str(label) for value, label in Invoice.Status.choices}
    draft = gettext("draft")
    dates: dict = {None: ""}  # a page's invoices share their dates: each formatted once

    def day(value) -> str:
        text = dates.get(value)
        if text is None:
            text = dates[value] = date_format(value, "SHORT_DATE_FORMAT")
        return text

    result.items = [
        InvoiceRow(
            pk=pk,
            status=status,
            url=url.replace(mark, str(pk)),
            label=number or f"{draft} #{pk}",
            matter_label=f"{matter_number} · {client_name}",
            issued_text=day(issue_date),
            due_text=day(due_date),
            total_text=roubles(gross),
            status_label=labels.get(status, status),
        )
        for pk, status, number, issue_date, due_date, gross, matter_number, client_name in result.items
    ]
    return result


def invoice_page(*, user, matter=None, page=None) -> tuple[Page, dict]:
    """invoice_rows and the invoice_totals of every invoice the list shows, kept per user
    (billing.caching.for_a_list): what the invoice lists show."""
    number = page_number(page)

    def compute():
        result = invoice_rows(user=user, matter=matter, page=number)
        return result.items, result.has_next, invoice_totals(invoice_list(user=user, matter=matter))

    items, has_next, totals = for_a_list(
        "invoices", user=user, parts=(matter.pk if matter is not None else 0, number), compute=compute
    )
    return Page(items=items, number=number, has_next=has_next), totals


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
