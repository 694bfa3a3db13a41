"""Reads of payments, and the one way a payment finds its invoice.

Invoices live in another part of billing; until it is wired, ``find_invoice`` asks a lookup hook that
finds nothing. The invoices' part registers its own with ``provide_invoice_lookup(fn)``, where
``fn(number, client_inn, amount) -> int | None`` answers the id of the invoice numbered ``number``
(already normalised by ``normalise_invoice_number``) — of the client with that INN when ``client_inn``
is not empty, and only if what is still due on it equals ``amount`` when ``amount`` is not None.
"""

from collections.abc import Callable
from decimal import Decimal

from core.errors import NotPermitted
from core.selectors import get_visible

from ..access import handles_payments, restrict_payments
from ..models import Payment
from ..statements import normalise_invoice_number

InvoiceLookup = Callable[[str, str, Decimal | None], int | None]


def _no_invoices(number: str, client_inn: str, amount: Decimal | None) -> int | None:
    return None


_lookup: list[InvoiceLookup] = [_no_invoices]


def provide_invoice_lookup(fn: InvoiceLookup | None) -> None:
    """Register how an invoice is found (None restores the default, which finds nothing)."""
    _lookup[0] = fn or _no_invoices


def find_invoice(number: str, client_inn: str = "", amount: Decimal | None = None) -> int | None:
    """The id of the invoice numbered `number` (of the client with `client_inn`, due exactly `amount`), or None."""
    number = (number or "").strip()
    if not number:
        return None
    try:
        normalised = normalise_invoice_number(number)
    except ValueError:
        return None
    return _lookup[0](normalised, (client_inn or "").strip(), amount)


def payment_list(*, user, status: str = ""):
    """The queue first (waiting to be matched), then the rest, newest first. NotPermitted for outsiders."""
    if not handles_payments(user, "view"):
        raise NotPermitted()
    qs = restrict_payments(user, "view").select_related("client", "matched_by")
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
    return get_visible(restrict_payments(user, action).select_related("client", "matched_by"), pk=pk)
