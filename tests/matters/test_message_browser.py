"""Rules 9 and 10 in a real browser, in Russian: a material message read by the lead; a risk acknowledged.

The steps find controls by their form names and ids (not by label text), so the test holds whether
or not the Russian catalogue has caught up with the newest strings.
"""

import re

import pytest
from django.utils import timezone

from matters.models import Message, MessageReceipt, RiskAcknowledgement, RiskNotice
from notices.models import Notice
from tests import factories as f
from tests.conftest import sign_in, sign_out, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def people():
    client_user = f.ClientUserFactory(language="ru", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    matter = f.MatterFactory(client=client_user.client, lead=lead, title="Взыскание неустойки")
    return client_user, lead, matter


def test_client_posts_a_material_message_the_lead_reads_it_the_client_sees_when(
    browser_page, live_server, celery_worker, mailoutbox, tmp_path
):
    page, base = browser_page, live_server.url
    client_user, lead, matter = people()
    letter = tmp_path / "письмо-ответчика.pdf"
    letter.write_bytes(b"%PDF-1.4 letter from the defendant")

    # The client writes a material message with the defendant's letter attached.
    sign_in(page, base, client_user)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.locator("#matter-messages").click()
    page.wait_for_url(re.compile(rf"/matters/{matter.pk}/messages/"))
    assert page.locator("html").get_attribute("lang") == "ru"
    page.locator('textarea[name="body"]').fill("Ответчик прислал письмо: готов погасить долг до пятницы.")
    page.locator('input[name="material"]').check()
    page.locator('input[name="files"]').set_input_files(str(letter))
    page.locator("#send-message").click()
    message = wait_for(lambda: Message.objects.filter(matter=matter).first())
    bubble = page.locator(f"#message-{message.pk}")
    bubble.wait_for()
    assert "bubble from-client ours material" in bubble.get_attribute("class")
    assert bubble.locator(".receipt.read").count() == 0
    sign_out(page)

    # The lead is told at once by e-mail, without the text.
    wait_for(lambda: Notice.objects.filter(kind="message_material", status=Notice.Status.SENT).exists())
    [mail] = [m for m in mailoutbox if m.to == [lead.email]]
    assert matter.number in mail.subject and "погасить" not in mail.body

    # The lead sees the unread badge on the matter, opens the thread and reads the message.
    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/")
    assert page.locator("#unread-messages").inner_text() == "1"
    page.locator("#matter-messages").click()
    bubble = page.locator(f"#message-{message.pk}")
    bubble.wait_for()
    assert "theirs" in bubble.get_attribute("class") and bubble.locator(".badge-new").count() == 1
    assert "готов погасить долг" in bubble.inner_text()
    assert bubble.locator('a:has-text("письмо-ответчика.pdf")').count() == 1
    read_at = MessageReceipt.objects.get(message=message, user=lead).read_at
    assert read_at is not None
    page.goto(f"{base}/matters/{matter.pk}/")
    assert page.locator("#unread-messages").count() == 0
    sign_out(page)

    # The client sees who read it and when.
    sign_in(page, base, client_user)
    page.goto(f"{base}/matters/{matter.pk}/messages/")
    receipt = page.locator(f"#message-{message.pk} .receipt.read")
    receipt.wait_for()
    assert "Орлов Д. С." in receipt.inner_text()
    assert (
        receipt.locator("time")
        .get_attribute("datetime")
        .startswith(timezone.localtime(read_at).strftime("%Y-%m-%dT%H:%M"))
    )


def test_the_firm_warns_the_client_acknowledges_and_the_lead_sees_the_exact_text(browser_page, live_server):
    page, base = browser_page, live_server.url
    client_user, lead, matter = people()

    # The lead records a warning about the client's instruction.
    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/")
    page.locator("#matter-risks").click()
    page.locator("details#warn summary").click()
    page.locator('details#warn textarea[name="subject"]').fill("Подписать мировое соглашение без условия о неустойке.")
    page.locator('details#warn textarea[name="text"]').fill("Клиент теряет право на неустойку около 1,2 млн рублей.")
    page.locator("#record-warning").click()
    page.wait_for_url(re.compile(r"/risks/\d+/#notice$"))
    notice = RiskNotice.objects.get(matter=matter)
    sign_out(page)

    # The client reads it in the portal and insists, acknowledging the risk.
    sign_in(page, base, client_user)
    page.goto(f"{base}/matters/{matter.pk}/")
    assert page.locator("#open-risks").inner_text() == "1"
    page.locator("#matter-risks").click()
    page.locator(f'#risk-{notice.pk} a[href="/risks/{notice.pk}/"]').first.click()
    shown = page.locator("#acknowledge blockquote.ack-text").inner_text()
    assert "без условия о неустойке" in shown and "1,2 млн рублей" in shown
    page.locator('input[name="confirm"]').check()
    page.locator("#acknowledge-risk").click()
    page.locator(".acknowledgement").wait_for()
    ack = RiskAcknowledgement.objects.get(notice=notice)
    assert ack.user == client_user and ack.ip_address == "127.0.0.1" and "Chrom" in ack.user_agent
    assert page.locator("#acknowledge-risk").count() == 0
    sign_out(page)

    # The lead sees the acknowledgement: who, when, the exact text and its fingerprint.
    sign_in(page, base, lead)
    page.goto(f"{base}/risks/{notice.pk}/")
    section = page.locator(f"#acknowledgement-{ack.pk}")
    assert "Петров Игорь Николаевич" in section.inner_text()
    assert section.locator("code.fingerprint").inner_text() == ack.text_sha256
    assert "без условия о неустойке" in section.locator("blockquote").inner_text()
    assert "1,2 млн рублей" in section.locator("blockquote").inner_text()
    assert page.locator("#risk-status").get_attribute("class") == "badge badge-risk-acknowledged"
