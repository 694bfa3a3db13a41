"""Writes of invoices: a draft from approved time and expenses, a fixed fee or an advance; the issue
(number, requisites and VAT copied, totals, the entries locked, the PDF queued); the cancellation.

Prices include VAT ("в т. ч. НДС", billing.money.Line's default): an hourly rate, a fixed fee and an
expense are what the client pays; the VAT inside them is extracted per line at the rate in force on
the issue date (billing.selectors.firm.document_vat). A firm without VAT prints "Без НДС".
"""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.numbering import next_value

from ..access import invoice_matters, restrict_invoices
from ..models import Expense, FeeArrangement, Invoice, InvoiceLine, TaxRegime, TimeEntry, WorkStatus
from ..money import Line, quantize_kopecks, totals
from ..selectors.firm import document_vat
from .work import billing_lock

HOURS = Decimal(60)
QUANTITY = Decimal("0.0001")
DEFAULT_DUE_DAYS = 5


def _arrangement(matter, on: dt.date):
    return (
        FeeArrangement.objects.filter(matter=matter, valid_from__lte=on)
        .prefetch_related("rates")
        .order_by("-valid_from", "-version")
        .first()
    )


def _hourly_rate(arrangement, specialist) -> Decimal:
    if arrangement is not None:
        for rate in arrangement.rates.all():
            if rate.specialist_id == specialist.pk:
                return rate.rate
        if arrangement.default_rate:
            return arrangement.default_rate
    raise ValidationError(
        _("The fee arrangement sets no hourly rate for %(name)s.") % {"name": specialist.full_name},
        fields={"time_entries": [_("No hourly rate for this specialist.")]},
    )


def _approved(model, ids, matter):
    ids = [getattr(i, "pk", i) for i in ids or ()]
    rows = list(
        model.objects.filter(pk__in=ids, matter=matter, status=WorkStatus.APPROVED).select_related("specialist")
    )
    if len(rows) != len(set(ids)):
        raise ValidationError(_("Only approved time and expenses of this matter can be invoiced."))
    used = InvoiceLine.objects.filter(**{f"{model._meta.model_name.replace('timeentry', 'time_entry')}__in": ids})
    if used.exclude(invoice__status=Invoice.Status.CANCELLED).exists():
        raise InvalidState(_("Some of these entries are already on another invoice."))
    return sorted(rows, key=lambda r: (r.date, r.pk))


@transaction.atomic
def invoice_draft(matter, by, *, time_entries=(), expenses=(), fixed_amount=None, fixed_description="", advance=None):
    """A draft invoice on the matter; the lines are priced now, the VAT is set at issue."""
    if not invoice_matters(by, "prepare").filter(pk=matter.pk).exists():
        raise NotPermitted()
    entries = _approved(TimeEntry, time_entries, matter)
    costs = _approved(Expense, expenses, matter)
    lines = []
    if entries:
        arrangement = _arrangement(matter, timezone.localdate())
        for entry in entries:
            lines.append(
                InvoiceLine(
                    source=InvoiceLine.Source.TIME,
                    time_entry=entry,
                    description=f"{entry.date:%d.%m.%Y} {entry.description}"[:500],
                    quantity=(Decimal(entry.minutes) / HOURS).quantize(QUANTITY),
                    unit="h",
                    minutes=entry.minutes,
                    unit_price=_hourly_rate(arrangement, entry.specialist),
                )
            )
    for expense in costs:
        lines.append(
            InvoiceLine(
                source=InvoiceLine.Source.EXPENSE,
                expense=expense,
                description=f"{expense.date:%d.%m.%Y} {expense.description}"[:500],
                quantity=Decimal(1),
                unit_price=expense.amount,
            )
        )
    if fixed_amount is not None:
        fixed_amount = Decimal(fixed_amount)
        if fixed_amount <= 0:
            raise ValidationError(fields={"fixed_amount": [_("The amount must be positive.")]})
        lines.append(
            InvoiceLine(
                source=InvoiceLine.Source.FIXED,
                description=(fixed_description or _("Legal services, fixed fee"))[:500],
                quantity=Decimal(1),
                unit_price=fixed_amount,
            )
        )
    if advance is not None:
        from ..models import Advance

        advance = Advance.objects.filter(pk=getattr(advance, "pk", advance), matter=matter).first()
        if advance is None:
            raise ValidationError(fields={"advance": [_("The advance is not of this matter.")]})
        lines.append(
            InvoiceLine(
                source=InvoiceLine.Source.ADVANCE,
                advance=advance,
                description=advance.purpose[:500],
                quantity=Decimal(1),
                unit_price=advance.amount,
            )
        )
    if not lines:
        raise ValidationError(_("An invoice needs at least one line."))
    invoice = Invoice.objects.create(
        matter=matter, client=matter.client, created_by=by, language=matter.client.language or "ru"
    )
    for position, line in enumerate(lines, start=1):
        line.invoice = invoice
        line.position = position
        _price(line, None)
    InvoiceLine.objects.bulk_create(lines)
    _total(invoice, lines)
    invoice.save(update_fields=["net", "vat", "gross"])
    return invoice


