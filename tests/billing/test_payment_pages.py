"""The payments' pages: the queue first, a statement uploaded (twice), a malformed one refused with its
line, a payment recorded by hand, matched and ignored; nobody but partners and the secretary gets in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from billing.models import BankStatementImport, Payment
from tests import factories as f
from tests import factories_billing as fb
from tests import factories_invoices as finv
from tests import factories_payments as fpay
from tests.billing.payment_data import FIRM_ACCOUNT, broken, line_of, statement
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary_client():
    return login(Client(), f.SecretaryFactory(language="en"))


def _upload(client, data, name="kl_to_1c.txt"):
    return client.post(reverse("billing:statement_upload"), {"file": SimpleUploadedFile(name, data)})


def test_the_queue_lists_waiting_payments_first(secretary_client):
    fpay.PaymentFactory(purpose="WAITING-ONE")
    fpay.PaymentFactory(purpose="DONE-ONE", status=Payment.Status.MATCHED, matched_invoice=finv.InvoiceFactory())
    page = secretary_client.get(reverse("billing:payments")).content.decode()
    assert page.index("WAITING-ONE") < page.index("DONE-ONE") < page.index('id="statement"')


def test_upload_a_statement_twice_and_a_malformed_one(secretary_client):
    fb.FirmProfileFactory(account=FIRM_ACCOUNT)
    first = _upload(secretary_client, statement("DOS"))
    assert first.status_code == 200
    assert '<dd id="result-created">2</dd>' in first.content.decode()
    second = _upload(secretary_client, statement("Windows"))
    body = second.content.decode()
    assert '<dd id="result-created">0</dd>' in body and '<dd id="result-duplicates">2</dd>' in body
    assert Payment.objects.count() == 2 and BankStatementImport.objects.count() == 1
    bad = _upload(secretary_client, broken("Сумма=123265", "Сумма=123 265,00"))
    assert bad.status_code == 400 and str(line_of("Сумма=123265")) in bad.content.decode()
    assert Payment.objects.count() == 2


def test_record_match_and_ignore_through_the_pages(secretary_client):
    invoice = finv.InvoiceFactory(seq=5)
    response = secretary_client.post(
        reverse("billing:payment_new"), {"amount": "100,50", "date": "2026-12-01", "payer_name": "ИП Иванов"}
    )
    payment = Payment.objects.get()
    assert response.status_code == 302 and payment.status == Payment.Status.UNMATCHED
    assert secretary_client.post(reverse("billing:payment_new"), {"amount": "x", "date": ""}).status_code == 400
    url = reverse("billing:payment_match", args=[payment.pk])
    wrong = secretary_client.post(url, {"invoice_number": "2026-6"})
    assert wrong.status_code == 400 and "There is no invoice with this number." in wrong.content.decode()
    assert secretary_client.post(url, {"invoice_number": "2026-0005"}).status_code == 302
    payment.refresh_from_db()
    assert payment.status == Payment.Status.MATCHED and payment.matched_invoice == invoice
    other = fpay.PaymentFactory()
    secretary_client.post(reverse("billing:payment_ignore", args=[other.pk]), {"reason": "Возврат"})
    other.refresh_from_db()
    assert other.status == Payment.Status.IGNORED
    detail = secretary_client.get(reverse("billing:payment_detail", args=[other.pk])).content.decode()
    assert "Возврат" in detail and 'id="match"' not in detail


@pytest.mark.parametrize("factory", [f.ClientUserFactory, f.LeadFactory, f.SpecialistFactory])
def test_nobody_else_sees_payments(factory):
    payment = fpay.PaymentFactory()
    client = login(Client(), factory())
    assert client.get(reverse("billing:payments")).status_code == 403
    assert client.get(reverse("billing:statement_upload")).status_code == 403
    assert client.get(reverse("billing:payment_detail", args=[payment.pk])).status_code == 404


def test_unmatch_through_the_payment_page(secretary_client):
    invoice = finv.InvoiceFactory(gross="1000.00")
    payment = fpay.PaymentFactory(amount="1000.00")
    secretary_client.post(reverse("billing:payment_match", args=[payment.pk]), {"invoice_number": invoice.number})
    detail = reverse("billing:payment_detail", args=[payment.pk])
    page = secretary_client.get(detail).content.decode()
    assert 'id="unmatch"' in page and f">{invoice.number}</a>" in page
    url = reverse("billing:payment_unmatch", args=[payment.pk])
    empty = secretary_client.post(url, {"reason": ""})
    assert empty.status_code == 400 and 'id="unmatch"' in empty.content.decode()
    assert secretary_client.post(url, {"reason": "Ошибка сверки"}).status_code == 302
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.status) == (0, "issued")
    page = secretary_client.get(detail).content.decode()
    assert "Ошибка сверки" in page and 'id="unmatches"' in page and 'id="match"' in page
    assert 'id="unmatch"' not in page
    again = secretary_client.post(url, {"reason": "снова"})
    assert again.status_code == 400 and "This payment is not matched to an invoice." in again.content.decode()
    assert payment.unmatches.count() == 1
