"""A lawyer sets a computed deadline in a real browser at phone width: the preview appears as the fields
change (static/js/deadline-preview.js), the saved deadline shows its arithmetic, and it is marked done."""

import datetime as dt

import pytest
from django.utils import timezone

from hearings.models import Deadline
from hearings.periods import compute
from tests import factories as f
from tests.conftest import sign_in
from tests.core.test_a11y_browser import FAILING, PHONE, axe_script, overflow, run_axe  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lawyer_computes_saves_and_closes_a_deadline_at_phone_width(phone, live_server, axe_script):  # noqa: F811
    page, base = phone, live_server.url
    lead = f.LeadFactory(language="en")
    specialist = f.SpecialistFactory(language="en", full_name="Сергеева Анна Павловна")
    matter = f.MatterFactory(lead=lead, specialists=[specialist], title="Взыскание неустойки")
    trigger = timezone.localdate() + dt.timedelta(days=3)
    expected = compute("apk_appeal", trigger).due_on

    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.get_by_role("link", name="Add a deadline").click()
    page.get_by_label("What is due").fill("Апелляционная жалоба")
    page.get_by_label("Responsible specialist").select_option(str(specialist.pk))
    assert not page.get_by_label("Length").is_visible()  # only a custom rule asks for it
    page.get_by_label("Rule").select_option("custom_days")
    page.get_by_label("Length").fill("30")
    page.get_by_label("Counted from").fill("2026-01-15")
    page.get_by_text("+ 30 calendar days from the next day").wait_for()
    page.get_by_label("Rule").select_option("apk_appeal")
    assert not page.get_by_label("Length").is_visible()
    page.get_by_label("Counted from").fill(trigger.isoformat())
    page.locator("#computed-due-on", has_text=f"{expected.day} {expected:%b %Y}").wait_for()
    assert "(APC RF Art. 114(3))" in page.locator(".deadline-steps").inner_text()
    assert not Deadline.objects.exists()
    violations = [v for v in run_axe(page, axe_script) if v["impact"] in FAILING]
    assert not violations, violations
    assert overflow(page)["scrollWidth"] <= PHONE["width"]

    page.get_by_role("button", name="Save the deadline").click()
    page.get_by_text("The deadline is set; reminders are scheduled.").wait_for()
    assert "How it was computed" in page.content()
    assert overflow(page)["scrollWidth"] <= PHONE["width"]
    page.get_by_role("button", name="Mark done").click()
    page.get_by_text("The deadline is marked done").wait_for()
    assert Deadline.objects.get().status == "done"