def _money_line(line: InvoiceLine, rate) -> Line:
    if line.minutes:
        return Line(Decimal(line.minutes), line.unit_price / HOURS, rate)
    return Line(line.quantity, line.unit_price, rate)


def _price(line: InvoiceLine, rate) -> None:
    amounts = _money_line(line, rate).amounts()
    line.vat_rate, line.net, line.vat, line.gross = rate, amounts.net, amounts.vat, amounts.gross


def _total(invoice: Invoice, lines) -> None:
    result = totals([_money_line(line, line.vat_rate) for line in lines])
    invoice.net, invoice.vat, invoice.gross = result.total.net, result.total.vat, result.total.gross


@transaction.atomic
def invoice_delete(invoice, by) -> None:
    if not restrict_invoices(by, "prepare").filter(pk=invoice.pk).exists():
        raise InvalidState(_("Only a draft invoice can be deleted.")) if not invoice.is_draft else NotPermitted()
    invoice.delete()


def _requisites(profile) -> dict:
    fields = ("name", "short_name", "inn", "kpp", "ogrn", "address", "bank_name", "bik", "corr_account", "account")
    return {field: getattr(profile, field) for field in fields} | {"tax_regime": profile.tax_regime}


def _payer(client) -> dict:
    return {field: getattr(client, field, "") or "" for field in ("name", "inn", "kpp", "address")}


@transaction.atomic
def invoice_issue(invoice, by, *, issue_date: dt.date | None = None, due_date: dt.date | None = None):
    """Number the draft (YYYY-NNNN, gapless per year), copy the requisites and VAT, fix the totals,
    lock the time and expenses, and queue the PDF's rendering once the transaction commits."""
    invoice = Invoice.objects.select_for_update().filter(pk=invoice.pk).first()
    if invoice is None or not restrict_invoices(by, "view").filter(pk=invoice.pk).exists():
        raise NotPermitted()
    if not invoice.is_draft:
        raise InvalidState(_("This invoice has already been issued."))
    if not restrict_invoices(by, "issue").filter(pk=invoice.pk).exists():
        raise NotPermitted()
    issue_date = issue_date or timezone.localdate()
    due_date = due_date or issue_date + dt.timedelta(days=DEFAULT_DUE_DAYS)
    if due_date < issue_date:
        raise ValidationError(fields={"due_date": [_("The due date cannot be before the issue date.")]})
    try:
        snapshot = document_vat(issue_date)
    except NotFound:  # no requisites in force on the date yet
        raise InvalidState(_("Enter the firm's requisites before issuing an invoice.")) from None
    profile = snapshot["firm_profile"]
    rate = None if profile.tax_regime == TaxRegime.NO_VAT else snapshot["vat_rate"]
    lines = list(invoice.lines.all())
    for line in lines:
        _price(line, rate)
    InvoiceLine.objects.bulk_update(lines, ["vat_rate", "net", "vat", "gross"])
    _total(invoice, lines)
    billing_lock(
        [line.time_entry for line in lines if line.time_entry_id] + [line.expense for line in lines if line.expense_id]
    )
    invoice.year = issue_date.year
    invoice.seq = next_value(f"invoice:{invoice.year}")
    invoice.number = f"{invoice.year}-{invoice.seq:04d}"
    invoice.issue_date, invoice.due_date = issue_date, due_date
    invoice.firm_profile, invoice.requisites, invoice.vat_rate = profile, _requisites(profile), rate
    invoice.payer = _payer(invoice.client)
    invoice.status, invoice.issued_at, invoice.issued_by = Invoice.Status.ISSUED, timezone.now(), by
    invoice.save()
    from ..jobs import render_invoice

    pk = invoice.pk
    transaction.on_commit(lambda: render_invoice.delay(pk))
    return invoice


