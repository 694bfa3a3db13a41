"""The slice in a real browser, in Russian: submit → accept → notice → status → receipt."""

import io

import pytest
from pypdf import PdfReader

from matters.models import Task
from notices.models import Notice
from tests import factories as f
from tests.conftest import sign_in, sign_out, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_client_submits_lead_accepts_client_downloads_receipt(
    browser_page, live_server, celery_worker, mailoutbox, tmp_path
):
    page, base = browser_page, live_server.url
    client_user = f.ClientUserFactory(language="ru", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    matter = f.MatterFactory(client=client_user.client, lead=lead, title="Взыскание неустойки")
    attachment = tmp_path / "договор.pdf"
    attachment.write_bytes(b"%PDF-1.4 copy of the contract")

    # The client writes the task, in Russian, with an attachment.
    sign_in(page, base, client_user)
    page.get_by_role("link", name="Новая задача").first.click()
    page.get_by_label("Дело").select_option(label=f"{matter.number} — {matter.title}")
    page.get_by_label("Тема").fill("Расчёт неустойки")
    page.get_by_label("Задача").fill("Прошу рассчитать неустойку за просрочку передачи квартиры.")
    page.get_by_label("Вложения").set_input_files(str(attachment))
    page.get_by_role("button", name="Подать задачу").click()
    task = Task.objects.get(subject="Расчёт неустойки")
    page.get_by_text(f"Задача {task.number}").first.wait_for()
    assert page.locator("main .badge").first.inner_text() == "подана"
    sign_out(page)

    # The matter's lead finds it in the inbox and accepts it.
    sign_in(page, base, lead)
    page.get_by_role("link", name="Входящие", exact=True).click()
    page.get_by_role("link", name="Расчёт неустойки").click()
    page.get_by_role("link", name="договор.pdf").wait_for()
    page.get_by_role("button", name="Принять задачу").click()
    page.get_by_text("Вы приняли задачу").wait_for()
    sign_out(page)

    # The worker delivers the notice to the client.
    wait_for(lambda: Notice.objects.filter(kind="task_accepted", status=Notice.Status.SENT).exists())
    [message] = [m for m in mailoutbox if m.to == [client_user.email]]
    assert task.number in message.subject

    # The client sees the change and downloads the receipt.
    sign_in(page, base, client_user)
    page.get_by_role("link", name="Расчёт неустойки").click()
    assert page.locator("main .badge").first.inner_text() == "принята"
    assert "Орлов Дмитрий Сергеевич" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать расписку (PDF)").click()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages)
    assert task.number in text
    assert "Расчёт неустойки" in text
    assert "Орлов Дмитрий Сергеевич" in text


def test_phone_width_shows_the_task_list_as_cards(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    client_user = f.ClientUserFactory(language="ru")
    f.TaskFactory(
        client=client_user.client,
        matter=f.MatterFactory(client=client_user.client),
        registered_by=client_user,
    )
    sign_in(page, live_server.url, client_user)
    page.goto(f"{live_server.url}/tasks/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("table.list thead").bounding_box()["x"] < 0  # the header row is moved off-screen
