"""The calendar in a real browser: agenda, month, the next month, the feed's page and its reset; axe-core
finds nothing moderate or worse on them, and they fit a 360 px phone without sideways scrolling."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hearings.models import CalendarFeedKey, Hearing
from tests import factories as f
from tests import factories_calendar as fc
from tests.conftest import sign_in
from tests.core.test_a11y_browser import FAILING, PHONE, axe_script, overflow, run_axe  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")


def _on(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=YEKATERINBURG)


@pytest.fixture
def calendar_world():
    client = f.ClientFactory(name="ООО «Альфа»")
    user = f.ClientUserFactory(client=client, language="en", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="en", full_name="Смирнова Анна Сергеевна")
    matter = f.MatterFactory(client=client, lead=lead, title="Взыскание неустойки по договору поставки")
    today = timezone.localdate()
    fc.HearingFactory(matter=matter, title="Предварительное заседание", starts_at=_on(today + dt.timedelta(days=1), 10))
    fc.HearingFactory(
        matter=matter,
        title="Переговоры о мировом соглашении",
        kind=Hearing.Kind.NEGOTIATION,
        starts_at=_on(today + dt.timedelta(days=4), 15),
        status=Hearing.Status.CANCELLED,
    )
    fc.DeadlineFactory(matter=matter, title="Представить отзыв на иск", due_on=today + dt.timedelta(days=6))
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=10)
    fc.HearingFactory(matter=matter, title="Основное заседание", starts_at=_on(next_month, 11))
    return user


def _check(page, axe, findings, too_wide, name):
    for violation in run_axe(page, axe):
        if violation["impact"] in FAILING:
            findings.append(f"{name}: {violation['id']} {violation['help']} {violation['nodes'][:2]}")
    page.set_viewport_size(PHONE)
    result = overflow(page)
    if result["scrollWidth"] > PHONE["width"]:
        too_wide.append(f"{name}: {result['scrollWidth']} px wide ({result['culprit']})")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def page(_playwright, live_server):
    # bypass_csp: axe-core is injected as a script the portal's CSP would refuse (as in test_a11y_browser).
    context = _playwright.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"the browser reported errors: {errors}"


def test_the_calendar_agenda_month_and_feed(page, live_server, calendar_world, axe_script):  # noqa: F811
    base = live_server.url
    findings, too_wide = [], []
    sign_in(page, base, calendar_world)
    page.get_by_role("link", name="Calendar", exact=True).first.click()
    page.get_by_role("heading", name="Calendar", level=1).wait_for()
    page.get_by_text("Предварительное заседание").wait_for()
    assert page.get_by_text("today").count() <= 1
    _check(page, axe_script, findings, too_wide, "agenda")

    page.get_by_role("link", name="Month", exact=True).click()
    page.locator("table.cal-month").wait_for()
    assert page.locator("table.cal-month th[scope=col]").count() == 7
    _check(page, axe_script, findings, too_wide, "month")
    page.locator(".cal-nav a[rel=next]").click()
    page.get_by_text("Основное заседание").wait_for()
    page.set_viewport_size(PHONE)
    assert page.get_by_text("Основное заседание").is_visible(), "the phone's list shows the days with entries"
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{base}/calendar/")
    page.get_by_role("link", name="Subscribe in a calendar app").click()
    field = page.get_by_label("Address of your calendar feed")
    old = field.input_value()
    assert old.endswith(".ics")
    _check(page, axe_script, findings, too_wide, "feed")
    page.get_by_role("button", name="Make a new address").click()
    page.get_by_text("The old one no longer works").wait_for()
    assert page.get_by_label("Address of your calendar feed").input_value() != old
    assert CalendarFeedKey.objects.filter(user=calendar_world).count() == 1
    assert page.request.get(old.replace("http://testserver", base)).status == 404

    assert not findings, "\n".join(findings)
    assert not too_wide, "\n".join(too_wide)
