"""Advances in a real browser: the lead asks for one, the client sees it on its dashboard at phone
width, pays and attaches the payment order, the lead confirms and the balance shows it."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from billing.models import Advance
from tests import factories as f
from tests.conftest import sign_in
from tests.core.test_a11y_browser import FAILING, PHONE, axe_script, overflow, run_axe  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("ADVANCE_SHOTS", "")  # a folder to keep the 360 px screenshots in


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_request_pay_confirm_at_phone_width(phone, live_server, axe_script, tmp_path):  # noqa: F811
    page, base = phone, live_server.url
    client = f.ClientFactory(name="ООО «Альфа»")
    user = f.ClientUserFactory(client=client, language="en")
    lead = f.LeadFactory(language="en")
    matter = f.MatterFactory(client=client, lead=lead, title="Взыскание неустойки")

    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.locator("#matter-advances").click()
    page.get_by_label("Amount, ₽").fill("4500.00")
    page.get_by_label("Purpose").fill("Госпошлина за исковое заявление")
    page.get_by_label("Category").select_option("state_duty")
    page.get_by_label("Pay by").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.get_by_label("the client pays the firm, which pays on its behalf").check()
    page.get_by_role("button", name="Request the advance").click()
    page.get_by_text("The advance is requested").wait_for()
    advance = Advance.objects.get()
    page.context.clear_cookies()  # sign out (the user menu sits off-screen at 360 px)

    sign_in(page, base, user)
    page.goto(f"{base}/")
    item = page.locator("li.needed-advance a")
    assert "Pay the advance of 4500.00" in item.inner_text()
    assert overflow(page)["scrollWidth"] <= PHONE["width"]
    _shot(page, "dashboard")
    item.click()
    page.get_by_role("heading", name="Payment details").wait_for()
    order = tmp_path / "order.pdf"
    order.write_bytes(b"%PDF-1.4\n% payment order\n")
    page.get_by_label("Paid on").fill(timezone.localdate().isoformat())
    page.get_by_label("Payment order").set_input_files(str(order))
    violations = [v for v in run_axe(page, axe_script) if v["impact"] in FAILING]
    assert not violations, violations
    assert overflow(page)["scrollWidth"] <= PHONE["width"]
    _shot(page, "advance_client")
    page.get_by_role("button", name="Send the payment order").click()
    page.get_by_text("the firm will confirm the payment").wait_for()
    page.context.clear_cookies()  # sign out (the user menu sits off-screen at 360 px)

    sign_in(page, base, lead)
    page.goto(f"{base}/advances/{advance.pk}/")
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.get_by_text("The payment is confirmed").wait_for()
    assert page.locator("#balance-paid").inner_text() == "4500.00 ₽"
    assert page.locator("#balance-left").inner_text() == "4500.00 ₽"
    assert overflow(page)["scrollWidth"] <= PHONE["width"]
    _shot(page, "advance_lead")
