"""Payments to the firm (rule 1): recorded by hand, imported from a 1C bank statement, matched to invoices.

The import is idempotent by a unique constraint on each statement document's key (not by reading
first): a document already imported fails its insert inside a savepoint and counts as a duplicate.
An upload that brings no new payment changes nothing — not even a record of the upload.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from core.errors import InvalidState, NotPermitted, ValidationError

from ..access import handles_payments
from ..caching import INVOICES, PAYMENTS, bumps
from ..models import BankStatementImport, FirmProfile, Invoice, Payment, PaymentUnmatch
from ..money import quantize_kopecks
from ..selectors.payments import PAYABLE, find_invoice
from ..statements import INCOMING, invoice_numbers_in, parse_statement
from .invoices import invoice_apply_payment, invoice_unapply_payment

MAX_STATEMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportSummary:
    created: int
    duplicates: int
    matched: int
    waiting: int
    skipped_other: int  # documents that are not money in to the firm's accounts
    statement_import: BankStatementImport | None


def _require(by, action: str) -> None:
    if not handles_payments(by, action):
        raise NotPermitted(_("Only partners and the secretary handle the firm's payments."))


def _amount(value) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(" ", "").replace(",", "."))
        if not amount.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ValidationError(fields={"amount": [_("Enter an amount in roubles, e.g. 1200.50.")]}) from None
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")) or amount >= Decimal("1e12"):
        raise ValidationError(fields={"amount": [_("Enter a positive amount to the kopeck.")]})
    return quantize_kopecks(amount)


def _client_by_inn(inn: str) -> Client | None:
    if not inn:
        return None
    found = list(Client.objects.filter(inn=inn)[:2])
    return found[0] if len(found) == 1 else None


def _apply(payment: Payment) -> None:
    """A payment just matched counts towards its invoice (paid, and the invoice's status)."""
    if payment.status == Payment.Status.MATCHED:
        invoice_apply_payment(invoice=payment.matched_invoice, amount=payment.amount)


def _auto_match(payment: Payment) -> bool:
    """Match by the invoice numbers its purpose names, the payer's INN and the amount due; True if matched."""
    numbers = invoice_numbers_in(payment.purpose)
    if numbers and not payment.invoice_number:
        payment.invoice_number = numbers[0][:30]
    for number in numbers:
        invoice = find_invoice(number, payment.payer_inn, payment.amount)
        if invoice is not None:
            payment.invoice_number = number[:30]
            payment.matched_invoice = invoice
            payment.status = Payment.Status.MATCHED
            payment.matched_at = timezone.now()
            return True
    return False


@transaction.atomic
@bumps(PAYMENTS, INVOICES)
def payment_record(
    *,
    by,
    amount,
    date: dt.date,
    payer_name: str = "",
    payer_inn: str = "",
    payer_account: str = "",
    purpose: str = "",
    invoice_number: str = "",
) -> Payment:
    """A payment recorded by hand; matched at once if its invoice number (or purpose) names an invoice due that much."""
    _require(by, "record")
    errors = {}
    payer_inn, payer_account = (payer_inn or "").strip(), (payer_account or "").strip()
    if payer_inn and not (payer_inn.isdigit() and len(payer_inn) in (10, 12)):
        errors["payer_inn"] = [_("An INN is 10 or 12 digits.")]
    if payer_account and not (payer_account.isdigit() and len(payer_account) == 20):
        errors["payer_account"] = [_("An account number is 20 digits.")]
    if not isinstance(date, dt.date):
        errors["date"] = [_("Enter a date.")]
    try:
        value = _amount(amount)
    except ValidationError as error:
        errors.update(error.fields)
    if errors:
        raise ValidationError(fields=errors)
    payment = Payment(
        amount=value,
        date=date,
        payer_name=(payer_name or "").strip()[:300],
        payer_inn=payer_inn,
        payer_account=payer_account,
        purpose=(purpose or "").strip()[:500],
        invoice_number=(invoice_number or "").strip()[:30],
        source=Payment.Source.MANUAL,
        client=_client_by_inn(payer_inn),
        recorded_by=by,
    )
    if payment.invoice_number:
        invoice = find_invoice(payment.invoice_number, payer_inn, value)
        if invoice is not None:
            payment.matched_invoice, payment.status = invoice, Payment.Status.MATCHED
            payment.matched_by, payment.matched_at = by, timezone.now()
    else:
        _auto_match(payment)
    payment.save()
    _apply(payment)
    return payment


def _firm_accounts() -> list[str]:
    return sorted({a for a in FirmProfile.objects.values_list("account", flat=True) if a})


@transaction.atomic
@bumps(PAYMENTS, INVOICES)
def statement_import(*, by, file) -> ImportSummary:
    """Import the incoming payments to the firm's accounts from a 1C statement (`file`: bytes or an
    uploaded file). A malformed file is refused (StatementError names the line) and changes nothing."""
    _require(by, "import")
    data = file if isinstance(file, bytes) else file.read(MAX_STATEMENT_BYTES + 1)
    name = "" if isinstance(file, bytes) else (getattr(file, "name", "") or "")[:255]
    if not data:
        raise ValidationError(fields={"file": [_("The file is empty.")]})
    if len(data) > MAX_STATEMENT_BYTES:
        raise ValidationError(fields={"file": [_("The file is too large for a bank statement.")]})
    accounts = _firm_accounts()
    statement = parse_statement(bytes(data), accounts=accounts)
    ours = set(accounts) or set(statement.own_accounts)
    try:  # the same bytes again: the unique sha256 says so; its documents are then all duplicates
        with transaction.atomic():
            record = BankStatementImport.objects.create(
                sha256=hashlib.sha256(data).hexdigest(), file_name=name, uploaded_by=by
            )
    except IntegrityError:
        record = None
    created = duplicates = matched = skipped = 0
    for document, key in zip(statement.documents, statement.document_keys(), strict=True):
        if document.direction != INCOMING or document.recipient_account not in ours:
            skipped += 1
            continue
        payment = Payment(
            amount=quantize_kopecks(document.amount),
            date=document.received_on or document.date,
            payer_name=document.payer_name[:300],
            payer_inn=document.payer_inn[:12],
            payer_account=document.payer_account[:20],
            purpose=document.purpose[:500],
            document_number=document.number[:30],
            source=Payment.Source.STATEMENT,
            statement_key=key,
            statement_import=record,
            client=_client_by_inn(document.payer_inn),
            recorded_by=by,
        )
        matched_now = _auto_match(payment)
        try:
            with transaction.atomic():
                payment.save()
        except IntegrityError:
            duplicates += 1
            continue
        _apply(payment)
        created += 1
        matched += matched_now
    if record is not None:
        if created:
            record.documents, record.created, record.duplicates, record.matched = (
                created + duplicates,
                created,
                duplicates,
                matched,
            )
            record.file.save("statement.txt", ContentFile(bytes(data)), save=False)
            record.save()
        else:
            record.delete()
            record = None
    return ImportSummary(created, duplicates, matched, created - matched, skipped, record)


def _open(payment: Payment, by) -> Payment:
    _require(by, "match")
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != Payment.Status.UNMATCHED:
        raise InvalidState(_("This payment is no longer waiting to be matched."))
    return payment


@transaction.atomic
@bumps(PAYMENTS, INVOICES)
def payment_match(*, payment: Payment, by, invoice_number: str = "", invoice_id: int | None = None) -> Payment:
    """Match a waiting payment to an invoice: by its id, or by the number a person typed in (any client,
    any amount — a person decides, e.g. for a part payment or a payment by a third party)."""
    payment = _open(payment, by)
    invoice_number = (invoice_number or "").strip()
    if invoice_id is not None:
        invoice = Invoice.objects.filter(pk=invoice_id, status__in=PAYABLE).first()
        if invoice is None:
            raise ValidationError(fields={"invoice": [_("There is no issued unpaid invoice with this id.")]})
        invoice_number = invoice_number or invoice.number
    else:
        if not invoice_number:
            raise ValidationError(fields={"invoice_number": [_("Enter the invoice number.")]})
        invoice = find_invoice(invoice_number)
        if invoice is None:
            raise ValidationError(fields={"invoice_number": [_("There is no invoice with this number.")]})
    payment.matched_invoice = invoice
    payment.invoice_number = invoice_number[:30] or payment.invoice_number
    payment.status = Payment.Status.MATCHED
    payment.matched_by, payment.matched_at = by, timezone.now()
    payment.save()
    _apply(payment)
    return payment


@transaction.atomic
@bumps(PAYMENTS, INVOICES)
def payment_ignore(*, payment: Payment, reason: str, by) -> Payment:
    """Take a waiting payment out of the queue (not the firm's fee: a refund, a bank's own transfer…), with a reason."""
    payment = _open(payment, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Say why the payment is ignored.")]})
    payment.status, payment.ignore_reason = Payment.Status.IGNORED, reason[:500]
    payment.matched_by, payment.matched_at = by, timezone.now()
    payment.save()
    return payment


@transaction.atomic
@bumps(PAYMENTS, INVOICES)
def payment_unmatch(*, payment: Payment, reason: str, by) -> Payment:
    """Take a payment off the invoice it was matched to by mistake, with a reason (partners and the secretary).

    What a firm's accountant expects: the correction is a new record, not an erasure — a PaymentUnmatch
    keeps who matched it and when, who took it off, when and why; the invoice's paid amount falls by
    exactly the payment and its status goes back (issued, or partly paid if other payments remain); the
    payment waits in the queue again for a person to match it (no automatic re-match: it was a mistake
    once). Refused, changing nothing: a payment that is not matched; an invoice that is cancelled (it
    was cancelled unpaid, so that cannot be a mistake of the queue — billing.services.invoices)."""
    _require(by, "match")
    payment = Payment.objects.select_for_update(of=("self",)).select_related("matched_invoice").get(pk=payment.pk)
    if payment.status != Payment.Status.MATCHED or payment.matched_invoice is None:
        raise InvalidState(_("This payment is not matched to an invoice."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Say why the payment is taken off the invoice.")]})
    invoice = payment.matched_invoice
    if invoice.status == Invoice.Status.CANCELLED:
        raise InvalidState(_("The invoice is cancelled: a payment cannot be taken off it here."))
    invoice_unapply_payment(invoice=invoice, amount=payment.amount)
    PaymentUnmatch.objects.create(
        payment=payment,
        invoice=invoice,
        amount=payment.amount,
        reason=reason[:500],
        matched_by=payment.matched_by,
        matched_at=payment.matched_at,
        unmatched_by=by,
    )
    numbers = invoice_numbers_in(payment.purpose)
    payment.status, payment.matched_invoice = Payment.Status.UNMATCHED, None
    payment.matched_by, payment.matched_at = None, None
    payment.invoice_number = numbers[0][:30] if numbers else ""
    payment.save()
    return payment
