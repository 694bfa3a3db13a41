"""Documents of matters (task attachments, receipts): scoped for secretaries, and every staff download logged."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import AccessLogEntry
from matters.models import Assignment, Task
from tests import factories as f
from tests.conftest import login
from tests.factories_disclosures import TaskAttachmentFactory

pytestmark = pytest.mark.django_db


def attachment_url(attachment):
    return reverse("matters:task_attachment", kwargs={"task_pk": attachment.task_id, "pk": attachment.pk})


def receipt_url(task):
    return reverse("matters:task_receipt", kwargs={"pk": task.pk})


def test_an_unassigned_secretary_gets_404_for_the_matters_documents(client, world):
    attachment = TaskAttachmentFactory(task=world.a.task)
    login(client, world.secretary)
    assert client.get(attachment_url(attachment)).status_code == 404
    assert client.get(receipt_url(world.a.task)).status_code == 404
    assert client.get(reverse("matters:task_detail", args=[world.a.task.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(world.secretary)
    assert api.get(f"/api/tasks/{world.a.task.pk}/receipt/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_an_assigned_secretary_downloads_them_and_is_logged(client, world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    attachment = TaskAttachmentFactory(task=world.a.task)
    login(client, world.secretary)
    response = client.get(attachment_url(attachment), REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.client, entry.matter) == (world.secretary, world.a.client, world.a.matter)
    assert (entry.kind, entry.action, entry.object_id) == ("document", "download", attachment.pk)
    assert "договор.pdf" in entry.description and world.a.task.number in entry.description
    assert entry.ip_address == "192.0.2.44"


def test_a_secretary_keeps_the_tasks_it_registered_itself(client, world):
    """It typed the task in from a letter or a call: it already holds what it registered."""
    own = f.TaskFactory(matter=world.b.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    attachment = TaskAttachmentFactory(task=own, uploaded_by=world.secretary)
    login(client, world.secretary)
    assert client.get(attachment_url(attachment)).status_code == 200
    assert AccessLogEntry.objects.get().user == world.secretary


def test_lawyers_downloads_of_attachments_and_receipts_are_logged(client, world):
    world.a.client.language = "en"  # the log is written in the client's language
    world.a.client.save(update_fields=["language"])
    attachment = TaskAttachmentFactory(task=world.a.task)
    login(client, world.a.specialist)
    assert client.get(attachment_url(attachment)).status_code == 200
    assert client.get(receipt_url(world.a.task)).status_code == 200
    entries = AccessLogEntry.objects.filter(user=world.a.specialist).order_by("id")
    assert [e.description.split(" ")[0] for e in entries] == ["Attachment", "Receipt"]
    assert entries[1].object_id == world.a.task.pk


def test_a_receipt_through_the_api_is_logged_for_the_firm(world):
    api = APIClient()
    api.force_authenticate(world.partner)
    assert api.get(f"/api/tasks/{world.b.task.pk}/receipt/").status_code == 200
    assert AccessLogEntry.objects.get().client == world.b.client


def test_the_clients_own_downloads_are_not_logged(client, world):
    attachment = TaskAttachmentFactory(task=world.a.task)
    login(client, world.a.user)
    assert client.get(attachment_url(attachment)).status_code == 200
    assert client.get(receipt_url(world.a.task)).status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_other_sides_documents_are_404_and_not_logged(client, world):
    attachment = TaskAttachmentFactory(task=world.a.task)
    for user in (world.b.user, world.b.lead, world.b.specialist):
        login(client, user)
        assert client.get(attachment_url(attachment)).status_code == 404
        assert client.get(receipt_url(world.a.task)).status_code == 404
        # B's own task id with A's attachment id
        crossed = reverse("matters:task_attachment", kwargs={"task_pk": world.b.task.pk, "pk": attachment.pk})
        assert client.get(crossed).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_client_sees_the_download_on_its_privacy_page(client, world):
    attachment = TaskAttachmentFactory(task=world.a.task)
    login(client, world.a.lead)
    client.get(attachment_url(attachment))
    login(client, world.a.user)
    page = client.get(reverse("audit:my_access_log")).content.decode()
    assert world.a.lead.full_name in page
    assert "договор.pdf" in page
