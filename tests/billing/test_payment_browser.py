"""Payments in a real browser at phone width: the secretary uploads a 1C statement, sees the summary,
finds the payments waiting in the queue and matches one by its invoice number."""

import os

import pytest

from billing.models import Payment
from tests import factories as f
from tests import factories_billing as fb
from tests import factories_invoices as finv
from tests.billing.payment_data import FIRM_ACCOUNT, statement
from tests.conftest import sign_in
from tests.core.test_a11y_browser import PHONE, overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PAYMENT_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_upload_a_statement_and_match_from_the_queue(phone, live_server, tmp_path):
    page, base = phone, live_server.url
    fb.FirmProfileFactory(account=FIRM_ACCOUNT)
    secretary = f.SecretaryFactory(language="en")
    path = tmp_path / "kl_to_1c.txt"
    path.write_bytes(statement("DOS"))
    # Invoice 2026-0012 is due more than the payment: no match at import, a person matches the part payment.
    invoice = finv.InvoiceFactory(seq=12, gross="2400.10")
    sign_in(page, base, secretary)
    page.goto(f"{base}/billing/payments/")
    page.get_by_label("Bank statement (1C exchange format, .txt)").set_input_files(str(path))
    page.get_by_role("button", name="Import", exact=True).click()
    assert page.locator("#result-created").inner_text() == "2"
    _shot(page, "statement_result")
    page.get_by_role("link", name="To the queue").click()
    assert page.locator("#queue tbody tr").count() == 2
    assert overflow(page)["scrollWidth"] <= PHONE["width"], "the queue overflows at phone width"
    _shot(page, "payments")
    page.locator("#queue").get_by_role("link", name="1200.05 ₽").click()
    page.get_by_role("button", name="Match", exact=True).click()
    page.get_by_text("The payment is matched to the invoice.").wait_for()
    assert Payment.objects.get(amount="1200.05").matched_invoice == invoice
