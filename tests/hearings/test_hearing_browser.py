"""Rule 8 in a real browser, in Russian: the lead schedules a hearing with the client's user → the client
confirms attendance right on its dashboard → the lead sees the answer. The hearing page and the client's
dashboard fit a 360 px phone and pass axe-core."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from hearings.models import Attendee, Hearing
from tests import factories as f
from tests.conftest import sign_in, sign_out
from tests.core.test_a11y_browser import AXE, FAILING, PHONE, overflow, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def axe():
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: run `npm ci` (make test does)")
    return str(AXE)


def _check_phone(browser, page, axe, shots, name):
    """The page as a 360 px phone sees it (the same session; CSP bypassed only so that axe-core can run)."""
    context = browser.new_context(
        locale="ru-RU", viewport=PHONE, bypass_csp=True, storage_state=page.context.storage_state()
    )
    try:
        phone = context.new_page()
        phone.goto(page.url)
        wide = overflow(phone)
        assert wide["scrollWidth"] <= PHONE["width"] + 1, f"{name} is wider than a 360 px phone: {wide}"
        bad = [v for v in run_axe(phone, axe) if v["impact"] in FAILING]
        assert not bad, bad
        phone.screenshot(path=str(shots / f"{name}-360.png"), full_page=True)
    finally:
        context.close()


def test_lead_schedules_and_the_client_confirms_on_the_dashboard(_playwright, browser_page, live_server, axe, tmp_path):
    page, base = browser_page, live_server.url
    shots = tmp_path if not os.environ.get("HEAR_SHOTS") else __import__("pathlib").Path(os.environ["HEAR_SHOTS"])
    client_user = f.ClientUserFactory(language="ru", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    matter = f.MatterFactory(client=client_user.client, lead=lead, title="Поставка оборудования")
    day = timezone.localdate() + dt.timedelta(days=5)

    # The lead opens the matter, schedules a hearing in Moscow and requires the client's user.
    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.locator("#hearing-new").click()
    page.locator("#id_title").fill("Предварительное судебное заседание")
    page.locator("#id_venue").fill("Арбитражный суд города Москвы")
    page.locator("#id_address").fill("Москва, ул. Большая Тульская, 17")
    page.locator("#id_room").fill("7035")
    page.locator("#id_case_number").fill("А40-12345/2026")
    page.locator("#id_time_zone").select_option("Europe/Moscow")
    page.locator("#id_starts_at").fill(f"{day.isoformat()}T10:30")
    page.locator("#id_ends_at").fill(f"{day.isoformat()}T11:30")
    page.locator("#id_notes").fill("Возьмите паспорт.")
    page.locator(f"input[name=client_users][value='{client_user.pk}']").check()
    page.locator("#hearing-save").click()
    page.locator("#hearing-status").wait_for()
    hearing = Hearing.objects.get()
    assert timezone.localtime(hearing.starts_at).strftime("%H:%M") == "12:30"  # 10:30 in Moscow
    assert page.locator("#poa-warning").is_visible()
    assert page.locator(f"#attendee-{hearing.attendees.get().pk} .badge-answer-pending").is_visible()
    _check_phone(_playwright, page, axe, shots, "hearing-lead")
    sign_out(page)

    # The client sees it on the dashboard: what is needed (confirm) and what comes next; it confirms there.
    sign_in(page, base, client_user)
    page.goto(f"{base}/")
    page.locator(f"#attend-confirm-{hearing.pk}").wait_for()
    _check_phone(_playwright, page, axe, shots, "dashboard-client")
    page.locator(f"#attend-confirm-{hearing.pk}").click()
    page.wait_for_url(f"{base}/")
    assert Attendee.objects.get().response == Attendee.Response.CONFIRMED
    assert page.locator(f"#attend-confirm-{hearing.pk}").count() == 0
    assert "Предварительное судебное заседание" in page.locator(".q4-next").first.inner_text()
    page.goto(f"{base}/hearings/{hearing.pk}/")
    _check_phone(_playwright, page, axe, shots, "hearing-client")
    sign_out(page)

    # The lead sees the answer.
    sign_in(page, base, lead)
    page.goto(f"{base}/hearings/{hearing.pk}/")
    assert "badge-answer-confirmed" in page.locator(f"#attendee-{Attendee.objects.get().pk}").inner_html()
