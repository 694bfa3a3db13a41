"""In a real browser at phone width: the header counts the unread notices, the inbox opens one (which
takes the user to the thing it is about and marks it read), and the user turns one kind of e-mail off."""

import os

import pytest

from notices import kinds
from notices.models import Notice, NoticePreference
from tests import factories as f
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _shot(page, name):
    """SCREENSHOT_DIR=... keeps a picture of each step (to look at by eye)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_inbox_and_preferences_at_phone_width(browser_page, live_server, language):
    page, base = browser_page, live_server.url
    page.set_viewport_size(PHONE)
    user = f.ClientUserFactory(language=language)
    for n, link in enumerate(["/tasks/", "/matters/", ""]):
        Notice.objects.create(
            recipient=user, to_email=user.email, kind="task_answered", subject=f"Ответ по задаче T-{n}",
            body_text="Текст уведомления", link=link, status=Notice.Status.SENT,
        )  # fmt: skip
    sign_in(page, base, user)

    badge = page.locator("a.inbox-link .badge-count")
    assert badge.inner_text().split()[0] == "3"
    page.locator("a.inbox-link").click()
    page.wait_for_url(f"{base}/inbox/")
    assert page.locator(".notices-list .badge-new").count() == 3
    _shot(page, f"inbox-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.locator(".notices-list a", has_text="T-0").click()
    page.wait_for_url(f"{base}/tasks/")
    assert page.locator("a.inbox-link .badge-count").inner_text().split()[0] == "2"

    page.goto(f"{base}/inbox/preferences/")
    mandatory = page.locator(f"#email_{kinds.APPEARANCE}")
    assert mandatory.is_checked() and mandatory.is_disabled()
    _shot(page, f"preferences-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#email_task_answered").uncheck()
    page.locator("form.form-card button[type=submit]").click()
    page.wait_for_url(f"{base}/inbox/preferences/")
    assert not page.locator("#email_task_answered").is_checked()
    assert NoticePreference.objects.filter(user=user, kind="task_answered", email=False).exists()

    page.goto(f"{base}/inbox/")
    page.locator("form[action='/inbox/read-all/'] button").click()
    page.wait_for_url(f"{base}/inbox/")
    assert page.locator("a.inbox-link .badge-count").count() == 0
    assert not Notice.objects.filter(recipient=user, read_at__isnull=True).exists()
