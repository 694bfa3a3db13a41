"""Requested documents sent by the client as files: the service's rules, the page, the API, attacks,
the access log and a fixed number of queries."""

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import DocumentSubmission, HeldDocument, Matter
from matters.services.documents import document_mark_received, document_submit, requested_items
from tests.conftest import api_for, api_queries, login, page_queries
from tests.factories_deliverables import upload
from tests.factories_disclosures import DisclosureFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db

MISSING = "- Выписка из ЕГРН — заказать в МФЦ\n- Договор аренды\n"


@pytest.fixture
def asked(world):
    DisclosureFactory(matter=world.a.matter, missing_documents=MISSING)
    DisclosureFactory(matter=world.b.matter, missing_documents="Устав")
    return world


def send(world, requested="Договор аренды", name="аренда.pdf"):
    return document_submit(by=world.a.user, matter=world.a.matter, requested=requested, file=upload(name))


# --- the service ---------------------------------------------------------------------------------


def test_requested_items_are_the_lines_of_the_disclosure():
    assert requested_items(MISSING + "\n• Договор аренды\n\n") == ["Выписка из ЕГРН — заказать в МФЦ", "Договор аренды"]


def test_the_client_sends_a_requested_document_and_the_timeline_says_so(asked):
    submission = send(asked, name="скан аренды.pdf")
    assert submission.status == DocumentSubmission.Status.SENT
    assert submission.original_name == "скан аренды.pdf" and submission.file.name.startswith("documents/")
    assert "аренды" not in submission.file.name  # the client's file name never reaches the storage path
    event = TimelineEvent.objects.get(matter=asked.a.matter, ref_type="documentsubmission")
    assert event.client_visible


@pytest.mark.parametrize(
    ("who", "error"),
    [("lead", NotPermitted), ("b_user", NotFound), ("specialist_b", NotFound)],
)
def test_only_the_matters_client_sends_documents(asked, who, error):
    by = {"lead": asked.a.lead, "b_user": asked.b.user, "specialist_b": asked.b.specialist}[who]
    with pytest.raises(error):
        document_submit(by=by, matter=asked.a.matter, requested="Договор аренды", file=upload())
    assert not DocumentSubmission.objects.exists()


def test_a_document_not_asked_for_a_bad_file_or_a_closed_matter_is_refused(asked):
    with pytest.raises(ValidationError) as error:
        document_submit(by=asked.a.user, matter=asked.a.matter, requested="Паспорт", file=upload("x.exe"))
    assert set(error.value.fields) == {"requested", "file"}
    Matter.objects.filter(pk=asked.a.matter.pk).update(status=Matter.Status.CLOSED)
    asked.a.matter.refresh_from_db()
    with pytest.raises(InvalidState):
        send(asked)
    assert not DocumentSubmission.objects.exists()


def test_nothing_asked_nothing_to_send(world):
    with pytest.raises(InvalidState):
        send(world)


def test_the_firm_marks_a_copy_received(asked):
    submission = document_mark_received(submission=send(asked), by=asked.a.specialist, status="copy_received")
    assert submission.status == DocumentSubmission.Status.COPY_RECEIVED and submission.received_by == asked.a.specialist
    assert submission.held_document is None
    with pytest.raises(InvalidState):
        document_mark_received(submission=submission, by=asked.a.lead, status="original_received", location="Сейф")


def test_an_original_received_is_entered_in_the_register(asked):
    with pytest.raises(ValidationError) as error:
        document_mark_received(submission=send(asked), by=asked.a.lead, status="original_received")
    assert "location" in error.value.fields
    submission = DocumentSubmission.objects.get()
    document_mark_received(submission=submission, by=asked.a.lead, status="original_received", location="Сейф 2")
    held = HeldDocument.objects.get()
    assert held.title == "Договор аренды" and held.location == "Сейф 2" and held.form == HeldDocument.Form.ORIGINAL
    assert held.received_from == asked.a.user.full_name and held.matter == asked.a.matter
    submission.refresh_from_db()
    assert submission.held_document == held and submission.status == "original_received"


@pytest.mark.parametrize("who", ["client", "other_lead", "secretary"])
def test_only_the_firm_on_the_matter_marks_received(asked, who):
    submission = send(asked)
    by = {"client": asked.a.user, "other_lead": asked.b.lead, "secretary": asked.secretary}[who]
    with pytest.raises((NotFound, NotPermitted)):
        document_mark_received(submission=submission, by=by, status="copy_received")
    submission.refresh_from_db()
    assert submission.status == DocumentSubmission.Status.SENT


# --- pages -------------------------------------------------------------------------------------------


