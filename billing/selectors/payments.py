"""Reads of payments, and the one way a payment finds its invoice (`find_invoice`)."""

from decimal import Decimal

from django.db.models import Prefetch

from core.errors import NotPermitted
from core.selectors import get_visible

from ..access import handles_payments, restrict_payments
from ..models import Invoice, Payment, PaymentUnmatch
from ..statements import normalise_invoice_number

PAYABLE = (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID)


def find_invoice(number: str, client_inn: str = "", amount: Decimal | None = None) -> Invoice | None:
    """The issued, not fully paid invoice numbered `number` ("2026-12" finds "2026-0012"), of the client
    with `client_inn` when given, and due exactly `amount` when given; None if there is none.

    Not scoped to a user: it serves the statement import and the queue, which only partners and the
    secretary reach (billing.access.handles_payments), and they see every invoice."""
    number = (number or "").strip()
    if not number:
        return None
    try:
        normalised = normalise_invoice_number(number)
    except ValueError:
        return None
    parts = normalised.split("-")
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        return None
    qs = Invoice.objects.filter(year=int(parts[0]), seq=int(parts[1]), status__in=PAYABLE)
    client_inn = (client_inn or "").strip()
    if client_inn:
        qs = qs.filter(client__inn=client_inn)
    for invoice in qs:
        if amount is None or invoice.due == amount:
            return invoice
    return None


def _unmatches():
    return PaymentUnmatch.objects.select_related("invoice", "matched_by", "unmatched_by")


def payment_list(*, user, status: str = ""):
    """The queue first (waiting to be matched), then the rest, newest first. NotPermitted for outsiders."""
    if not handles_payments(user, "view"):
        raise NotPermitted()
    qs = restrict_payments(user, "view").select_related("client", "matched_by", "matched_invoice")
    qs = qs.prefetch_related(Prefetch("unmatches", queryset=_unmatches()))
    if status:
        qs = qs.filter(status=status)
    return qs


def payment_queue(*, user, limit: int = 200) -> tuple[list[Payment], list[Payment]]:
    """(waiting to be matched, the most recent others) for the payments page."""
    qs = payment_list(user=user)
    waiting = list(qs.filter(status=Payment.Status.UNMATCHED).order_by("date", "id")[:limit])
    recent = list(qs.exclude(status=Payment.Status.UNMATCHED).order_by("-date", "-id")[:50])
    return waiting, recent


def payment_get(*, user, pk, action: str = "view") -> Payment:
    """One payment with its matched invoice and the record of its unmatches (newest first)."""
    qs = restrict_payments(user, action).select_related("client", "matched_by", "matched_invoice")
    return get_visible(qs.prefetch_related(Prefetch("unmatches", queryset=_unmatches())), pk=pk)
