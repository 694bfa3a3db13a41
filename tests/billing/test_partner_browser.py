"""The partner's view in a real browser: axe-core finds nothing moderate or worse at desktop width, the
page fits a phone, the charts are named images, and an export downloads from the form."""

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import Act, Invoice, Termination, WorkStatus
from tests import factories as f
from tests.conftest import sign_in
from tests.core.test_a11y_browser import DESKTOP, FAILING, PHONE, overflow, run_axe
from tests.factories_acts import ActFactory
from tests.factories_advances import AdvanceFactory
from tests.factories_billing import FeeArrangementFactory, TimeEntryFactory
from tests.factories_claims import ClaimFactory
from tests.factories_invoices import InvoiceFactory
from tests.factories_payments import PaymentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PARTNER_SHOTS", "")


@pytest.fixture
def firm_books(world):
    today = timezone.localdate()
    for back in range(0, 12, 2):
        day = (today.replace(day=1) - dt.timedelta(days=30 * back)).replace(day=3)
        InvoiceFactory(matter=world.a.matter, issue_date=day, due_date=day + dt.timedelta(days=5),
                       gross=Decimal(150000 + back * 20000), paid=Decimal(0),
                       status=Invoice.Status.ISSUED)  # fmt: skip
        PaymentFactory(date=day + dt.timedelta(days=4), amount=Decimal(90000 + back * 15000), client=world.a.client)
    FeeArrangementFactory(matter=world.b.matter, kind="hourly", fixed_amount=None, default_rate=Decimal("6000"),
                          created_by=world.b.lead, valid_from=dt.date(2020, 1, 1))  # fmt: skip
    TimeEntryFactory(matter=world.b.matter, specialist=world.b.specialist, minutes=150, status=WorkStatus.APPROVED)
    AdvanceFactory(matter=world.a.matter, due_on=today - dt.timedelta(days=4), filing="Исковое заявление")
    # Acts: one objected to, one left unanswered past its period; an overdue claim; a final act to issue.
    ActFactory(matter=world.a.matter, act_date=today - dt.timedelta(days=20), answer=Act.Answer.OBJECTED,
               objection="Часы за март учтены дважды")  # fmt: skip
    ActFactory(matter=world.b.matter, act_date=today - dt.timedelta(days=30),
               acceptance_due=today - dt.timedelta(days=10))  # fmt: skip
    ClaimFactory(matter=world.a.matter, response_due_on=today - dt.timedelta(days=1))
    Termination.objects.create(matter=world.b.matter, terminated_on=today, channel=Termination.Channel.PORTAL,
                               recorded_by=world.b.lead, balance=Decimal("0.00"))  # fmt: skip
    return world


@pytest.fixture
def browser_context(_playwright):
    # The portal's CSP forbids inline scripts, which is how Playwright injects axe; this context alone bypasses it.
    context = _playwright.new_context(locale="en-GB", viewport=DESKTOP, bypass_csp=True, accept_downloads=True)
    yield context
    context.close()


def test_the_partners_view_passes_axe_fits_a_phone_and_downloads(browser_context, live_server, firm_books):
    from tests.core.test_a11y_browser import AXE

    page, base = browser_context.new_page(), live_server.url
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    partner = f.PartnerFactory(language="en")
    sign_in(page, base, partner)
    page.goto(f"{base}/")
    page.get_by_role("link", name="The partner's view").click()
    page.wait_for_url(f"{base}/partner/")
    assert page.get_by_role("img", name="Invoiced and received by month").count() == 1
    assert page.get_by_role("img", name="Due on issued invoices by days past the due date").count() == 1
    if AXE.exists():
        failing = [v for v in run_axe(page, str(AXE)) if v["impact"] in FAILING]
        assert not failing, failing
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "partner-desktop.png"), full_page=True)
    with page.expect_download() as download:
        page.locator("#export-invoices-xlsx").click()
    assert download.value.suggested_filename.startswith("invoices-") and download.value.suggested_filename.endswith(
        ".xlsx"
    )
    with page.expect_download() as download:
        page.locator("#export-acts-csv").click()
    assert download.value.suggested_filename.startswith("acts-") and download.value.suggested_filename.endswith(".csv")
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/partner/")
    assert overflow(page)["scrollWidth"] <= PHONE["width"], overflow(page)
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "partner-phone.png"), full_page=True)
    assert not errors, errors
