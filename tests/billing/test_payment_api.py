"""The payments' API: list and filter, record by hand, one payment, match, ignore, a statement's upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from billing.models import Payment
from tests import factories as f
from tests import factories_billing as fb
from tests import factories_invoices as finv
from tests import factories_payments as fpay
from tests.billing.payment_data import FIRM_ACCOUNT, broken, line_of, statement
from tests.conftest import api_for, assert_404, assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return api_for(f.PartnerFactory())


def test_list_filter_and_detail(api):
    waiting = fpay.PaymentFactory()
    fpay.PaymentFactory(status=Payment.Status.MATCHED, matched_invoice=finv.InvoiceFactory())
    assert len(api.get("/api/payments/").json()["results"]) == 2
    queue = api.get("/api/payments/", {"status": "unmatched"}).json()["results"]
    assert [p["id"] for p in queue] == [waiting.pk]
    assert_error(api.get("/api/payments/", {"status": "nope"}), 400, "invalid")
    detail = api.get(f"/api/payments/{waiting.pk}/").json()
    assert detail["amount"] == "1500.00" and detail["status"] == "unmatched" and detail["matched_invoice"] is None


def test_record_match_and_ignore(api):
    created = api.post("/api/payments/", {"amount": "250.10", "date": "2026-12-01", "payer_inn": "7736010011"})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert_error(api.post("/api/payments/", {"amount": "1", "date": "x"}), 400, "invalid", ["date"])
    assert_error(
        api.post(f"/api/payments/{pk}/match/", {"invoice_number": "2026-9"}), 400, "invalid", ["invoice_number"]
    )
    invoice = finv.InvoiceFactory(seq=9)
    assert_error(api.post(f"/api/payments/{pk}/match/", {"invoice": invoice.pk + 1}), 400, "invalid", ["invoice"])
    matched = api.post(f"/api/payments/{pk}/match/", {"invoice_number": "2026-9"})
    assert matched.status_code == 200 and matched.json()["matched_invoice"] == invoice.pk
    assert_error(api.post(f"/api/payments/{pk}/ignore/", {"reason": "x"}), 409, "invalid_state")
    other = fpay.PaymentFactory()
    ignored = api.post(f"/api/payments/{other.pk}/ignore/", {"reason": "Возврат"})
    assert ignored.json()["status"] == "ignored"


def test_statement_upload_twice_and_malformed(api):
    fb.FirmProfileFactory(account=FIRM_ACCOUNT)
    first = api.post("/api/bank-statements/", {"file": SimpleUploadedFile("s.txt", statement())}, format="multipart")
    assert first.status_code == 201, first.content
    assert {k: first.json()[k] for k in ("created", "duplicates", "waiting")} == {
        "created": 2,
        "duplicates": 0,
        "waiting": 2,
    }
    again = api.post("/api/bank-statements/", {"file": SimpleUploadedFile("s.txt", statement())}, format="multipart")
    assert again.json()["created"] == 0 and again.json()["duplicates"] == 2
    bad = broken("Сумма=123265", "Сумма=123 265,00")
    error = assert_error(
        api.post("/api/bank-statements/", {"file": SimpleUploadedFile("s.txt", bad)}, format="multipart"),
        400,
        "bad_statement",
        ["file"],
    )
    assert str(line_of("Сумма=123265")) in error["fields"]["file"][0]
    assert Payment.objects.count() == 2


@pytest.mark.parametrize("factory", [f.ClientUserFactory, f.LeadFactory])
def test_outsiders_are_refused(factory):
    payment = fpay.PaymentFactory()
    api = api_for(factory())
    assert api.get("/api/payments/").status_code == 403
    assert api.post("/api/payments/", {"amount": "1", "date": "2026-12-01"}).status_code == 403
    assert_404(api.get(f"/api/payments/{payment.pk}/"))
    assert_404(api.post(f"/api/payments/{payment.pk}/match/", {"invoice_number": "1"}))
    upload = api.post("/api/bank-statements/", {"file": SimpleUploadedFile("s.txt", statement())}, format="multipart")
    assert upload.status_code == 403 and not Payment.objects.exclude(pk=payment.pk).exists()


def test_unmatch(api):
    invoice = finv.InvoiceFactory(gross="1000.00")
    pk = api.post("/api/payments/", {"amount": "400", "date": "2026-12-01"}).json()["id"]
    assert_error(api.post(f"/api/payments/{pk}/unmatch/", {"reason": "x"}), 409, "invalid_state")
    api.post(f"/api/payments/{pk}/match/", {"invoice": invoice.pk})
    assert_error(api.post(f"/api/payments/{pk}/unmatch/", {}), 400, "invalid", ["reason"])
    body = api.post(f"/api/payments/{pk}/unmatch/", {"reason": "Не тот клиент"}).json()
    assert body["status"] == "unmatched" and body["matched_invoice"] is None
    assert [(u["invoice_number"], u["amount"], u["reason"]) for u in body["unmatches"]] == [
        (invoice.number, "400.00", "Не тот клиент")
    ]
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.status) == (0, "issued")
    assert api.get("/api/payments/").json()["results"][0]["unmatches"][0]["reason"] == "Не тот клиент"


def test_outsiders_cannot_unmatch():
    partner = api_for(f.PartnerFactory())
    invoice = finv.InvoiceFactory()
    pk = partner.post("/api/payments/", {"amount": "400", "date": "2026-12-01"}).json()["id"]
    partner.post(f"/api/payments/{pk}/match/", {"invoice": invoice.pk})
    assert_404(api_for(f.LeadFactory()).post(f"/api/payments/{pk}/unmatch/", {"reason": "x"}))
    assert Payment.objects.get(pk=pk).status == Payment.Status.MATCHED
