"""Payments: recorded by hand, imported from a 1C statement in each encoding (twice: the second changes
nothing), auto-matched to the invoice its purpose names, the queue's match and ignore, and who may."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from billing.models import BankStatementImport, Invoice, Payment, PaymentUnmatch
from billing.selectors.payments import find_invoice
from billing.services.payments import (
    payment_ignore,
    payment_match,
    payment_record,
    payment_unmatch,
    statement_import,
)
from billing.statements import StatementError
from core.errors import InvalidState, NotPermitted, ValidationError
from tests import factories as f
from tests import factories_billing as fb
from tests import factories_invoices as finv
from tests.billing.payment_data import FIRM_ACCOUNT, ROMASHKA_INN, broken, line_of, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm():
    return fb.FirmProfileFactory(account=FIRM_ACCOUNT)


@pytest.fixture
def partner():
    return f.PartnerFactory()


@pytest.fixture
def invoice():
    """Invoice 2026-0012 of Ромашка, issued, 1200.05 due (the statement's first payment pays it)."""
    matter = f.MatterFactory(client=f.ClientFactory(inn=ROMASHKA_INN))
    return finv.InvoiceFactory(matter=matter, seq=12, gross=Decimal("1200.05"))


def test_match_by_id_wants_an_issued_unpaid_invoice_and_the_invoice_is_strict(partner, invoice):
    from billing.services.invoices import invoice_apply_payment

    payment = payment_record(by=partner, amount="5", date=dt.date(2026, 12, 1))
    draft = finv.InvoiceFactory(status=Invoice.Status.DRAFT, year=None, seq=None, number="")
    for refused in (draft.pk, 10**9):
        with pytest.raises(ValidationError) as error:
            payment_match(payment=payment, by=partner, invoice_id=refused)
        assert "invoice" in error.value.fields
    matched = payment_match(payment=payment, by=partner, invoice_id=invoice.pk)
    assert matched.matched_invoice == invoice and matched.invoice_number == invoice.number
    with pytest.raises(InvalidState):
        invoice_apply_payment(invoice=draft, amount=Decimal("1"))
    draft.refresh_from_db()
    assert draft.paid == 0


def _state():
    return sorted(Payment.objects.values_list("statement_key", "status", "amount", "matched_invoice_id"))


@pytest.mark.parametrize("encoding", ["Windows", "DOS"])
def test_a_statement_imported_twice_changes_nothing_the_second_time(encoding, firm, partner):
    client = f.ClientFactory(inn=ROMASHKA_INN)
    first = statement_import(by=partner, file=statement(encoding))
    # Two incoming documents (a payment order and a "Банковский ордер"); the state duty going out is not ours.
    assert (first.created, first.duplicates, first.matched, first.waiting, first.skipped_other) == (2, 0, 0, 2, 1)
    order, bank_order = Payment.objects.order_by("amount")
    assert order.amount == Decimal("1200.05") and order.client == client and order.payer_inn == ROMASHKA_INN
    assert order.invoice_number == "2026-0012" and order.status == Payment.Status.UNMATCHED
    assert order.source == Payment.Source.STATEMENT and order.date == dt.date(2026, 12, 2)
    assert bank_order.amount == Decimal("123265") and bank_order.client is None
    assert first.statement_import.created == 2 and first.statement_import.file.read() == statement(encoding)
    before = _state()
    again = statement_import(by=partner, file=statement(encoding))
    assert (again.created, again.duplicates, again.matched) == (0, 2, 0) and again.statement_import is None
    # The same statement exported in the other encoding is the same payments too.
    other = statement_import(by=partner, file=statement("DOS" if encoding == "Windows" else "Windows", newline="\n"))
    assert (other.created, other.duplicates) == (0, 2)
    assert _state() == before and BankStatementImport.objects.count() == 1


def test_a_malformed_statement_is_refused_naming_the_line_and_nothing_is_written(firm, partner):
    data = broken("Сумма=123265", "Сумма=123 265,00")
    with translation.override("ru"), pytest.raises(StatementError) as refused:
        statement_import(by=partner, file=data)
    assert refused.value.line == line_of("Сумма=123265")
    assert str(line_of("Сумма=123265")) in str(refused.value.message)
    assert not Payment.objects.exists() and not BankStatementImport.objects.exists()


def test_auto_match_by_the_invoice_number_in_the_purpose_the_inn_and_the_amount(firm, partner, invoice):
    summary = statement_import(by=partner, file=statement())
    assert (summary.created, summary.matched, summary.waiting) == (2, 1, 1)
    matched = Payment.objects.get(status=Payment.Status.MATCHED)
    assert matched.matched_invoice == invoice and matched.matched_by is None and matched.matched_at
    assert Payment.objects.get(status=Payment.Status.UNMATCHED).amount == Decimal("123265")
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.status) == (Decimal("1200.05"), Invoice.Status.PAID)


def test_find_invoice_wants_an_issued_unpaid_invoice_of_that_payer_due_that_much(invoice):
    assert find_invoice("2026-12") == invoice == find_invoice("2026-0012", ROMASHKA_INN, Decimal("1200.05"))
    assert find_invoice("2026-0012", "7707083893") is None
    assert find_invoice("2026-0012", ROMASHKA_INN, Decimal("1")) is None
    assert find_invoice("2026-0013") is None and find_invoice("счёт") is None and find_invoice("") is None
    Invoice.objects.filter(pk=invoice.pk).update(status=Invoice.Status.CANCELLED)
    assert find_invoice("2026-12") is None


