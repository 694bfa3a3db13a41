"""Rule 13 in a real browser, in Russian: an intake blocked by a conflict, released by a partner.

The steps find controls by their form names and the page's structure (not by label text), so the
test holds whether or not the Russian catalogue has caught up with the newest strings.
"""

import re

import pytest

from clients.models import Client, ConflictDecision, Intake
from tests import factories as f
from tests import factories_intake as fi
from tests.conftest import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_intake_blocked_by_a_conflict_is_cleared_by_a_partner(browser_page, live_server):
    page, base = browser_page, live_server.url
    secretary = f.SecretaryFactory(language="ru", full_name="Козлова Елена Павловна")
    partner = f.PartnerFactory(language="ru", full_name="Соколова Анна Викторовна")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    existing = fi.organisation("ООО «Альфа-Трейд»")
    f.ClientUserFactory(client=existing, language="ru")

    # The secretary takes in a new client whose first matter is against an existing client.
    sign_in(page, base, secretary)
    page.goto(f"{base}/intake/new-client/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.locator('input[name="kind"][value="organisation"]').check()
    assert page.locator('[data-group="person"]').is_hidden()  # static/js/intake.js at work
    page.locator('input[name="name"]').fill("ООО «Новый клиент»")
    page.locator('input[name="inn"]').fill(fi.inn10())
    page.locator('input[name="title"]').fill("Взыскание долга по договору поставки")
    page.locator('select[name="lead"]').select_option(str(lead.pk))
    page.locator('input[name="parties-0-name"]').fill("Alfa-Treid LLC")
    page.locator('select[name="parties-0-role"]').select_option("opponent")
    page.locator("form.intake-form button.primary").click()

    page.wait_for_url(re.compile(r"/intake/\d+/$"))
    intake = Intake.objects.get(client__name="ООО «Новый клиент»")
    assert intake.status == Intake.Status.BLOCKED
    page.locator(".badge-blocked").wait_for()
    assert page.locator("section.conflict .note").is_visible()  # blocked, awaiting a partner's decision
    assert "Альфа-Трейд" not in page.locator("section.conflict").inner_text()  # no other client's name
    assert page.locator("table.hits").count() == 0
    sign_out(page)

    # A partner opens the intake, sees the hit and clears it with a reason.
    sign_in(page, base, partner)
    page.goto(f"{base}/intake/")
    page.locator(f'a[href="/intake/{intake.pk}/"]').click()
    hits = page.locator("table.hits")
    hits.wait_for()
    assert "ООО «Альфа-Трейд»" in hits.inner_text()
    assert hits.locator("tr.row-alert").count() == 1
    page.locator('textarea[name="clear-reason"]').fill("Другая компания: иной ИНН и адрес, с клиентом не связана.")
    page.locator(f'form[action="/intake/{intake.pk}/clear/"] button[type="submit"]').click()

    # The client and the matter are opened; the matter's page exists.
    page.locator(".badge-opened").first.wait_for()
    intake.refresh_from_db()
    assert intake.status == Intake.Status.OPENED
    assert Client.objects.get(pk=intake.client_id).status == Client.Status.ACTIVE
    assert ConflictDecision.objects.get().decided_by == partner
    assert "иной ИНН" in page.locator(".decision").inner_text()
    page.locator(f'a[href="/matters/{intake.matter.pk}/"]').first.click()
    page.wait_for_url(f"{base}/matters/{intake.matter.pk}/")
    assert "Взыскание долга по договору поставки" in page.locator("h1").inner_text()
    assert intake.matter.number in page.locator("h1").inner_text()


def test_the_new_client_form_fits_a_phone(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, f.SecretaryFactory(language="ru"))
    page.goto(f"{live_server.url}/intake/new-client/")
    page.locator('input[name="kind"][value="person"]').check()
    assert page.locator('[data-group="organisation"]').is_hidden()
    assert page.locator('[data-group="person"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
