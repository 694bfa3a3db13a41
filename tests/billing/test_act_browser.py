"""Acts in a real browser at phone width: the partner opens the issue form with the period, sees the work
it would cover, issues the act and records the post dispatch; the client finds it on the dashboard and
accepts it. axe-core on the issue form and the client's act page; nothing overflows 360 px."""

import datetime as dt
import os
from decimal import Decimal

import pytest

from billing.models import Act, TaxRegime
from tests import factories as f
from tests import factories_billing as fb
from tests.conftest import sign_in
from tests.core.test_a11y_browser import FAILING, PHONE, axe_script, overflow, run_axe  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("ACT_SHOTS", "")  # a folder to keep the 360 px screenshots in


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_partner_issues_and_the_client_accepts_at_phone_width(phone, live_server, axe_script):  # noqa: F811
    page, base = phone, live_server.url
    fb.FirmProfileFactory(tax_regime=TaxRegime.GENERAL)
    client = f.ClientFactory(name="ООО «Бета»", language="en")
    client_user = f.ClientUserFactory(client=client, language="en")
    lead, partner = f.LeadFactory(language="en"), f.PartnerFactory(language="en")
    matter = f.MatterFactory(client=client, lead=lead)
    fb.FeeArrangementFactory(
        matter=matter, kind="hourly", fixed_amount=None, default_rate=Decimal("6000"), created_by=lead,
        valid_from=dt.date(2020, 1, 1),
    )  # fmt: skip
    day = dt.date.today() - dt.timedelta(days=3)
    fb.TimeEntryFactory(
        matter=matter, specialist=lead, minutes=90, date=day, status="approved", description="Drafting the claim"
    )
    sign_in(page, base, partner)
    page.goto(f"{base}/matters/{matter.pk}/acts/new/?period_start={day:%Y-%m-%d}&period_end={day:%Y-%m-%d}")
    page.locator("#act-preview").get_by_text("Drafting the claim").first.wait_for()
    violations = [v for v in run_axe(page, axe_script) if v["impact"] in FAILING]
    assert not violations, violations
    assert overflow(page)["scrollWidth"] <= PHONE["width"], "the issue form overflows at phone width"
    _shot(page, "act_new")
    page.get_by_role("button", name="Issue the act").click()
    page.get_by_text("is issued; its PDF is being prepared").wait_for()
    act = Act.objects.get()
    assert act.gross == Decimal("9000.00")
    page.get_by_label("Sent").select_option("post")
    page.get_by_label("Tracking number").fill("62001493012345")
    page.get_by_role("button", name="Record the dispatch").click()
    page.get_by_text("The dispatch is recorded.").wait_for()
    assert "62001493012345" in page.locator("#act-dispatches").inner_text()
    _shot(page, "act_partner")
    page.context.clear_cookies()
    sign_in(page, base, client_user)
    page.goto(f"{base}/")
    item = page.locator(".needed-act").first
    assert f"Accept act No. {act.number}" in item.inner_text()
    item.get_by_role("link").first.click()
    page.get_by_role("button", name="Accept the act").wait_for()
    violations = [v for v in run_axe(page, axe_script) if v["impact"] in FAILING]
    assert not violations, violations
    assert overflow(page)["scrollWidth"] <= PHONE["width"], "the act overflows at phone width"
    _shot(page, "act_client")
    page.get_by_role("button", name="Accept the act").click()
    page.get_by_text("You have accepted the act.").wait_for()
    act.refresh_from_db()
    assert act.answer == Act.Answer.ACCEPTED
