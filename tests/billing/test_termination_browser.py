"""Termination and the work report in a real browser at phone width: the client reads the settlement,
confirms and lands on the recorded termination; the client asks for a report, watches its progress
(static/js/report-progress.js polling the status endpoint) and gets the download link from the worker."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import Termination, WorkReport, WorkStatus
from hearings.models import Hearing
from tests import factories as f
from tests.conftest import sign_in, watched_page
from tests.core.test_a11y_browser import PHONE, axe_script, overflow, run_axe  # noqa: F401 (a fixture)
from tests.factories_billing import FeeArrangementFactory, TimeEntryFactory
from tests.factories_hearings import HearingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(_playwright, live_server):
    """A page at 360 px under the portal's own CSP (the shared `phone` bypasses it for axe-core; nothing is injected
    here), with 20 s for each step rather than 15."""
    with watched_page(_playwright.new_context(locale="en-GB", viewport=PHONE), timeout=20_000) as page:
        yield page


@pytest.fixture
def matter_with_work():
    client = f.ClientFactory(name="ООО «Альфа»")
    user = f.ClientUserFactory(client=client, language="en")
    lead = f.LeadFactory(language="en")
    specialist = f.SpecialistFactory(language="en")
    matter = f.MatterFactory(client=client, lead=lead, specialists=[specialist])
    FeeArrangementFactory(
        matter=matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("6000.00"),
        valid_from=dt.date(2025, 1, 1),
        created_by=lead,
    )
    TimeEntryFactory(matter=matter, specialist=specialist, minutes=30, status=WorkStatus.APPROVED)
    return user, matter


def test_client_terminates_after_reading_the_settlement(phone, live_server, matter_with_work):
    page, base = phone, live_server.url
    user, matter = matter_with_work
    hearing = HearingFactory(matter=matter, starts_at=timezone.now() + dt.timedelta(days=4))
    sign_in(page, base, user)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.get_by_role("link", name="Terminate the engagement").click()
    assert "3,000.00" in page.locator("#settlement-balance").inner_text()
    assert overflow(page)["scrollWidth"] <= PHONE["width"], "the settlement overflows at phone width"
    page.get_by_label("Reason (optional)").fill("Спор урегулирован")
    page.get_by_label("I have read the settlement and terminate the engagement on this matter").check()
    page.get_by_role("button", name="Terminate the engagement").click()
    page.get_by_text("The engagement on this matter is terminated; the settlement is recorded.").wait_for()
    assert "Спор урегулирован" in page.content()
    termination = Termination.objects.get(matter=matter)
    assert termination.balance == Decimal("3000.00")
    assert Hearing.objects.get(pk=hearing.pk).status == Hearing.Status.CANCELLED


def test_report_progress_then_link(phone, live_server, celery_worker, matter_with_work):
    page, base = phone, live_server.url
    user, matter = matter_with_work
    sign_in(page, base, user)
    page.goto(f"{base}/matters/{matter.pk}/reports/")
    page.get_by_role("button", name="Prepare the report").click()
    page.locator("#report-progress-box, #report-link").first.wait_for(state="attached")
    link = page.locator("#report-download")
    link.wait_for(state="visible", timeout=60_000)
    href = link.get_attribute("href")
    assert href.endswith("/pdf/")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.body().startswith(b"%PDF")


def test_the_new_pages_pass_axe(_playwright, live_server, axe_script, matter_with_work):  # noqa: F811
    from billing.services.termination import matter_terminate

    user, matter = matter_with_work
    base = live_server.url
    # Playwright injects axe as an inline script, which the portal's CSP forbids: this context bypasses it.
    context = _playwright.new_context(locale="en-GB", viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        sign_in(page, base, user)
        findings = {}
        paths = [f"/matters/{matter.pk}/terminate/", f"/matters/{matter.pk}/reports/"]
        for path in paths:
            page.goto(f"{base}{path}")
            bad = [v for v in run_axe(page, axe_script) if v["impact"] in ("moderate", "serious", "critical")]
            if bad:
                findings[path] = bad
        matter_terminate(by=user, matter=matter)
        report = WorkReport.objects.create(
            matter=matter,
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            language="en",
            fingerprint="x",
            status=WorkReport.Status.RENDERING,
            progress=40,
            requested_by=user,
        )
        for path in (f"/matters/{matter.pk}/termination/", f"/reports/{report.pk}/"):
            page.goto(f"{base}{path}")
            bad = [v for v in run_axe(page, axe_script) if v["impact"] in ("moderate", "serious", "critical")]
            if bad:
                findings[path] = bad
        assert not findings, findings
    finally:
        context.close()
