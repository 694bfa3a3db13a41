"""A new client user's first visit in a real browser: the terms first, then the disclosure questionnaire."""

from pathlib import Path

import pytest
from django.conf import settings

from clients.models import Disclosure, TermsAcceptance, TermsVersion
from tests import factories as f
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TERMS = Path(settings.BASE_DIR) / "clients" / "terms"


def test_first_sign_in_reads_and_accepts_the_terms_then_fills_in_the_disclosure(browser_page, live_server):
    page, base = browser_page, live_server.url
    if not TermsVersion.objects.exists():  # a transactional test starts from a flushed database
        f.TermsVersionFactory(
            number=1,
            text_ru=(TERMS / "v1.ru.html").read_text(encoding="utf-8"),
            text_en=(TERMS / "v1.en.html").read_text(encoding="utf-8"),
        )
    newcomer = f.ClientUserFactory(language="en", accept_terms=False, full_name="Петров Игорь Николаевич")
    matter = f.MatterFactory(client=newcomer.client, title="Взыскание неустойки")

    sign_in(page, base, newcomer)
    page.wait_for_url("**/terms/**")
    page.get_by_text("The fifteen rules in brief").wait_for()
    page.get_by_role("heading", name="16. Final provisions").wait_for()

    page.get_by_label("I have read and accept the terms").check()
    page.get_by_role("button", name="Accept and continue").click()
    page.get_by_text("You have accepted version 1 of the terms").wait_for()
    acceptance = TermsAcceptance.objects.get(user=newcomer)
    assert acceptance.ip_address == "127.0.0.1"
    assert acceptance.user_agent

    page.goto(f"{base}/matters/{matter.pk}/")
    page.get_by_role("link", name="Disclosure questionnaire").click()
    page.get_by_label("Doubts and suspicions").fill("Подозреваю, что акт сверки подписан задним числом.")
    page.get_by_role("button", name="Send to the firm").click()
    page.get_by_text("Your answers are saved (revision 1)").wait_for()
    assert Disclosure.objects.get(matter=matter).doubts.startswith("Подозреваю")
