"""The lines billing writes on the matter's timeline (rule 6), one function per event, called by the
services inside the transaction of the change: time and expenses approved, an invoice drafted (the
firm's own line: the client never sees a draft), issued, paid in part or in full, cancelled. Advances
write theirs in billing.services.advances.

Amounts and dates are stored in every language (`in_languages`) so each reader sees them formatted in
its own; the summaries name the actor last so that they need no grammatical gender.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from core.templatetags.money import roubles
from timeline.models import TimelineEvent
from timeline.services import in_languages, timeline_record

from .models import Expense, Invoice, TimeEntry
from .templatetags.billing_tags import duration

LINES = {
    "time_approved": gettext_noop("%(duration)s of work by %(specialist)s was approved by %(name)s: %(description)s"),
    "expense_approved": gettext_noop("An expense of %(amount)s was approved by %(name)s: %(description)s"),
    "invoice_drafted": gettext_noop("A draft invoice for %(amount)s was prepared by %(name)s"),
    "invoice_issued": gettext_noop("Invoice %(number)s for %(amount)s was issued by %(name)s, to be paid by %(date)s"),
    "invoice_partly_paid": gettext_noop("%(amount)s was received on invoice %(number)s; %(due)s is still due"),
    "invoice_paid": gettext_noop("Invoice %(number)s is paid in full (%(amount)s received)"),
    "invoice_cancelled": gettext_noop("Invoice %(number)s was cancelled by %(name)s"),
}


def _money(amount) -> dict[str, str]:
    return in_languages(lambda: roubles(amount))


def _date(day) -> dict[str, str] | str:
    return in_languages(lambda: date_format(day, "SHORT_DATE_FORMAT")) if day else ""


def _name(user) -> str:
    return user.full_name if user is not None else ""


def work_approved(entry, *, by) -> None:
    """A time entry or an expense the lead approved: the client may now see it (billing.access)."""
    if isinstance(entry, TimeEntry):
        summary = LINES["time_approved"]
        params = {"duration": in_languages(lambda: duration(entry.minutes)), "specialist": _name(entry.specialist)}
    elif isinstance(entry, Expense):
        summary, params = LINES["expense_approved"], {"amount": _money(entry.amount)}
    else:
        raise TypeError(type(entry).__name__)
    timeline_record(
        matter=entry.matter,
        kind=TimelineEvent.Kind.WORK,
        actor=by,
        summary=summary,
        params={**params, "name": _name(by), "description": entry.description[:200]},
        ref=entry,
    )


def invoice_drafted(invoice: Invoice, *, by) -> None:
    timeline_record(
        matter=invoice.matter,
        kind=TimelineEvent.Kind.INVOICE,
        actor=by,
        summary=LINES["invoice_drafted"],
        params={"amount": _money(invoice.gross), "name": _name(by)},
        client_visible=False,
        ref=invoice,
    )


def invoice_issued(invoice: Invoice, *, by) -> None:
    timeline_record(
        matter=invoice.matter,
        kind=TimelineEvent.Kind.INVOICE,
        actor=by,
        summary=LINES["invoice_issued"],
        params={
            "number": invoice.number,
            "amount": _money(invoice.gross),
            "name": _name(by),
            "date": _date(invoice.due_date),
        },
        ref=invoice,
    )


def invoice_paid(invoice: Invoice, *, amount) -> None:
    """A payment counted towards the invoice (by hand, by a statement or from the queue)."""
    paid = invoice.status == Invoice.Status.PAID
    timeline_record(
        matter=invoice.matter,
        kind=TimelineEvent.Kind.INVOICE,
        summary=LINES["invoice_paid" if paid else "invoice_partly_paid"],
        params={"number": invoice.number, "amount": _money(amount), "due": _money(invoice.due)},
        ref=invoice,
    )


def invoice_cancelled(invoice: Invoice, *, by) -> None:
    timeline_record(
        matter=invoice.matter,
        kind=TimelineEvent.Kind.INVOICE,
        actor=by,
        summary=LINES["invoice_cancelled"],
        params={"number": invoice.number, "name": _name(by)},
        ref=invoice,
    )
