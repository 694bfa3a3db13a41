"""Claims in a real browser at phone width: a person files a consumer's claim about a delay (the law
that applies shown before and after), the partner answers with a penalty paid out and records the
payout, the client reads the answer. axe-core finds nothing serious on the three pages."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from billing.models import Claim
from clients.models import Client
from tests import factories as f
from tests.conftest import sign_in
from tests.core.test_a11y_browser import FAILING, PHONE, axe_script, overflow, run_axe  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("CLAIM_SHOTS", "")  # a folder to keep the 360 px screenshots in


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _check(page, axe_script):  # noqa: F811
    violations = [v for v in run_axe(page, axe_script) if v["impact"] in FAILING]
    assert not violations, [(v["id"], [(n["target"], n.get("html", "")[:200]) for n in v["nodes"]]) for v in violations]
    assert overflow(page)["scrollWidth"] <= PHONE["width"]


def test_file_answer_and_pay_out_at_phone_width(phone, live_server, axe_script):  # noqa: F811
    page, base = phone, live_server.url
    client = f.ClientFactory(name="Петров Пётр Петрович", kind=Client.Kind.PERSON)
    user = f.ClientUserFactory(client=client, language="en")
    partner = f.PartnerFactory(language="en")
    matter = f.MatterFactory(client=client, title="Спор с застройщиком")

    sign_in(page, base, user)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.locator("#matter-claim-new").click()
    page.get_by_role("heading", name="Which law applies").wait_for()
    assert "Consumer protection law on top of the Civil Code" in page.content()
    page.get_by_label("timeliness (a delay)").check()
    page.get_by_label("Describe it").fill("Исковое заявление подано на 5 дней позже согласованного срока.")
    page.get_by_label("The services are for personal, family, household needs").check()
    page.get_by_label("The statutory penalty for the delay").check()
    page.get_by_label("For a delay: the service was due by").fill(
        (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    )
    page.get_by_label("It was rendered on").fill(timezone.localdate().isoformat())
    page.get_by_label("Price of the delayed service, ₽").fill("20000")
    _check(page, axe_script)
    _shot(page, "claim_new")
    page.get_by_role("button", name="File the claim").click()
    page.get_by_text("Your claim is filed").wait_for()
    claim = Claim.objects.get()
    assert claim.regime == "consumer"
    assert page.locator("#claim-penalty").inner_text().startswith("3000.00")  # 3% × 5 days × 20 000
    assert "Answer within 10 days of the claim (art. 31 of the Law)." in page.content()
    _check(page, axe_script)
    _shot(page, "claim_client")
    page.context.clear_cookies()

    sign_in(page, base, partner)
    page.goto(f"{base}/claims/")
    page.locator(f"#claim-{claim.pk} a").click()
    page.get_by_role("heading", name="Answer the claim").wait_for()
    page.get_by_label("Grant").check()
    page.get_by_label("Penalty, ₽").fill("3000.00")
    page.get_by_label("Penalty is").select_option("payout")
    page.get_by_label("The answer to the client").fill("Просрочка признана, неустойка будет выплачена.")
    _check(page, axe_script)
    _shot(page, "claim_partner")
    page.get_by_role("button", name="Send the answer").click()
    page.get_by_text("The claim is answered").wait_for()
    adjustment = claim.adjustments.get()
    page.locator(f"#payout-{adjustment.pk}-paid_on").fill(timezone.localdate().isoformat())
    page.locator(f"#payout-{adjustment.pk}-reference").fill("п/п 314")
    page.get_by_role("button", name="Record the payout").click()
    page.get_by_text("The payout is recorded").wait_for()
    page.context.clear_cookies()

    sign_in(page, base, user)
    page.goto(f"{base}/claims/{claim.pk}/")
    text = page.locator("main").inner_text()
    assert "granted" in text and "п/п 314" in text and "Просрочка признана" in text
    _check(page, axe_script)
    _shot(page, "claim_answered")
