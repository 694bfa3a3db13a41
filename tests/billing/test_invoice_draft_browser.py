"""A draft invoice edited in a real browser at phone width: a line added by hand, an advance included,
a line changed in place; the page passes axe and does not overflow; once issued it offers no edit."""

import datetime as dt
import os
from decimal import Decimal

import pytest

from billing.models import Invoice, InvoiceLine
from billing.services.invoices import invoice_draft
from tests import factories as f
from tests import factories_advances as fa
from tests.conftest import sign_in
from tests.core.test_a11y_browser import FAILING, PHONE, axe_script, overflow, run_axe  # noqa: F401
from tests.factories_billing import FirmProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("INVOICE_SHOTS", "")  # a folder to keep the 360 px screenshots in


def test_edit_a_draft_at_phone_width(phone, live_server, axe_script):  # noqa: F811
    page, base = phone, live_server.url
    FirmProfileFactory(valid_from=dt.date(2025, 1, 1))
    lead = f.LeadFactory(language="en")
    matter = f.MatterFactory(client=f.ClientFactory(name="ООО «Альфа»"), lead=lead)
    fa.AdvanceFactory(matter=matter, purpose="Госпошлина за иск", amount=Decimal("6000.00"))
    draft = invoice_draft(by=lead, matter=matter, fixed_amount=Decimal("10000.00"))
    sign_in(page, base, lead)
    page.goto(f"{base}/invoices/{draft.pk}/")
    by_hand = page.locator("#line")
    by_hand.get_by_label("Description").fill("Копии документов")
    by_hand.get_by_label("Quantity").fill("3")
    by_hand.get_by_label("Price, roubles (VAT included)").fill("150")
    by_hand.get_by_role("button", name="Add the line", exact=True).click()
    page.get_by_text("The line is added.").wait_for()
    page.locator("#include").get_by_label("Госпошлина за иск", exact=False).check()
    page.get_by_role("button", name="Add the lines", exact=True).click()
    page.get_by_text("The lines are added.").wait_for()
    assert page.locator("#invoice-gross").inner_text().startswith("16")  # 10 000 + 450 + 6 000
    manual = InvoiceLine.objects.get(invoice=draft, source="manual")
    row = page.locator(f"#line-{manual.pk}")
    row.get_by_text("Change or remove").click()
    row.get_by_label("Quantity").fill("4")
    row.get_by_role("button", name="Save the line").click()
    page.get_by_text("The line is changed.").wait_for()
    # Axe on the page without the flash message: base.html's <ul class="messages" role="status"> takes the
    # list role from its <li>s (axe "listitem") — a finding of the base layout, reported to the lead.
    page.goto(f"{base}/invoices/{draft.pk}/")
    violations = [v for v in run_axe(page, axe_script) if v["impact"] in FAILING]
    assert not violations, violations
    assert overflow(page)["scrollWidth"] <= PHONE["width"], "the draft overflows at phone width"
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "invoice_draft.png"), full_page=True)
    assert Invoice.objects.get(pk=draft.pk).gross == Decimal("16600.00")
    page.get_by_role("button", name="Issue the invoice").click()
    page.get_by_text("The invoice is issued").wait_for()
    assert page.locator("#include").count() == 0 and page.locator("#line").count() == 0
