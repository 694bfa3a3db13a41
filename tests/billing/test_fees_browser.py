"""Time in a real browser, in Russian: a specialist records and submits time, the lead approves it, the
client sees it in the matter's "Fees and time". The matter section and the time page fit a 360 px phone
and pass axe-core (BILL_SHOTS=<dir> keeps the screenshots)."""

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from billing.models import TimeEntry, WorkStatus
from tests import factories as f
from tests.conftest import sign_in, sign_out
from tests.core.test_a11y_browser import AXE, FAILING, PHONE, overflow, run_axe
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def axe():
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: run `npm ci` (make test does)")
    return str(AXE)


def _phone(browser, page, axe, shots, name, url):
    context = browser.new_context(
        locale="ru-RU", viewport=PHONE, bypass_csp=True, storage_state=page.context.storage_state()
    )
    try:
        phone = context.new_page()
        phone.goto(url)
        wide = overflow(phone)
        assert wide["scrollWidth"] <= PHONE["width"] + 1, f"{name} is wider than a 360 px phone: {wide}"
        bad = [v for v in run_axe(phone, axe) if v["impact"] in FAILING]
        assert not bad, bad
        phone.screenshot(path=str(shots / f"{name}-360.png"), full_page=True)
    finally:
        context.close()


def test_specialist_records_lead_approves_client_sees(_playwright, browser_page, live_server, axe, tmp_path):
    page, base = browser_page, live_server.url
    shots = Path(os.environ["BILL_SHOTS"]) if os.environ.get("BILL_SHOTS") else tmp_path
    client_user = f.ClientUserFactory(language="ru", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    specialist = f.SpecialistFactory(language="ru", full_name="Смирнова Анна Павловна")
    matter = f.MatterFactory(client=client_user.client, lead=lead, specialists=[specialist], title="Поставка")
    FeeArrangementFactory(
        matter=matter,
        created_by=lead,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("5000"),
        success_fee_percent=Decimal("10"),
        success_fee_condition="Иск удовлетворён полностью",
    )
    ExpenseFactory(matter=matter, specialist=specialist, status=WorkStatus.APPROVED, amount=Decimal("6000"))

    sign_in(page, base, specialist)
    page.goto(f"{base}/matters/{matter.pk}/time/")
    page.locator("#add-time summary").click()
    page.locator("#id_time-minutes").fill("95")
    page.locator("#id_time-description").fill("Подготовка искового заявления о взыскании долга по договору поставки")
    page.locator("#add-time button[type=submit]").click()
    entry = TimeEntry.objects.get()
    page.locator(f"#time-{entry.pk} form[action$='/submit/'] button").click()
    page.wait_for_load_state()
    sign_out(page)

    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/time/")
    _phone(_playwright, page, axe, shots, "time-lead", page.url)
    page.locator(f"#time-{entry.pk} form[action$='/approve/'] button").click()
    page.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.status == WorkStatus.APPROVED
    sign_out(page)

    sign_in(page, base, client_user)
    page.goto(f"{base}/matters/{matter.pk}/")
    assert re.match(r"1\D+35", page.locator("#fees-time").inner_text())  # «1 ч 35 мин» once the fragment is merged
    assert "6 000,00" in page.locator("#fees-expenses").inner_text().replace("\u00a0", " ")
    _phone(_playwright, page, axe, shots, "matter-client", page.url)
    page.goto(f"{base}/matters/{matter.pk}/time/")
    _phone(_playwright, page, axe, shots, "time-client", page.url)