def test_record_by_hand_and_match_at_once(partner, invoice):
    secretary = f.SecretaryFactory()
    payment = payment_record(
        by=secretary, amount="1 200,05", date=dt.date(2026, 12, 3), payer_inn=ROMASHKA_INN, invoice_number="2026-12"
    )
    assert payment.status == Payment.Status.MATCHED and payment.matched_invoice == invoice
    assert payment.matched_by == secretary and payment.source == Payment.Source.MANUAL
    waiting = payment_record(by=partner, amount=Decimal("10.00"), date=dt.date(2026, 12, 3), purpose="за что-то")
    assert waiting.status == Payment.Status.UNMATCHED


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"amount": "-1"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"payer_inn": "123"}, "payer_inn"),
        ({"payer_account": "4070"}, "payer_account"),
    ],
)
def test_record_refuses_bad_input(partner, fields, bad):
    data = {"amount": "100", "date": dt.date(2026, 12, 1), **fields}
    with pytest.raises(ValidationError) as refused:
        payment_record(by=partner, **data)
    assert bad in refused.value.fields and not Payment.objects.exists()


def test_the_queue_match_and_ignore(partner, invoice):
    payment = payment_record(by=partner, amount="5", date=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError) as refused:
        payment_match(payment=payment, by=partner, invoice_number="2026-99")
    assert "invoice_number" in refused.value.fields
    matched = payment_match(payment=payment, by=partner, invoice_number="2026-0012")  # a part payment: a person decides
    assert matched.matched_invoice == invoice and matched.matched_by == partner
    with pytest.raises(InvalidState):
        payment_ignore(payment=matched, reason="x", by=partner)
    other = payment_record(by=partner, amount="7", date=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError):
        payment_ignore(payment=other, reason=" ", by=partner)
    ignored = payment_ignore(payment=other, reason="Возврат банка", by=partner)
    assert ignored.status == Payment.Status.IGNORED and ignored.ignore_reason == "Возврат банка"


@pytest.mark.parametrize("factory", [f.LeadFactory, f.SpecialistFactory, f.ClientUserFactory])
def test_only_partners_and_the_secretary_handle_payments(factory, firm, partner):
    someone = factory()
    with pytest.raises(NotPermitted):
        payment_record(by=someone, amount="5", date=dt.date(2026, 12, 1))
    with pytest.raises(NotPermitted):
        statement_import(by=someone, file=statement())
    payment = payment_record(by=partner, amount="5", date=dt.date(2026, 12, 1))
    with pytest.raises(NotPermitted):
        payment_match(payment=payment, by=someone, invoice_id=1)
    assert Payment.objects.count() == 1


def test_unmatch_a_payment_matched_by_mistake(partner, invoice):
    secretary = f.SecretaryFactory()
    first = payment_record(by=partner, amount="200.05", date=dt.date(2026, 12, 1), purpose="Оплата по счёту 2026-12")
    payment_match(payment=first, by=partner, invoice_number="2026-12")
    second = payment_record(by=partner, amount="1000", date=dt.date(2026, 12, 2), purpose="аванс")
    payment_match(payment=second, by=partner, invoice_id=invoice.pk)
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.status) == (Decimal("1200.05"), Invoice.Status.PAID)
    with pytest.raises(ValidationError):
        payment_unmatch(payment=second, by=secretary, reason="  ")
    back = payment_unmatch(payment=second, by=secretary, reason="Аванс по другому делу")
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.status) == (Decimal("200.05"), Invoice.Status.PARTLY_PAID)
    assert back.status == Payment.Status.UNMATCHED and back.matched_invoice is None and back.matched_by is None
    record = back.unmatches.get()
    assert (record.invoice, record.amount, record.matched_by, record.unmatched_by, record.reason) == (
        invoice,
        Decimal("1000.00"),
        partner,
        secretary,
        "Аванс по другому делу",
    )
    with pytest.raises(InvalidState):
        payment_unmatch(payment=back, by=partner, reason="again")
    # The last payment off: the invoice is issued (unpaid) again; the payment's number is what its purpose names.
    first = payment_unmatch(payment=first, by=partner, reason="Не тот счёт")
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.status) == (Decimal("0.00"), Invoice.Status.ISSUED)
    assert first.invoice_number == "2026-12" and PaymentUnmatch.objects.count() == 2
    # Back in the queue, it can be matched again (to the right invoice).
    assert payment_match(payment=first, by=partner, invoice_id=invoice.pk).status == Payment.Status.MATCHED


@pytest.mark.parametrize("factory", [f.LeadFactory, f.SpecialistFactory, f.ClientUserFactory])
def test_only_partners_and_the_secretary_unmatch(factory, partner, invoice):
    payment = payment_match(
        payment=payment_record(by=partner, amount="5", date=dt.date(2026, 12, 1)), by=partner, invoice_id=invoice.pk
    )
    with pytest.raises(NotPermitted):
        payment_unmatch(payment=payment, by=factory(), reason="x")
    payment.refresh_from_db()
    invoice.refresh_from_db()
    assert payment.status == Payment.Status.MATCHED and invoice.paid == Decimal("5.00")


def test_unmatch_refuses_a_cancelled_invoice_and_changes_nothing(partner, invoice):
    payment = payment_match(
        payment=payment_record(by=partner, amount="5", date=dt.date(2026, 12, 1)), by=partner, invoice_id=invoice.pk
    )
    Invoice.objects.filter(pk=invoice.pk).update(status=Invoice.Status.CANCELLED)  # cannot happen through services
    with pytest.raises(InvalidState):
        payment_unmatch(payment=payment, by=partner, reason="x")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.MATCHED and not PaymentUnmatch.objects.exists()
