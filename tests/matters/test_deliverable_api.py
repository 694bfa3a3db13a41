"""The results-of-work API: prepare, release, deliver, confirm, download; one error shape; fixed query counts."""

import datetime as dt

import pytest
from django.utils import timezone

from audit.models import AccessLogEntry
from matters.models import Deliverable, Delivery, Task
from matters.services import deliverables as svc
from matters.services import task_accept
from tests.conftest import api_for, api_queries, assert_error
from tests.factories_deliverables import DeliverableFactory, upload

pytestmark = pytest.mark.django_db


def test_a_specialist_prepares_a_draft_answering_a_task(world):
    task = task_accept(task=world.a.task, by=world.a.lead)
    response = api_for(world.a.specialist).post(
        f"/api/matters/{world.a.matter.pk}/deliverables/",
        {"kind": "opinion", "title": "Заключение", "summary": "Кратко.", "task": task.pk, "files": [upload()]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["task"] == {"id": task.pk, "number": task.number}
    [stored] = body["files"]
    assert stored["name"] == "заключение.pdf"
    assert stored["url"] == f"/api/deliverables/{body['id']}/files/{stored['id']}/"
    assert body["deliveries"] == []


def test_bad_input_answers_in_the_one_error_shape(world):
    api = api_for(world.a.specialist)
    url = f"/api/matters/{world.a.matter.pk}/deliverables/"
    assert_error(
        api.post(url, {"kind": "poem", "title": "T", "summary": "S"}, format="multipart"), 400, "invalid", ["kind"]
    )
    bad_file = {"kind": "opinion", "title": "T", "summary": "S", "files": [upload("x.exe", b"MZ")]}
    assert_error(api.post(url, bad_file, format="multipart"), 400, "invalid", ["files"])
    assert not Deliverable.objects.exists()


def test_the_client_cannot_prepare(world):
    response = api_for(world.a.user).post(
        f"/api/matters/{world.a.matter.pk}/deliverables/", {"kind": "opinion", "title": "T", "summary": "S"}
    )
    assert_error(response, 403, "not_permitted")


def test_release_with_email_then_courier_then_delivered_then_confirm(world):
    draft = DeliverableFactory(matter=world.a.matter)
    lead = api_for(world.a.lead)
    response = lead.post(
        f"/api/deliverables/{draft.pk}/release/", {"channel": "email", "recipient": world.a.user.email}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "released" and body["released_by"]["id"] == world.a.lead.pk
    [email] = body["deliveries"]
    assert email["channel"] == "email" and email["email_sent_at"] is None and email["overdue"] is False

    assert_error(
        lead.post(
            f"/api/deliverables/{draft.pk}/deliveries/", {"channel": "courier", "recipient": "офис"}, format="json"
        ),
        400,
        "invalid",
        ["tracking_number"],
    )
    response = lead.post(
        f"/api/deliverables/{draft.pk}/deliveries/",
        {"channel": "courier", "recipient": "офис", "tracking_number": "CDEK-9"},
        format="json",
    )
    assert response.status_code == 201
    courier = response.json()
    assert courier["tracking_number"] == "CDEK-9" and courier["delivered_at"] is None

    response = lead.post(f"/api/deliveries/{courier['id']}/delivered/", {}, format="json")
    assert response.status_code == 200 and response.json()["delivered_at"]
    assert_error(lead.post(f"/api/deliveries/{courier['id']}/delivered/", {}, format="json"), 409, "invalid_state")

    assert_error(lead.post(f"/api/deliveries/{courier['id']}/confirm/"), 403, "not_permitted")
    client = api_for(world.a.user)
    response = client.post(f"/api/deliveries/{courier['id']}/confirm/")
    assert response.status_code == 200
    assert response.json()["confirmed_by"] == {"id": world.a.user.pk, "name": world.a.user.full_name}
    assert_error(client.post(f"/api/deliveries/{courier['id']}/confirm/"), 409, "invalid_state")


def test_only_the_lead_releases_through_the_api(world):
    draft = DeliverableFactory(matter=world.a.matter)
    assert_error(api_for(world.a.specialist).post(f"/api/deliverables/{draft.pk}/release/"), 403, "not_permitted")
    svc.deliverable_release(deliverable=draft, by=world.a.lead)
    assert_error(api_for(world.a.lead).post(f"/api/deliverables/{draft.pk}/release/"), 409, "invalid_state")


def test_the_client_downloads_a_released_file_and_the_firms_download_is_logged(world):
    released = svc.deliverable_release(
        deliverable=DeliverableFactory(matter=world.a.matter), by=world.a.lead, channel="portal"
    )
    stored = released.files.get()
    url = f"/api/deliverables/{released.pk}/files/{stored.pk}/"
    response = api_for(world.a.user).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert Delivery.objects.get().delivered_at is not None
    assert not AccessLogEntry.objects.exists()
    assert api_for(world.a.lead).get(url).status_code == 200
    assert AccessLogEntry.objects.get().user == world.a.lead


def test_overdue_shows_in_the_api(world):
    released = svc.deliverable_release(
        deliverable=DeliverableFactory(matter=world.a.matter), by=world.a.lead, channel="portal"
    )
    Delivery.objects.update(confirm_by=timezone.now() - dt.timedelta(minutes=1))
    [delivery] = api_for(world.a.lead).get(f"/api/deliverables/{released.pk}/").json()["deliveries"]
    assert delivery["overdue"] is True


def test_releasing_through_the_api_answers_the_task(world):
    task = task_accept(task=world.a.task, by=world.a.lead)
    draft = DeliverableFactory(matter=world.a.matter, task=task)
    api_for(world.a.lead).post(f"/api/deliverables/{draft.pk}/release/")
    assert Task.objects.get(pk=task.pk).status == Task.Status.ANSWERED


def test_the_schema_documents_the_endpoints(world, client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/matters/{id}/deliverables/",
        "/api/deliverables/{id}/release/",
        "/api/deliverables/{id}/deliveries/",
        "/api/deliverables/{id}/files/{file_id}/",
        "/api/deliveries/{id}/delivered/",
        "/api/deliveries/{id}/confirm/",
    ):
        assert path in schema, path


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for i in range(count):
        item = DeliverableFactory(matter=world.a.matter, files=2)
        svc.deliverable_release(
            deliverable=item,
            by=world.a.lead,
            channel="email" if i % 2 else "portal",
            recipient=world.a.user.email if i % 2 else "",
        )
    # the matter; the results with people and task; their files; their deliveries with people and e-mail
    with django_assert_num_queries(api_queries(4, client_user=True)):
        response = api_for(world.a.user).get(f"/api/matters/{world.a.matter.pk}/deliverables/")
    assert len(response.json()["results"]) == count
    with django_assert_num_queries(api_queries(4)):
        response = api_for(world.a.lead).get(f"/api/matters/{world.a.matter.pk}/deliverables/")
    assert len(response.json()["results"]) == count
