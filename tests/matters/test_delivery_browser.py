"""Rule 1 in a real browser, in Russian: the lead releases a result and e-mails it → the e-mail leaves the
worker with the file → the client sees the result and confirms receipt → the lead sees when."""

import pytest
from django.utils import timezone

from matters.models import Delivery
from notices.models import Notice
from tests import factories as f
from tests.conftest import sign_in, sign_out, wait_for
from tests.factories_deliverables import PDF, DeliverableFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_emails_a_result_and_the_client_confirms_receipt(browser_page, live_server, celery_worker, mailoutbox):
    page, base = browser_page, live_server.url
    client_user = f.ClientUserFactory(language="ru", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    matter = f.MatterFactory(client=client_user.client, lead=lead, title="Поставка оборудования")
    result = DeliverableFactory(matter=matter, title="Заключение о рисках договора поставки")

    # The lead opens the draft from the matter page, releases it and sends it by e-mail.
    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.locator(f"a[href='/results/{result.pk}/']").first.click()
    page.locator("#id_channel").select_option("email")
    page.locator("#id_recipient").fill(client_user.email)
    page.locator("#release").click()
    page.locator("#deliverable-status.badge-released").wait_for()
    delivery = Delivery.objects.get(deliverable=result)
    assert delivery.channel == "email"

    # The worker sends the e-mail with the file attached; the page then shows when it was sent.
    wait_for(lambda: Notice.objects.filter(pk=delivery.notice_id, status=Notice.Status.SENT).exists())
    [message] = [m for m in mailoutbox if m.to == [client_user.email] and m.attachments]
    assert "Заключение о рисках договора поставки" in message.subject
    [(name, content, _mimetype)] = message.attachments
    assert name == "заключение-0.pdf" and content == PDF
    page.reload()
    page.locator(f"#delivery-{delivery.pk} .mail-state").wait_for()
    sign_out(page)

    # The client signs in, finds the result on the matter page and confirms receipt.
    sign_in(page, base, client_user)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.locator(f"a[href='/results/{result.pk}/']").first.click()
    assert "Заключение о рисках договора поставки" in page.locator("h1").inner_text()
    page.locator(f"#confirm-{delivery.pk}").click()
    page.locator(f"#delivery-{delivery.pk} .confirmed-at").wait_for()
    delivery.refresh_from_db()
    assert delivery.confirmed_by == client_user
    sign_out(page)

    # The lead sees the confirmation and its time.
    sign_in(page, base, lead)
    page.goto(f"{base}/results/{result.pk}/")
    confirmed = page.locator(f"#delivery-{delivery.pk} .confirmed-at").inner_text()
    assert confirmed == timezone.localtime(delivery.confirmed_at).strftime("%d.%m.%Y %H:%M")
    assert "Петров Игорь Николаевич" in page.locator(f"#delivery-{delivery.pk}").inner_text()
