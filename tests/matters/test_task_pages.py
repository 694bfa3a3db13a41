"""The task pages: what a client and a lawyer see and do, and what it costs in queries."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from matters.models import Task
from tests import factories as f
from tests.conftest import login, page_queries

pytestmark = pytest.mark.django_db


def test_client_submits_a_task_from_the_page(client, world):
    login(client, world.a.user)
    response = client.post(
        reverse("matters:task_new"),
        {
            "matter": world.a.matter.pk,
            "subject": "Вопрос по договору",
            "text": "Можно ли расторгнуть договор досрочно?",
            "files": [SimpleUploadedFile("договор.docx", b"PK..")],
        },
    )
    task = Task.objects.get(subject="Вопрос по договору")
    assert response.status_code == 302
    assert response["Location"] == reverse("matters:task_detail", args=[task.pk])
    page = client.get(response["Location"]).content.decode()
    assert task.number in page
    assert "договор.docx" in page


def test_client_sees_errors_next_to_the_fields_and_nothing_is_saved(client, world):
    login(client, world.a.user)
    before = Task.objects.count()
    response = client.post(
        reverse("matters:task_new"),
        {"subject": "S", "text": "T", "files": [SimpleUploadedFile("a.exe", b"MZ")]},
    )
    assert response.status_code == 200
    assert "a.exe" in response.content.decode()
    assert "not accepted" in response.content.decode()
    assert Task.objects.count() == before


def test_client_cannot_pick_another_clients_matter_in_the_form(client, world):
    login(client, world.a.user)
    response = client.post(reverse("matters:task_new"), {"matter": world.b.matter.pk, "subject": "S", "text": "T"})
    assert response.status_code == 200  # the form refuses the choice
    assert not Task.objects.filter(subject="S").exists()
    assert world.b.matter.title not in client.get(reverse("matters:task_new")).content.decode()


def test_lead_sees_the_task_in_the_inbox_and_accepts_it(client, world):
    login(client, world.a.lead)
    inbox = client.get(reverse("matters:inbox")).content.decode()
    assert world.a.task.number in inbox
    assert world.b.task.number not in inbox
    response = client.post(reverse("matters:task_accept", args=[world.a.task.pk]), follow=True)
    assert "You accepted task" in response.content.decode()
    world.a.task.refresh_from_db()
    assert world.a.task.status == Task.Status.ACCEPTED
    assert world.a.task.number not in client.get(reverse("matters:inbox")).content.decode()


def test_secretary_sees_the_phone_rule_refusal_as_a_message(client, world):
    task = f.TaskFactory(matter=world.a.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    login(client, world.secretary)
    page = client.get(reverse("matters:task_detail", args=[task.pk])).content.decode()
    assert reverse("matters:task_accept", args=[task.pk]) not in page  # no button
    response = client.post(reverse("matters:task_accept", args=[task.pk]), follow=True)
    assert "lead specialist" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Task.Status.SUBMITTED


def test_secretary_registers_a_phone_task_in_two_steps(client, world):
    login(client, world.secretary)
    found = client.get(reverse("matters:task_register"), {"q": "Альфа"}).content.decode()
    assert world.a.client.name in found
    assert world.b.client.name not in found
    form = client.get(reverse("matters:task_register"), {"client": world.a.client.pk}).content.decode()
    assert world.a.matter.number in form
    assert world.b.matter.number not in form
    response = client.post(
        reverse("matters:task_register"),
        {
            "client": world.a.client.pk,
            "matter": world.a.matter.pk,
            "channel": "phone",
            "requested_by_name": "Петров И. И.",
            "subject": "Звонок",
            "text": "Перезвонить по поводу иска.",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(subject="Звонок")
    assert (task.channel, task.registered_by) == ("phone", world.secretary)


def test_client_users_are_sent_to_their_own_form(client, world):
    login(client, world.a.user)
    assert client.get(reverse("matters:task_register")).status_code == 403


def test_decline_without_a_reason_shows_the_form_again(client, world):
    login(client, world.a.lead)
    response = client.post(reverse("matters:task_decline", args=[world.a.task.pk]), {"reason": ""})
    assert response.status_code == 400
    world.a.task.refresh_from_db()
    assert world.a.task.status == Task.Status.SUBMITTED


def test_home_is_each_roles_dashboard(client, world):
    assert client.get("/")["Location"].startswith(reverse("account_login"))
    login(client, world.a.user)
    assert 'class="card dash-matter"' in client.get("/").content.decode()
    login(client, world.a.lead)
    assert 'id="accept-title"' in client.get("/").content.decode()


def test_language_switch_is_remembered_on_the_account(client, world):
    login(client, world.a.user)
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/tasks/"})
    assert response["Location"] == "/tasks/"
    world.a.user.refresh_from_db()
    assert world.a.user.language == "ru"
    assert "Мои задачи" in client.get("/tasks/").content.decode()
    assert client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})["Location"] == "/"


def test_pages_carry_a_content_security_policy(client, world):
    login(client, world.a.user)
    response = client.get("/tasks/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def expiring_power(client, *, days):
    from tests.factories_powers import PowerFactory

    return PowerFactory(client=client, valid_until=timezone.localdate() + dt.timedelta(days=days))


@pytest.mark.parametrize("count", [1, 60])
def test_task_list_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for _ in range(count):
        newest = f.TaskFactory(matter=world.a.matter, registered_by=world.a.user)
        expiring_power(world.a.client, days=count % 30)
    login(client, world.a.user)
    # tasks with their client and matter; the powers of attorney expiring soon (the attention panel)
    with django_assert_num_queries(page_queries(2, client_user=True)):
        response = client.get(reverse("matters:task_list"))
    assert response.content.decode().count('class="badge badge-') == min(count + 1, 50)
    assert response.content.decode().count("Д-T-") == min(count, 20)  # the panel shows at most 20
    assert f'href="{reverse("matters:task_detail", args=[newest.pk])}"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 60])
def test_inbox_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for _ in range(count):
        f.TaskFactory(matter=world.a.matter, registered_by=world.a.user)
        expiring_power(world.a.client, days=count % 30)
    login(client, world.a.lead)
    with django_assert_num_queries(page_queries(2)):  # the inbox's tasks; the powers expiring soon
        response = client.get(reverse("matters:inbox"))
    assert response.content.decode().count('class="badge badge-') == min(count + 1, 50)
    assert response.content.decode().count("Д-T-") == min(count, 20)


@pytest.mark.parametrize("count", [1, 30])
def test_matter_list_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for _ in range(count):
        f.MatterFactory(client=world.a.client)
    login(client, world.a.user)
    # matters, their leads, the client's requests for new matters not opened yet
    with django_assert_num_queries(page_queries(3, client_user=True)):
        client.get(reverse("matters:matter_list"))


def test_pages_work_in_russian(client, world):
    world.a.user.language = "ru"
    world.a.user.save()
    login(client, world.a.user)
    page = client.get(reverse("matters:task_detail", args=[world.a.task.pk])).content.decode()
    assert "Задача" in page and "Скачать" in page and "подана" in page
