"""The message thread through its pages and the API, as the people who use it and as attackers."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLogEntry
from matters.models import Message, MessageReceipt, MessageRevision
from matters.services import messages as services
from notices.models import Notice
from tests import factories as f
from tests.conftest import api_for, api_queries, assert_error, login, page_queries
from tests.factories_messages import MessageFactory

pytestmark = pytest.mark.django_db


def thread_url(matter):
    return reverse("matters:messages", args=[matter.pk])


# --- pages -------------------------------------------------------------------------------------


def test_client_writes_a_material_message_the_lead_reads_it_and_the_client_sees_when(client, world):
    login(client, world.a.user)
    upload = SimpleUploadedFile("претензия.pdf", b"%PDF-1.4 claim", content_type="application/pdf")
    response = client.post(
        thread_url(world.a.matter), {"body": "Ответчик признал долг.", "material": "on", "files": [upload]}
    )
    message = Message.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#message-{message.pk}")
    assert message.material and message.attachments.count() == 1
    assert set(Notice.objects.values_list("recipient_id", flat=True)) == {world.a.lead.pk, world.a.specialist.pk}
    page = client.get(thread_url(world.a.matter)).content.decode()
    assert "Ответчик признал долг." in page and "not read yet by" in page and "претензия.pdf" in page

    login(client, world.a.lead)
    matter_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert 'id="unread-messages">1<' in matter_page
    page = client.get(thread_url(world.a.matter)).content.decode()
    assert "badge-new" in page and "badge-material" in page
    receipt = MessageReceipt.objects.get(message=message, user=world.a.lead)
    assert receipt.read_at is not None
    assert MessageReceipt.objects.get(message=message, user=world.a.specialist).read_at is None
    matter_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert 'id="unread-messages"' not in matter_page

    login(client, world.a.user)
    page = client.get(thread_url(world.a.matter)).content.decode()
    assert f"read by {world.a.lead.get_short_name()}" in page
    assert timezone.localtime(receipt.read_at).isoformat()[:16] in page  # <time datetime="…">


def test_the_firms_messages_and_the_clients_look_different_and_ours_are_on_our_side(client, world):
    MessageFactory(matter=world.a.matter, author=world.a.user)
    MessageFactory(matter=world.a.matter, author=world.a.lead, material=True)
    login(client, world.a.user)
    page = client.get(thread_url(world.a.matter)).content.decode()
    assert "bubble from-client ours" in page and "bubble from-firm theirs material" in page
    login(client, world.a.lead)
    page = client.get(thread_url(world.a.matter)).content.decode()
    assert "bubble from-client theirs" in page and "bubble from-firm ours material" in page


def test_an_empty_message_shows_the_error_next_to_the_field(client, world):
    login(client, world.a.user)
    response = client.post(thread_url(world.a.matter), {"body": "", "material": "on"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    bad = SimpleUploadedFile("setup.exe", b"MZ")
    response = client.post(thread_url(world.a.matter), {"body": "Файл", "files": [bad]})
    assert response.status_code == 400 and "this type of file is not accepted" in response.content.decode()
    assert not Message.objects.exists()


def test_the_thread_shows_the_latest_fifty_with_a_link_to_the_earlier_ones(client, world):
    start = timezone.now() - timedelta(days=1)
    made = [
        MessageFactory(
            matter=world.a.matter, author=world.a.lead, body=f"Номер {i:02d}.", created_at=start + timedelta(minutes=i)
        )
        for i in range(60)
    ]
    login(client, world.a.user)
    page = client.get(thread_url(world.a.matter)).content.decode()
    assert "Номер 10." in page and "Номер 59." in page and "Номер 09." not in page
    assert page.index("Номер 10.") < page.index("Номер 59.")  # the newest at the bottom
    assert f"?until={made[9].pk}" in page
    earlier = client.get(thread_url(world.a.matter) + f"?until={made[9].pk}").content.decode()
    assert "Номер 00." in earlier and "Номер 09." in earlier and "Номер 10." not in earlier
    assert 'rel="prev"' not in earlier  # nothing earlier than the first


def test_a_link_to_one_message_lands_on_it_in_the_thread(client, world):
    message = MessageFactory(matter=world.a.matter, author=world.a.user)
    login(client, world.a.lead)
    response = client.get(reverse("matters:message_detail", args=[message.pk]))
    assert response["Location"] == f"{thread_url(world.a.matter)}?until={message.pk}#message-{message.pk}"


def test_the_author_corrects_a_message_on_its_page_and_everybody_sees_the_earlier_text(client, world):
    message = services.message_post(matter=world.a.matter, by=world.a.user, body="Встреча в понедельник")
    login(client, world.a.user)
    page = client.get(thread_url(world.a.matter)).content.decode()
    edit_url = reverse("matters:message_edit", args=[message.pk])
    assert edit_url in page
    assert "Встреча в понедельник" in client.get(edit_url).content.decode()
    response = client.post(edit_url, {"body": "Встреча во вторник"})
    assert response.status_code == 302
    login(client, world.a.lead)
    page = client.get(thread_url(world.a.matter)).content.decode()
    assert "Встреча во вторник" in page and "earlier text" in page and "Встреча в понедельник" in page
    assert edit_url not in page  # not the lead's to correct
    assert client.post(edit_url, {"body": "Подмена"}).status_code == 302
    message.refresh_from_db()
    assert message.body == "Встреча во вторник"


def test_after_the_window_the_edit_page_sends_the_author_back_with_a_reason(client, world):
    message = MessageFactory(matter=world.a.matter, author=world.a.user, created_at=timezone.now() - timedelta(hours=1))
    login(client, world.a.user)
    response = client.post(reverse("matters:message_edit", args=[message.pk]), {"body": "Поздно"}, follow=True)
    assert "within 15 minutes" in response.content.decode()
    assert not MessageRevision.objects.exists()


def test_attachments_download_for_both_sides_and_the_firms_download_is_logged(client, world):
    message = MessageFactory(matter=world.a.matter, author=world.a.user, files=1)
    attachment = message.attachments.get()
    url = reverse("matters:message_attachment", args=[message.pk, attachment.pk])
    login(client, world.a.user)
    assert client.get(url).status_code == 200
    assert not AccessLogEntry.objects.exists()
    login(client, world.a.lead)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 letter"
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.client, entry.matter_id, entry.kind) == (
        world.a.lead,
        world.a.client,
        world.a.matter.pk,
        "document",
    )


@pytest.mark.parametrize("who", ["b_user", "b_lead", "secretary", "b_specialist"])
def test_outsiders_get_404_on_every_page_of_the_thread(client, world, who):
    message = MessageFactory(matter=world.a.matter, author=world.a.user, files=1, material=True)
    attachment = message.attachments.get()
    user = {
        "b_user": world.b.user,
        "b_lead": world.b.lead,
        "secretary": world.secretary,
        "b_specialist": world.b.specialist,
    }[who]
    login(client, user)
    for url in (
        thread_url(world.a.matter),
        reverse("matters:message_detail", args=[message.pk]),
        reverse("matters:message_edit", args=[message.pk]),
        reverse("matters:message_attachment", args=[message.pk, attachment.pk]),
        thread_url(world.a.matter) + f"?until={message.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(thread_url(world.a.matter), {"body": "Взлом", "material": "on"}).status_code == 404
    assert Message.objects.count() == 1 and not Notice.objects.exists()


def test_an_attachment_is_not_found_under_another_message(client, world):
    mine = MessageFactory(matter=world.a.matter, author=world.a.user)
    theirs = MessageFactory(matter=world.b.matter, author=world.b.user, files=1)
    login(client, world.a.user)
    url = reverse("matters:message_attachment", args=[mine.pk, theirs.attachments.get().pk])
    assert client.get(url).status_code == 404


def test_the_matter_page_hides_the_thread_from_an_unassigned_secretary(client, world):
    login(client, world.secretary)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert thread_url(world.a.matter) not in page


@pytest.mark.parametrize("count", [1, 60])
@pytest.mark.parametrize("viewer", ["client", "lead"])
def test_the_thread_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count, viewer):
    colleague = f.ClientUserFactory(client=world.a.client)
    for i in range(count):
        author = world.a.user if i % 2 else world.a.lead
        others = [world.a.lead, world.a.specialist] if i % 2 else [world.a.user, colleague]
        MessageFactory(
            matter=world.a.matter, author=author, recipients=others, files=2, revisions=1, material=i % 3 == 0
        )
    user = world.a.user if viewer == "client" else world.a.lead
    login(client, user)
    # the matter; messages with authors; attachments; earlier texts; receipts with readers; the read UPDATE
    with django_assert_num_queries(page_queries(6, client_user=viewer == "client")):
        response = client.get(thread_url(world.a.matter))
    assert response.content.decode().count('class="bubble ') == min(count, 50)


# --- API ---------------------------------------------------------------------------------------


def test_the_api_posts_a_material_message_with_files_and_shows_its_receipts(world):
    api = api_for(world.a.user)
    upload = SimpleUploadedFile("акт.pdf", b"%PDF-1.4 act", content_type="application/pdf")
    response = api.post(
        f"/api/matters/{world.a.matter.pk}/messages/",
        {"body": "Подписали акт", "material": "true", "files": [upload]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["material"] and body["side"] == "client" and body["author"]["name"] == world.a.user.full_name
    assert body["attachments"][0]["name"] == "акт.pdf" and body["attachments"][0]["url"].startswith("/messages/")
    assert {r["user"]["id"] for r in body["receipts"]} == {world.a.lead.pk, world.a.specialist.pk}
    assert all(r["read_at"] is None for r in body["receipts"]) and body["revisions"] == []
    assert Notice.objects.filter(kind="message_material").count() == 2

    read = api_for(world.a.lead).post(f"/api/messages/{body['id']}/read/")
    assert read.status_code == 200
    receipts = {r["user"]["id"]: r["read_at"] for r in read.json()["receipts"]}
    assert receipts[world.a.lead.pk] and receipts[world.a.specialist.pk] is None


def test_the_api_corrects_within_the_window_and_refuses_after_it(world):
    api = api_for(world.a.lead)
    created = api.post(f"/api/matters/{world.a.matter.pk}/messages/", {"body": "Срок 10 дней"}, format="json").json()
    response = api.patch(f"/api/messages/{created['id']}/", {"body": "Срок 14 дней"}, format="json")
    assert response.status_code == 200
    assert response.json()["body"] == "Срок 14 дней" and response.json()["edited_at"]
    assert [r["body"] for r in response.json()["revisions"]] == ["Срок 10 дней"]
    detail = api_for(world.a.user).get(f"/api/messages/{created['id']}/").json()
    assert detail["revisions"][0]["body"] == "Срок 10 дней"

    old = MessageFactory(matter=world.a.matter, author=world.a.lead, created_at=timezone.now() - timedelta(minutes=20))
    error = assert_error(api.patch(f"/api/messages/{old.pk}/", {"body": "Поздно"}, format="json"), 409, "invalid_state")
    assert "15 minutes" in error["message"]
    assert_error(
        api_for(world.a.specialist).patch(f"/api/messages/{created['id']}/", {"body": "Чужое"}, format="json"),
        403,
        "not_permitted",
    )
    assert_error(api.patch(f"/api/messages/{created['id']}/", {}, format="json"), 400, "invalid", fields=("body",))


def test_there_is_no_delete_in_the_api(world):
    message = MessageFactory(matter=world.a.matter, author=world.a.user)
    response = api_for(world.a.user).delete(f"/api/messages/{message.pk}/")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"
    assert Message.objects.filter(pk=message.pk).exists()


def test_a_client_user_cannot_mark_another_users_receipt(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    to_colleague = MessageFactory(matter=world.a.matter, author=world.a.lead, recipients=[colleague])
    from_client = MessageFactory(matter=world.a.matter, author=colleague, recipients=[world.a.lead])
    for message in (to_colleague, from_client):
        assert api_for(world.a.user).post(f"/api/messages/{message.pk}/read/").status_code == 200
    assert not MessageReceipt.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("who", ["b_user", "b_lead", "secretary"])
def test_outsiders_get_404_everywhere_in_the_api(world, who):
    message = MessageFactory(matter=world.a.matter, author=world.a.user, recipients=[world.a.lead])
    api = api_for({"b_user": world.b.user, "b_lead": world.b.lead, "secretary": world.secretary}[who])
    assert_error(api.get(f"/api/matters/{world.a.matter.pk}/messages/"), 404, "not_found")
    assert_error(
        api.post(f"/api/matters/{world.a.matter.pk}/messages/", {"body": "x", "material": True}, format="json"),
        404,
        "not_found",
    )
    assert_error(api.get(f"/api/messages/{message.pk}/"), 404, "not_found")
    assert_error(api.post(f"/api/messages/{message.pk}/read/"), 404, "not_found")
    assert_error(api.patch(f"/api/messages/{message.pk}/", {"body": "x"}, format="json"), 404, "not_found")
    assert Message.objects.count() == 1 and not MessageReceipt.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("count", [1, 60])
def test_the_api_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for i in range(count):
        MessageFactory(matter=world.a.matter, author=world.a.lead, recipients=[world.a.user], files=2, revisions=i % 2)
    api = api_for(world.a.user)
    # the matter; the page of messages; attachments; earlier texts; receipts with readers
    with django_assert_num_queries(api_queries(5, client_user=True)):
        response = api.get(f"/api/matters/{world.a.matter.pk}/messages/")
    assert len(response.json()["results"]) == min(count, 50)
    assert response.json()["results"][0]["receipts"][0]["user"]["id"] == world.a.user.pk