@transaction.atomic
def invoice_cancel(invoice, by):
    """Cancel an issued, unpaid invoice: its number stays used (no gap); its time and expenses stay billed."""
    invoice = Invoice.objects.select_for_update().filter(pk=invoice.pk).first()
    if invoice is None or not restrict_invoices(by, "view").filter(pk=invoice.pk).exists():
        raise NotPermitted()
    if invoice.status != Invoice.Status.ISSUED or invoice.paid:
        raise InvalidState(_("Only an issued, unpaid invoice can be cancelled."))
    if not restrict_invoices(by, "cancel").filter(pk=invoice.pk).exists():
        raise NotPermitted()
    invoice.status, invoice.cancelled_at = Invoice.Status.CANCELLED, timezone.now()
    invoice.save(update_fields=["status", "cancelled_at"])
    return invoice


def invoice_render(invoice_id: int) -> bool:
    """Render an issued invoice's PDF once and store it (the worker calls it); False if nothing to do."""
    from ..pdf import invoice_pdf

    invoice = (
        Invoice.objects.select_related("matter").filter(pk=invoice_id).exclude(status=Invoice.Status.DRAFT).first()
    )
    if invoice is None or invoice.pdf:
        return False
    content = invoice_pdf(invoice, list(invoice.lines.all()))
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.pdf:
            return False
        locked.pdf.save(f"{locked.number}.pdf", ContentFile(content), save=False)
        Invoice.objects.filter(pk=locked.pk).update(pdf=locked.pdf.name)
    return True


def invoice_apply_payment(*, invoice: Invoice, amount) -> Invoice:
    """A matched payment counts towards its invoice: `paid` grows, the status says partly paid or paid.

    Strict: the invoice must be issued and not yet fully paid (a payment is matched only to such an
    invoice, billing.selectors.payments.find_invoice); anything else is refused and nothing changes."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status not in (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID):
        raise InvalidState(_("A payment counts only towards an issued invoice that is not fully paid."))
    amount = quantize_kopecks(amount)
    if amount <= 0:
        raise ValidationError(fields={"amount": [_("The amount must be positive.")]})
    invoice.paid = quantize_kopecks(invoice.paid + amount)
    invoice.status = Invoice.Status.PAID if invoice.paid >= invoice.gross else Invoice.Status.PARTLY_PAID
    invoice.save(update_fields=["paid", "status"])
    return invoice


def invoice_unapply_payment(*, invoice: Invoice, amount) -> Invoice:
    """A payment taken off its invoice no longer counts towards it: `paid` falls by exactly its amount and
    the status goes back (issued when nothing is left paid, else partly paid).

    Strict: only an invoice the payment counted towards (partly paid or paid, with at least that much
    paid). A cancelled invoice is refused: it can only have been cancelled unpaid (invoice_cancel), so a
    payment on it would be an inconsistency to investigate, not a correction to make in the queue."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    amount = quantize_kopecks(amount)
    if invoice.status not in (Invoice.Status.PARTLY_PAID, Invoice.Status.PAID) or invoice.paid < amount:
        raise InvalidState(_("This payment does not count towards the invoice: there is nothing to take off."))
    invoice.paid = quantize_kopecks(invoice.paid - amount)
    invoice.status = Invoice.Status.PARTLY_PAID if invoice.paid > 0 else Invoice.Status.ISSUED
    invoice.save(update_fields=["paid", "status"])
    return invoice
