"""The invoice's main flow in a real browser, once in Russian and once in English: a specialist drafts an
invoice from approved time, the lead issues it, the Celery worker renders the PDF, the client finds it on
its dashboard and in its invoices and downloads the PDF; a partner finds the payment waiting in the queue
and matches it; the client then sees the invoice paid.

INVOICE_SHOTS=<dir> keeps the screenshots."""

import datetime as dt
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from billing.models import Invoice, Payment, WorkStatus
from tests import factories as f
from tests.conftest import sign_in, sign_out, wait_for
from tests.factories_billing import FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"ru": "ru-RU", "en": "en-GB"}


@pytest.fixture
def shots(tmp_path):
    return Path(os.environ["INVOICE_SHOTS"]) if os.environ.get("INVOICE_SHOTS") else tmp_path


@pytest.mark.parametrize("language", ["ru", "en"])
def test_draft_issue_render_download_pay(_playwright, live_server, celery_worker, shots, language):
    base = live_server.url
    context = _playwright.new_context(
        locale=LOCALES[language], accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    FirmProfileFactory(valid_from=dt.date(2024, 6, 1))
    client_user = f.ClientUserFactory(language=language, full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language=language, full_name="Орлов Дмитрий Сергеевич")
    specialist = f.SpecialistFactory(language=language, full_name="Смирнова Анна Павловна")
    partner = f.PartnerFactory(language=language)
    matter = f.MatterFactory(client=client_user.client, lead=lead, specialists=[specialist], title="Поставка")
    FeeArrangementFactory(matter=matter, created_by=lead, kind="hourly", fixed_amount=None,
                          default_rate=Decimal("6000"), valid_from=dt.date(2020, 1, 1))  # fmt: skip
    entry = TimeEntryFactory(matter=matter, specialist=specialist, status=WorkStatus.APPROVED, minutes=150)
    try:
        # A specialist on the matter drafts the invoice from the approved time.
        sign_in(page, base, specialist)
        page.goto(f"{base}/matters/{matter.pk}/invoices/")
        page.locator(f"input[name=time_entries][value='{entry.pk}']").check()
        page.locator("#new button[type=submit]").click()
        page.wait_for_url(lambda url: "/invoices/" in url and "/matters/" not in url)
        invoice = Invoice.objects.get()
        assert invoice.status == Invoice.Status.DRAFT and invoice.gross == Decimal("15000.00")
        assert page.locator(f"form[action='/invoices/{invoice.pk}/issue/']").count() == 0  # not the lead
        sign_out(page)

        # The lead issues it; the worker renders the PDF once, and the page offers it.
        sign_in(page, base, lead)
        page.goto(f"{base}/invoices/{invoice.pk}/")
        page.locator(f"form[action='/invoices/{invoice.pk}/issue/'] button").click()
        page.locator("#invoice-status.badge-issued").wait_for()
        wait_for(lambda: Invoice.objects.filter(pk=invoice.pk).exclude(pdf="").exists(), timeout=60)
        invoice.refresh_from_db()
        page.reload()
        page.locator(f"#invoice-pdf a[href='/invoices/{invoice.pk}/pdf/']").wait_for()
        sign_out(page)

        # The client sees it on its dashboard (needed from you, the Money card) and in its invoices.
        sign_in(page, base, client_user)
        page.goto(f"{base}/")
        needed = page.locator(".needed-invoice")
        assert invoice.number in needed.inner_text()
        assert "15" in page.locator(f"#money-{matter.pk}").inner_text()
        page.screenshot(path=str(shots / f"dashboard-{language}.png"), full_page=True)
        with page.expect_download() as download:
            needed.locator(f"a[href='/invoices/{invoice.pk}/pdf/']").click()
        pdf = Path(download.value.path()).read_bytes()
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert invoice.number in text.replace("\n", " ")
        page.locator("nav.main-nav a[href='/invoices/']").click()
        row = page.locator(f"#invoice-{invoice.pk}")
        assert invoice.number in row.inner_text() and row.locator(".badge-issued").count() == 1
        row.locator("a").first.click()
        with page.expect_download() as download:
            page.locator(f"#invoice-pdf a[href='/invoices/{invoice.pk}/pdf/']").click()
        assert Path(download.value.path()).read_bytes() == pdf  # the one stored PDF, not rendered again
        sign_out(page)

        # The partner records the payment (the purpose does not name the invoice: it waits in the queue),
        # follows the dashboard's count to the queue and matches it by the invoice number.
        sign_in(page, base, partner)
        page.goto(f"{base}/billing/payments/")
        page.locator("#id_amount").fill("15000.00")
        page.locator("#id_date").fill(dt.date.today().isoformat())
        page.locator("#id_payer_name").fill("Петров Игорь Николаевич")
        page.locator("#id_purpose").fill("Оплата юридических услуг")
        page.locator("form[action*='/billing/payments/new/'] button[type=submit]").click()
        payment = wait_for(lambda: Payment.objects.first())
        assert payment.status == Payment.Status.UNMATCHED
        page.goto(f"{base}/")
        panel = page.locator("#panel-payments")
        assert panel.locator(".badge").inner_text() == "1"
        panel.locator("a").click()
        page.locator(f"a[href='/billing/payments/{payment.pk}/']").first.click()
        page.locator(f"form[action*='/billing/payments/{payment.pk}/match/'] input[name=invoice_number]").fill(
            invoice.number
        )
        page.locator(f"form[action*='/billing/payments/{payment.pk}/match/'] button[type=submit]").click()
        page.wait_for_load_state()
        invoice.refresh_from_db()
        assert invoice.status == Invoice.Status.PAID and invoice.paid == Decimal("15000.00")
        sign_out(page)

        # The client sees it paid: off "needed from you", nothing due, the invoice marked paid.
        sign_in(page, base, client_user)
        page.goto(f"{base}/")
        assert page.locator(".needed-invoice").count() == 0
        page.goto(f"{base}/invoices/{invoice.pk}/")
        page.locator("#invoice-status.badge-paid").wait_for()
        page.screenshot(path=str(shots / f"invoice-paid-{language}.png"), full_page=True)
        page.goto(f"{base}/matters/{matter.pk}/timeline/")
        assert page.locator(f"a[href='/invoices/{invoice.pk}/']").count() >= 2  # issued, paid
    finally:
        context.close()
    assert not errors, f"the browser reported errors: {errors}"
