"""Requested documents in a real browser, in Russian: the client follows "needed from you" to the matter's
requested documents and sends a scan → the lead marks the original received → it is in the register."""

import pytest

from matters.models import DocumentSubmission, HeldDocument
from tests import factories as f
from tests.conftest import sign_in, sign_out
from tests.factories_disclosures import DisclosureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_client_sends_a_requested_document_and_the_lead_marks_the_original_received(
    browser_page, live_server, tmp_path
):
    page, base = browser_page, live_server.url
    client_user = f.ClientUserFactory(language="ru", full_name="Петров Игорь Николаевич")
    lead = f.LeadFactory(language="ru", full_name="Орлов Дмитрий Сергеевич")
    matter = f.MatterFactory(client=client_user.client, lead=lead, title="Спор с застройщиком")
    DisclosureFactory(matter=matter, missing_documents="Платёжное поручение на последний взнос\nДоговор ДДУ")
    scan = tmp_path / "платёжка.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scan\n")

    # The dashboard asks for the documents; the link leads to the matter's requested documents.
    sign_in(page, base, client_user)
    page.goto(f"{base}/")
    page.locator("li.needed-documents a").first.click()
    page.wait_for_url(f"**/matters/{matter.pk}/documents/")
    page.locator("#id_requested").select_option("Договор ДДУ")
    page.locator("#id_file").set_input_files(str(scan))
    page.locator("#id_note").fill("Оригинал принесу в офис")
    page.locator("#send-document").click()
    page.wait_for_load_state()
    submission = DocumentSubmission.objects.get()
    assert submission.requested == "Договор ДДУ" and submission.uploaded_by == client_user
    page.locator(f"#sent-{submission.pk}").wait_for()
    page.goto(f"{base}/")
    assert page.locator("li.needed-documents").count() == 1  # only the payment order is still awaited
    sign_out(page)

    # The lead opens the same page, downloads nothing, marks the original received with where it is kept.
    sign_in(page, base, lead)
    page.goto(f"{base}/matters/{matter.pk}/documents/")
    row = page.locator(f"#sent-{submission.pk}")
    row.locator("summary").click()
    row.locator("input[value=original_received]").check()
    row.locator(f"#location-{submission.pk}").fill("Сейф 2, папка Петрова")
    row.locator(f"#mark-received-{submission.pk}").click()
    page.wait_for_load_state()
    page.locator(f"#sent-{submission.pk} .badge-answered").wait_for()
    submission.refresh_from_db()
    assert submission.status == DocumentSubmission.Status.ORIGINAL_RECEIVED
    held = HeldDocument.objects.get()
    assert held.location == "Сейф 2, папка Петрова" and held.title == "Договор ДДУ"
    sign_out(page)

    # The client sees it received, and the original in the register.
    sign_in(page, base, client_user)
    page.goto(f"{base}/documents/")
    assert "Сейф 2, папка Петрова" in page.content()
