"""The PDF receipt of a task: rendered once, stored, readable, in Russian."""

import pytest
from django.urls import reverse

from matters import services
from matters.models import TaskReceipt
from tests.conftest import login, pdf_text

pytestmark = pytest.mark.django_db


def download(client, task):
    response = client.get(reverse("matters:task_receipt", args=[task.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"receipt-{task.number}.pdf" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def test_receipt_carries_the_number_the_cyrillic_text_and_who_accepted(client, world):
    world.a.user.language = "ru"
    world.a.user.save()
    services.task_accept(task=world.a.task, by=world.a.lead)
    login(client, world.a.user)
    text = pdf_text(download(client, world.a.task))
    assert world.a.task.number in text
    assert "Расписка о получении задачи" in text
    assert "договора поставки" in text  # the task's own Cyrillic text, not boxes
    assert world.a.lead.full_name in text
    assert "ИНН" in text  # the firm's details


def test_receipt_is_rendered_once_per_state_and_language(client, world):
    login(client, world.a.user)
    first = download(client, world.a.task)
    assert download(client, world.a.task) == first
    assert TaskReceipt.objects.filter(task=world.a.task).count() == 1
    services.task_accept(task=world.a.task, by=world.a.lead)
    assert "Accepted by" in pdf_text(download(client, world.a.task))
    assert TaskReceipt.objects.filter(task=world.a.task).count() == 2


def test_english_receipt_for_an_english_reader(client, world):
    login(client, world.a.user)
    text = pdf_text(download(client, world.a.task))
    assert f"Receipt of task No. {world.a.task.number}" in text
