"""A lawyer answers with files; a client replies to an answer with a follow-up task linked to it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters import services
from matters.models import Matter, Task
from matters.services.tasks import task_follow_up
from notices.models import Notice
from tests.conftest import api_for, login
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def pdf(name="ответ.pdf", content=b"%PDF-1.4 answer"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def answered(world, **kwargs):
    services.task_accept(task=world.a.task, by=world.a.specialist)
    return services.task_answer(task=world.a.task, by=world.a.specialist, answer="Неустойка — 12 000 ₽.", **kwargs)


# --- the answer with files ---------------------------------------------------------------------------


def test_a_lawyer_answers_with_a_file_kept_apart_from_the_clients(world):
    task = answered(world, files=[pdf("расчёт.pdf")])
    [stored] = task.attachments.filter(with_answer=True)
    assert stored.original_name == "расчёт.pdf" and stored.uploaded_by == world.a.specialist
    assert stored.file.read() == b"%PDF-1.4 answer"


def test_a_bad_file_refuses_the_whole_answer(world):
    services.task_accept(task=world.a.task, by=world.a.specialist)
    with pytest.raises(ValidationError) as error:
        services.task_answer(task=world.a.task, by=world.a.specialist, answer="Ответ", files=[pdf("x.exe")])
    assert "files" in error.value.fields
    world.a.task.refresh_from_db()
    assert world.a.task.status == Task.Status.ACCEPTED and not world.a.task.attachments.exists()


def test_the_answer_page_takes_files_and_the_client_downloads_them(client, world):
    services.task_accept(task=world.a.task, by=world.a.specialist)
    login(client, world.a.specialist)
    page = client.get(reverse("matters:task_detail", args=[world.a.task.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    response = client.post(
        reverse("matters:task_answer", args=[world.a.task.pk]), {"answer": "См. расчёт", "files": [pdf("расчёт.pdf")]}
    )
    assert response.status_code == 302
    stored = world.a.task.attachments.get(with_answer=True)
    login(client, world.a.user)
    page = client.get(reverse("matters:task_detail", args=[world.a.task.pk])).content.decode()
    assert "Files with the answer" in page and "расчёт.pdf" in page
    download = client.get(reverse("matters:task_attachment", args=[world.a.task.pk, stored.pk]))
    assert download.status_code == 200


def test_the_api_answers_with_files(world):
    services.task_accept(task=world.a.task, by=world.a.specialist)
    response = api_for(world.a.specialist).post(
        f"/api/tasks/{world.a.task.pk}/answer/", {"answer": "См. файл", "files": [pdf()]}, format="multipart"
    )
    assert response.status_code == 200, response.content
    [attachment] = [a for a in response.json()["attachments"] if a["with_answer"]]
    assert attachment["name"] == "ответ.pdf"
    # JSON without files still works
    world.b.task.status = Task.Status.ACCEPTED
    world.b.task.accepted_by = world.b.specialist
    world.b.task.accepted_at = world.b.task.created_at
    world.b.task.save()
    response = api_for(world.b.specialist).post(
        f"/api/tasks/{world.b.task.pk}/answer/", {"answer": "Да"}, format="json"
    )
    assert response.status_code == 200 and response.json()["attachments"] == []


# --- the client's follow-up ---------------------------------------------------------------------------


def test_the_client_replies_to_an_answer_with_a_linked_task(world, django_capture_on_commit_callbacks):
    task = answered(world)
    with django_capture_on_commit_callbacks():
        reply = task_follow_up(client_user=world.a.user, task=task, text="А если оплатить частично?", files=[pdf()])
    assert reply.follow_up_of == task and reply.status == Task.Status.SUBMITTED
    assert reply.matter == world.a.matter and reply.subject == f"Re: {task.subject}"
    assert reply.channel == Task.Channel.PORTAL and reply.registered_by == world.a.user
    task.refresh_from_db()
    assert task.status == Task.Status.ANSWERED and task.answer == "Неустойка — 12 000 ₽."  # the evidence stays
    recipients = set(Notice.objects.filter(kind="task_submitted").values_list("recipient_id", flat=True))
    assert {world.a.lead.pk, world.a.specialist.pk} <= recipients
    line = TimelineEvent.objects.filter(matter=world.a.matter, ref_type="task", ref_id=reply.pk).get()
    assert task.number in line.params.get("previous", "") or task.number in str(line.params)


@pytest.mark.parametrize("who", ["lead", "b_user"])
def test_only_the_tasks_client_replies(world, who):
    task = answered(world)
    by = {"lead": world.a.lead, "b_user": world.b.user}[who]
    with pytest.raises((NotPermitted, NotFound)):
        task_follow_up(client_user=by, task=task, text="?")
    assert not Task.objects.filter(follow_up_of=task).exists()


def test_only_an_answered_task_is_followed_up_and_text_is_needed(world):
    with pytest.raises(InvalidState):
        task_follow_up(client_user=world.a.user, task=world.a.task, text="?")
    task = answered(world)
    with pytest.raises(ValidationError):
        task_follow_up(client_user=world.a.user, task=task, text="  ")
    Matter.objects.filter(pk=world.a.matter.pk).update(status=Matter.Status.CLOSED)
    with pytest.raises(InvalidState):
        task_follow_up(client_user=world.a.user, task=task, text="ещё вопрос")


def test_the_reply_form_on_the_page_and_the_thread_links(client, world):
    task = answered(world)
    login(client, world.a.user)
    url = reverse("matters:task_detail", args=[task.pk])
    assert "Reply to the answer" in client.get(url).content.decode()
    response = client.post(reverse("matters:task_follow_up", args=[task.pk]), {"text": "Уточните срок"})
    reply = Task.objects.get(follow_up_of=task)
    assert response.status_code == 302 and response["Location"] == reverse("matters:task_detail", args=[reply.pk])
    page = client.get(response["Location"]).content.decode()
    assert f"the answer to task {task.number}" in page
    assert reply.number in client.get(url).content.decode()
    response = client.post(reverse("matters:task_follow_up", args=[task.pk]), {"text": ""})
    assert response.status_code == 400
    login(client, world.a.lead)
    assert "Reply to the answer" not in client.get(url).content.decode()
    response = client.post(reverse("matters:task_follow_up", args=[task.pk]), {"text": "x"}, follow=True)
    assert "Only a client&#x27;s own people reply" in response.content.decode()
    assert Task.objects.filter(follow_up_of=task).count() == 1


def test_another_client_cannot_reach_the_reply_form(client, world):
    task = answered(world)
    login(client, world.b.user)
    assert client.post(reverse("matters:task_follow_up", args=[task.pk]), {"text": "x"}).status_code == 404


def test_the_api_follows_up(world):
    task = answered(world)
    response = api_for(world.a.user).post(f"/api/tasks/{task.pk}/follow-up/", {"text": "А пени?"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["follow_up_of"] == task.pk and response.json()["status"] == "submitted"
    assert api_for(world.b.user).post(f"/api/tasks/{task.pk}/follow-up/", {"text": "x"}).status_code == 404
    assert api_for(world.a.user).post(f"/api/tasks/{world.b.task.pk}/follow-up/", {"text": "x"}).status_code == 404
    fresh = api_for(world.a.user).post(f"/api/tasks/{response.json()['id']}/follow-up/", {"text": "x"})
    assert fresh.status_code == 409
