"""Issue 9: what one client's people may upload in all is bounded by the quota the firm sets for the
client (Client.upload_quota_bytes, default CLIENT_UPLOAD_QUOTA_BYTES); a refusal stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from clients.models import Client
from core.errors import ValidationError
from matters.models import Message, MessageAttachment, Task, TaskAttachment
from matters.services.messages import message_post
from matters.services.tasks import task_register, task_submit
from matters.services.uploads import client_upload_usage
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def pdf(size: int, name="скан.pdf"):
    return SimpleUploadedFile(name, b"%PDF-" + b"x" * (size - 5), content_type="application/pdf")


@pytest.fixture
def small_quota(world):
    Client.objects.filter(pk=world.a.client.pk).update(upload_quota_bytes=1000)
    world.a.client.refresh_from_db()
    return world


def test_a_new_client_gets_the_firms_default_quota(settings):
    settings.CLIENT_UPLOAD_QUOTA_BYTES = 12345
    assert f.ClientFactory().upload_quota_bytes == 12345


def test_uploads_within_the_quota_pass_and_are_counted(small_quota):
    world = small_quota
    task_submit(client_user=world.a.user, subject="Первое", text="Текст", files=[pdf(600)])
    message_post(matter=world.a.matter, by=world.a.user, body="Письмо", files=[pdf(300)])
    assert client_upload_usage(world.a.client.pk) == 900


def test_an_upload_over_the_quota_is_refused_and_nothing_is_stored(small_quota):
    world = small_quota
    task_submit(client_user=world.a.user, subject="Первое", text="Текст", files=[pdf(600)])
    tasks, attachments = Task.objects.count(), TaskAttachment.objects.count()
    with pytest.raises(ValidationError) as error:
        task_submit(client_user=world.a.user, subject="Второе", text="Текст", files=[pdf(300), pdf(200)])
    assert "upload limit" in str(error.value.fields["files"][0])
    with pytest.raises(ValidationError):
        message_post(matter=world.a.matter, by=world.a.user, body="Письмо", files=[pdf(500)])
    assert (Task.objects.count(), TaskAttachment.objects.count()) == (tasks, attachments)
    assert not Message.objects.filter(body="Письмо").exists() and not MessageAttachment.objects.exists()


def test_the_quota_is_the_clients_not_shared_with_other_clients(small_quota):
    world = small_quota
    task_submit(client_user=world.a.user, subject="Первое", text="Текст", files=[pdf(900)])
    task_submit(client_user=world.b.user, subject="Бета", text="Текст", files=[pdf(900)])  # B's own quota
    other_user = f.ClientUserFactory(client=world.a.client)  # the same client's other person shares it
    with pytest.raises(ValidationError):
        task_submit(client_user=other_user, subject="Ещё", text="Текст", files=[pdf(200)])


def test_the_firms_own_uploads_do_not_use_the_clients_quota(small_quota):
    world = small_quota
    task_register(
        by=world.a.lead,
        client=world.a.client,
        channel=Task.Channel.EMAIL,
        subject="Письмо клиента",
        text="Текст",
        requested_by_name="Петров",
        files=[pdf(5000)],
    )
    assert client_upload_usage(world.a.client.pk) == 0


def test_the_refusal_reaches_the_page_and_the_api_translated(client, small_quota):
    world = small_quota
    login(client, world.a.user)
    response = client.post(
        reverse("matters:task_new"), {"subject": "Тема", "text": "Текст", "files": [pdf(5000)]}, follow=True
    )
    assert "upload limit" in response.content.decode()
    api = APIClient()
    api.force_authenticate(world.a.user)
    answer = api.post("/api/tasks/", {"subject": "Тема", "text": "Текст", "files": [pdf(5000)]}, format="multipart")
    assert answer.status_code == 400 and "upload limit" in answer.content.decode()
    assert not Task.objects.filter(subject="Тема").exists()
