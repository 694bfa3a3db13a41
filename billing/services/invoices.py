"""Writes of invoices: a draft from approved time and expenses, a fixed fee, its stages or advances (its
lines and their editing: billing.services.invoice_lines); the issue
(number, requisites and VAT copied, totals, the entries locked, the PDF queued); the cancellation.

Prices include VAT ("в т. ч. НДС", billing.money.Line's default): an hourly rate, a fixed fee and an
expense are what the client pays; the VAT inside them is extracted per line at the rate in force on
the issue date (billing.selectors.firm.document_vat). A firm without VAT prints "Без НДС".
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.numbering import next_value

from .. import timeline
from ..access import invoice_matters, restrict_invoices
from ..caching import INVOICES, bumps
from ..models import BillingAdjustment, Invoice, InvoiceLine, TaxRegime
from ..money import quantize_kopecks
from ..selectors.firm import document_vat
from .claims import adjustment_apply, adjustment_release
from .invoice_lines import adjustment_lines, build_lines, check_issue_date, client_language, fixed_line, price, total
from .work import billing_lock

DEFAULT_DUE_DAYS = 5


@transaction.atomic
@bumps(INVOICES)
def invoice_draft(
    *,
    by,
    matter,
    time_entries=(),
    expenses=(),
    fixed_amount=None,
    fixed_description="",
    stages=(),
    advances=(),
    advance=None,
):
    """A draft invoice on the matter; the lines are priced now, the VAT is set at issue.
    (`advance`: one advance, as `advances` — kept for the API's callers.)"""
    if not invoice_matters(by, "prepare").filter(pk=matter.pk).exists():
        raise NotPermitted()
    advances = [*(advances or ()), *([advance] if advance is not None else [])]
    lines = build_lines(matter, time_entries=time_entries, expenses=expenses, stages=stages, advances=advances)
    if fixed_amount is not None:
        lines.insert(
            sum(line.source != InvoiceLine.Source.ADVANCE for line in lines),
            fixed_line(fixed_amount, fixed_description, client_language(matter)),
        )
    if not lines:
        raise ValidationError(_("An invoice needs at least one line."))
    lines += adjustment_lines(matter, lines)
    invoice = Invoice.objects.create(
        matter=matter, client=matter.client, created_by=by, language=client_language(matter)
    )
    for position, line in enumerate(lines, start=1):
        line.invoice = invoice
        line.position = position
        price(line, None)
    InvoiceLine.objects.bulk_create(lines)
    total(invoice, lines)
    invoice.save(update_fields=["net", "vat", "gross"])
    for line in lines:
        if line.adjustment is not None:
            adjustment_apply(by=by, adjustment=line.adjustment, invoice=invoice)
    timeline.invoice_drafted(invoice, by=by)
    return invoice


def _release_adjustments(invoice, by) -> None:
    """A claim's adjustments set off on a draft deleted or an invoice cancelled wait for the next invoice."""
    for adjustment in BillingAdjustment.objects.filter(applied_invoice=invoice):
        adjustment_release(by=by, adjustment=adjustment)


@transaction.atomic
@bumps(INVOICES)
def invoice_delete(*, by, invoice) -> None:
    if not restrict_invoices(by, "prepare").filter(pk=invoice.pk).exists():
        raise InvalidState(_("Only a draft invoice can be deleted.")) if not invoice.is_draft else NotPermitted()
    _release_adjustments(invoice, by)
    invoice.delete()


def _requisites(profile) -> dict:
    fields = ("name", "short_name", "inn", "kpp", "ogrn", "address", "bank_name", "bik", "corr_account", "account")
    return {field: getattr(profile, field) for field in fields} | {"tax_regime": profile.tax_regime}


def _payer(client) -> dict:
    return {field: getattr(client, field, "") or "" for field in ("name", "inn", "kpp", "address")}


@transaction.atomic
@bumps(INVOICES)
def invoice_issue(*, by, invoice, issue_date: dt.date | None = None, due_date: dt.date | None = None):
    """Number the draft (YYYY-NNNN, gapless per year), copy the requisites and VAT, fix the totals,
    lock the time and expenses, and queue the PDF's rendering once the transaction commits."""
    invoice = Invoice.objects.select_for_update().filter(pk=invoice.pk).first()
    if invoice is None or not restrict_invoices(by, "view").filter(pk=invoice.pk).exists():
        raise NotPermitted()
    if not invoice.is_draft:
        raise InvalidState(_("This invoice has already been issued."))
    if not restrict_invoices(by, "issue").filter(pk=invoice.pk).exists():
        raise NotPermitted()
    issue_date = issue_date or invoice.issue_date or timezone.localdate()
    due_date = due_date or invoice.due_date or issue_date + dt.timedelta(days=DEFAULT_DUE_DAYS)
    check_issue_date(issue_date)
    if due_date < issue_date:
        raise ValidationError(fields={"due_date": [_("The due date cannot be before the issue date.")]})
    try:
        snapshot = document_vat(issue_date)
    except NotFound:  # no requisites in force on the date yet
        raise InvalidState(_("Enter the firm's requisites before issuing an invoice.")) from None
    profile = snapshot["firm_profile"]
    rate = None if profile.tax_regime == TaxRegime.NO_VAT else snapshot["vat_rate"]
    lines = list(invoice.lines.select_related("advance", "adjustment"))
    for line in lines:
        price(line, rate)
    InvoiceLine.objects.bulk_update(lines, ["vat_rate", "net", "vat", "gross"])
    total(invoice, lines)
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

    timeline.invoice_issued(invoice, by=by)
    pk = invoice.pk
    transaction.on_commit(lambda: render_invoice.delay(pk))
    return invoice


@transaction.atomic
@bumps(INVOICES)
def invoice_cancel(*, by, invoice):
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
    _release_adjustments(invoice, by)
    timeline.invoice_cancelled(invoice, by=by)
    return invoice


@bumps(INVOICES)  # the client's dashboard links the invoice to its PDF once rendered
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


@bumps(INVOICES)
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
    timeline.invoice_paid(invoice, amount=amount)
    return invoice


@bumps(INVOICES)
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