def test_the_client_sends_a_document_from_the_page_and_the_firm_marks_it_received(client, asked):
    url = reverse("matters:matter_documents", args=[asked.a.matter.pk])
    login(client, asked.a.user)
    page = client.get(url).content.decode()
    assert "Выписка из ЕГРН" in page and "Договор аренды" in page and 'id="send-document"' in page
    response = client.post(
        url, {"requested": "Договор аренды", "file": upload("аренда.pdf"), "note": "оригинал курьером"}
    )
    assert response.status_code == 302
    submission = DocumentSubmission.objects.get()
    page = client.get(url).content.decode()
    assert "аренда.pdf" in page and "sent, awaiting the firm" in page and "Mark received" not in page
    download = client.get(reverse("matters:document_file", args=[submission.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert not AccessLogEntry.objects.exists()  # the client's own looks are not logged

    login(client, asked.a.lead)
    page = client.get(url).content.decode()
    assert "Mark received" in page and 'id="send-document"' not in page
    response = client.post(
        reverse("matters:document_received", args=[submission.pk]), {"status": "original_received", "location": ""}
    )
    assert response.status_code == 400 and "Say where the firm keeps the original." in response.content.decode()
    response = client.post(
        reverse("matters:document_received", args=[submission.pk]),
        {"status": "original_received", "location": "Сейф 3", "pages": "4"},
    )
    assert response.status_code == 302
    client.get(reverse("matters:document_file", args=[submission.pk]))
    entries = AccessLogEntry.objects.filter(user=asked.a.lead, matter_id=asked.a.matter.pk)
    assert set(entries.values_list("action", flat=True)) == {"view", "download"}

    login(client, asked.a.user)
    page = client.get(url).content.decode()
    assert "original received" in page
    assert "Сейф 3" in client.get(reverse("matters:documents")).content.decode()


def test_a_bad_upload_shows_the_error_next_to_the_field(client, asked):
    login(client, asked.a.user)
    url = reverse("matters:matter_documents", args=[asked.a.matter.pk])
    response = client.post(url, {"requested": "Договор аренды", "file": upload("virus.exe")})
    assert response.status_code == 400 and "this type of file is not accepted" in response.content.decode()


def test_the_register_links_the_missing_documents_to_the_sending_page(client, asked):
    login(client, asked.a.user)
    page = client.get(reverse("matters:documents")).content.decode()
    assert reverse("matters:matter_documents", args=[asked.a.matter.pk]) in page


@pytest.mark.parametrize("who", ["b_user", "b_lead", "secretary"])
def test_attackers_get_404_on_the_page_the_file_and_the_marking(client, asked, who):
    submission = send(asked)
    login(client, {"b_user": asked.b.user, "b_lead": asked.b.lead, "secretary": asked.secretary}[who])
    assert client.get(reverse("matters:matter_documents", args=[asked.a.matter.pk])).status_code == 404
    assert client.get(reverse("matters:document_file", args=[submission.pk])).status_code == 404
    response = client.post(reverse("matters:document_received", args=[submission.pk]), {"status": "copy_received"})
    assert response.status_code == 404
    attacker = {"b_user": asked.b.user, "b_lead": asked.b.lead, "secretary": asked.secretary}[who]
    assert api_for(attacker).get(reverse("api:document_file", args=[submission.pk])).status_code == 404


def test_the_page_runs_a_fixed_number_of_queries(client, asked, django_assert_num_queries):
    for n in range(5):
        send(asked, requested="Договор аренды" if n % 2 else "Выписка из ЕГРН — заказать в МФЦ")
    login(client, asked.a.user)
    # matter, sent documents (with people), the disclosure
    with django_assert_num_queries(page_queries(3, client_user=True)):
        client.get(reverse("matters:matter_documents", args=[asked.a.matter.pk]))


# --- the API -------------------------------------------------------------------------------------------


def test_the_api_sends_lists_and_marks_received(asked, settings):
    url = reverse("api:matter_documents", args=[asked.a.matter.pk])
    client_api = api_for(asked.a.user)
    response = client_api.post(url, {"requested": "Договор аренды", "file": upload("аренда.pdf")}, format="multipart")
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["status"] == "sent" and sent["name"] == "аренда.pdf"
    assert client_api.post(url, {"requested": "Паспорт", "file": upload()}, format="multipart").status_code == 400
    listing = client_api.get(url).json()
    assert [r["title"] for r in listing["requested"]] == ["Выписка из ЕГРН — заказать в МФЦ", "Договор аренды"]
    assert listing["requested"][1]["sent"] and listing["may_send"] and not listing["may_mark"]
    received = reverse("api:document_received", args=[sent["id"]])
    assert client_api.post(received, {"status": "copy_received"}).status_code == 403
    lead_api = api_for(asked.a.lead)
    assert lead_api.post(url, {"requested": "Договор аренды", "file": upload()}, format="multipart").status_code == 403
    response = lead_api.post(received, {"status": "copy_received"})
    assert response.status_code == 200 and response.json()["status"] == "copy_received"
    assert lead_api.post(received, {"status": "copy_received"}).status_code == 409
    file = lead_api.get(sent["url"])
    assert file.status_code == 200
    assert AccessLogEntry.objects.filter(user=asked.a.lead, action="download", object_id=sent["id"]).exists()
    assert api_for(asked.b.user).get(url).status_code == 404
    assert api_for(asked.b.lead).post(received, {"status": "copy_received"}).status_code == 404


def test_the_api_list_runs_a_fixed_number_of_queries(asked, django_assert_num_queries):
    for _ in range(4):
        send(asked)
    with django_assert_num_queries(api_queries(3, client_user=True)):
        api_for(asked.a.user).get(reverse("api:matter_documents", args=[asked.a.matter.pk]))


def test_a_staff_look_at_the_requested_documents_is_logged(asked):
    api_for(asked.a.specialist).get(reverse("api:matter_documents", args=[asked.a.matter.pk]))
    entry = AccessLogEntry.objects.get(user=asked.a.specialist)
    assert entry.action == "view" and entry.matter_id == asked.a.matter.pk and entry.kind == "document"
