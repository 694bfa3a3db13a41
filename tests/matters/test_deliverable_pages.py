"""Results of work through the pages: prepare, change, release and send, download, confirm; and their query counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLogEntry
from matters.models import Deliverable, Delivery, Task
from matters.services import deliverables as svc
from matters.services import task_accept
from notices.models import Notice
from tests.conftest import login, page_queries
from tests.factories_deliverables import DeliverableFactory, upload

pytestmark = pytest.mark.django_db


def test_a_secretary_registers_a_letter_with_its_original_attached(client, world):
    """Rule 2: tasks that came by e-mail, letter or phone are registered with the original."""
    from matters.models import Assignment

    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    login(client, world.secretary)
    response = client.post(
        reverse("matters:task_register"),
        {
            "client": world.a.client.pk,
            "matter": world.a.matter.pk,
            "channel": "letter",
            "requested_by_name": "Петров И. Н.",
            "subject": "Письмо о претензии",
            "text": "Прошу подготовить ответ на претензию.",
            "files": [SimpleUploadedFile("скан письма.pdf", b"%PDF scan")],
        },
    )
    task = Task.objects.get(subject="Письмо о претензии")
    assert response.status_code == 302
    assert task.channel == "letter" and task.registered_by == world.secretary
    [original] = task.attachments.all()
    assert original.original_name == "скан письма.pdf" and original.file.read() == b"%PDF scan"
    page = client.get(reverse("matters:task_detail", args=[task.pk])).content.decode()
    assert "скан письма.pdf" in page
    # a letter's task is accepted by a lawyer, not by the secretary who registered it
    assert "Accept the task" not in page


def test_the_specialist_prepares_a_result_from_the_matter_page(client, world):
    login(client, world.a.specialist)
    matter_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    new_url = reverse("matters:deliverable_new", args=[world.a.matter.pk])
    assert new_url in matter_page and "Results of work" in matter_page
    response = client.post(
        new_url,
        {"kind": "opinion", "title": "Заключение", "summary": "Кратко.", "files": [upload()]},
    )
    draft = Deliverable.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "matters:deliverable_detail", args=[draft.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "заключение.pdf" in page and "This is a draft" in page
    assert 'id="release"' not in page  # the specialist does not release


def test_errors_show_next_to_the_fields_and_nothing_is_saved(client, world):
    login(client, world.a.specialist)
    response = client.post(
        reverse("matters:deliverable_new", args=[world.a.matter.pk]),
        {"kind": "opinion", "title": "T", "summary": "S", "files": [upload("a.exe", b"MZ")]},
    )
    assert response.status_code == 200
    assert "not accepted" in response.content.decode()
    assert not Deliverable.objects.exists()


def test_the_client_cannot_open_the_prepare_page(client, world):
    login(client, world.a.user)
    assert client.get(reverse("matters:deliverable_new", args=[world.a.matter.pk])).status_code == 404


def test_the_author_replaces_a_file_of_the_draft(client, world):
    draft = DeliverableFactory(matter=world.a.matter, prepared_by=world.a.specialist)
    old = draft.files.get()
    login(client, world.a.specialist)
    response = client.post(
        reverse("matters:deliverable_edit", args=[draft.pk]),
        {
            "kind": "opinion",
            "title": "Новое название",
            "summary": "Новое.",
            "remove_files": [str(old.pk)],
            "files": [upload("v2.pdf")],
        },
    )
    assert response.status_code == 302
    assert [x.original_name for x in draft.files.all()] == ["v2.pdf"]


def test_the_lead_answers_an_accepted_task_with_a_result(client, world):
    task = task_accept(task=world.a.task, by=world.a.lead)
    login(client, world.a.lead)
    task_page = client.get(reverse("matters:task_detail", args=[task.pk])).content.decode()
    link = reverse("matters:deliverable_new", args=[world.a.matter.pk]) + f"?task={task.pk}"
    assert link in task_page
    assert "Send the answer" in task_page  # the short written answer stays available
    form_page = client.get(link).content.decode()
    assert f'<option value="{task.pk}" selected>' in form_page
    client.post(
        link, {"task": task.pk, "kind": "opinion", "title": "Ответ", "summary": "См. файл.", "files": [upload()]}
    )
    draft = Deliverable.objects.get()
    assert draft.task == task
    response = client.post(reverse("matters:deliverable_release", args=[draft.pk]), {"channel": "portal"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.ANSWERED
    task_page = client.get(reverse("matters:task_detail", args=[task.pk])).content.decode()
    assert "Ответ" in task_page and "Answer with a result" not in task_page


def test_the_lead_releases_and_sends_by_email_from_the_page(client, world):
    draft = DeliverableFactory(matter=world.a.matter)
    login(client, world.a.lead)
    page = client.get(reverse("matters:deliverable_detail", args=[draft.pk])).content.decode()
    assert 'id="release"' in page and world.a.user.email in page  # the client's address is offered
    response = client.post(
        reverse("matters:deliverable_release", args=[draft.pk]), {"channel": "email", "recipient": world.a.user.email}
    )
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.channel == "email" and delivery.notice.attachments.count() == 1
    page = client.get(reverse("matters:deliverable_detail", args=[draft.pk])).content.decode()
    assert "e-mail waiting to be sent" in page
    Notice.objects.filter(pk=delivery.notice_id).update(status="sent", sent_at=timezone.now())
    assert "e-mail sent" in client.get(reverse("matters:deliverable_detail", args=[draft.pk])).content.decode()


def test_a_release_with_a_bad_address_shows_the_error_and_changes_nothing(client, world):
    draft = DeliverableFactory(matter=world.a.matter)
    login(client, world.a.lead)
    response = client.post(
        reverse("matters:deliverable_release", args=[draft.pk]), {"channel": "courier", "recipient": "офис"}
    )
    assert response.status_code == 400
    assert "tracking number" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_lead_records_a_courier_and_its_delivery(client, world):
    released = svc.deliverable_release(deliverable=DeliverableFactory(matter=world.a.matter), by=world.a.lead)
    login(client, world.a.lead)
    client.post(
        reverse("matters:delivery_new", args=[released.pk]),
        {"channel": "courier", "recipient": "ул. Ленина, 1", "tracking_number": "CDEK-1"},
    )
    delivery = Delivery.objects.get()
    Delivery.objects.update(sent_at=timezone.now() - dt.timedelta(hours=3))  # the courier left three hours ago
    at = timezone.localtime() - dt.timedelta(minutes=5)
    client.post(reverse("matters:delivery_delivered", args=[delivery.pk]), {"at": at.strftime("%Y-%m-%dT%H:%M")})
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None
    assert "CDEK-1" in client.get(reverse("matters:deliverable_detail", args=[released.pk])).content.decode()


def test_the_client_sees_downloads_and_confirms(client, world):
    released = svc.deliverable_release(
        deliverable=DeliverableFactory(matter=world.a.matter), by=world.a.lead, channel="portal"
    )
    delivery = released.deliveries.get()
    stored = released.files.get()
    login(client, world.a.user)
    matter_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert released.title in matter_page and "please confirm receipt" in matter_page
    page = client.get(reverse("matters:deliverable_detail", args=[released.pk])).content.decode()
    assert f'id="confirm-{delivery.pk}"' in page
    download = client.get(reverse("matters:deliverable_file", args=[released.pk, stored.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None
    assert not AccessLogEntry.objects.exists()  # a client's own downloads are not the firm's looks
    client.post(reverse("matters:delivery_confirm", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.confirmed_by == world.a.user
    login(client, world.a.lead)
    page = client.get(reverse("matters:deliverable_detail", args=[released.pk])).content.decode()
    assert "confirmed-at" in page and world.a.user.full_name in page


def test_the_firms_downloads_are_written_to_the_access_log(client, world):
    draft = DeliverableFactory(matter=world.a.matter)
    login(client, world.a.specialist)
    client.get(reverse("matters:deliverable_file", args=[draft.pk, draft.files.get().pk]))
    entry = AccessLogEntry.objects.get()
    assert entry.user == world.a.specialist and entry.kind == "document" and entry.action == "download"
    assert entry.client_id == world.a.client.pk and draft.title in entry.description


def test_an_overdue_confirmation_shows_on_the_matter_and_result_pages(client, world):
    released = svc.deliverable_release(
        deliverable=DeliverableFactory(matter=world.a.matter), by=world.a.lead, channel="portal"
    )
    Delivery.objects.update(confirm_by=timezone.now() - dt.timedelta(hours=1))
    login(client, world.a.lead)
    assert (
        "1 confirmation overdue"
        in client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    )
    page = client.get(reverse("matters:deliverable_detail", args=[released.pk])).content.decode()
    assert "confirmation of receipt overdue" in page
    login(client, world.a.user)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "receipt overdue" not in page and "confirmation overdue" not in page  # the client is asked, not reproached
    assert "please confirm receipt" in page


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_of_results_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for i in range(count):
        item = DeliverableFactory(matter=world.a.matter, files=2)
        if i % 2 == 0:
            svc.deliverable_release(deliverable=item, by=world.a.lead, channel="portal")
    login(client, world.a.lead)
    # the matter; the results with people and task; their files; their deliveries; the lead check
    with django_assert_num_queries(page_queries(5)):
        response = client.get(reverse("matters:deliverable_list", args=[world.a.matter.pk]))
    assert response.content.decode().count("/results/") >= count


@pytest.mark.parametrize("count", [1, 30])
def test_a_clients_list_of_results_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for _ in range(count):
        svc.deliverable_release(
            deliverable=DeliverableFactory(matter=world.a.matter), by=world.a.lead, channel="portal"
        )
    DeliverableFactory(matter=world.a.matter)  # a draft the client must not see
    login(client, world.a.user)
    # the matter; the results; their files; their deliveries (no permission query for a client)
    with django_assert_num_queries(page_queries(4, client_user=True)):
        response = client.get(reverse("matters:deliverable_list", args=[world.a.matter.pk]))
    assert response.content.decode().count('class="badge badge-draft"') == 0
