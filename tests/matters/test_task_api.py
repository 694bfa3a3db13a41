"""The task API: the same rules as the pages, one error shape, a fixed number of queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from matters.models import Task
from tests import factories as f
from tests.conftest import api_for, api_queries, assert_error
from users.services_tokens import token_issue

pytestmark = pytest.mark.django_db


def test_client_lists_its_tasks(world):
    response = api_for(world.a.user).get("/api/tasks/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["number"] == world.a.task.number
    assert row["client"] == {"id": world.a.client.pk, "name": world.a.client.name}
    assert row["matter"]["number"] == world.a.matter.number
    assert row["status"] == "submitted"
    assert row["receipt_url"] == f"/api/tasks/{world.a.task.pk}/receipt/"


def test_list_filters_by_status(world):
    api = api_for(world.partner)
    assert len(api.get("/api/tasks/?status=submitted").json()["results"]) == 2
    assert api.get("/api/tasks/?status=accepted").json()["results"] == []


def test_client_submits_a_task_with_files_through_the_api(world):
    response = api_for(world.a.user).post(
        "/api/tasks/",
        {
            "subject": "Проверка договора",
            "text": "Прошу проверить договор аренды.",
            "matter": world.a.matter.pk,
            "files": [SimpleUploadedFile("аренда.pdf", b"%PDF-1.4", content_type="application/pdf")],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert body["channel"] == "portal"
    assert [a["name"] for a in body["attachments"]] == ["аренда.pdf"]
    assert Task.objects.get(pk=body["id"]).attachments.count() == 1


def test_secretary_registers_a_phone_task_through_the_api(world):
    response = api_for(world.secretary).post(
        "/api/tasks/",
        {
            "subject": "Звонок",
            "text": "Просьба перезвонить по иску.",
            "client": world.a.client.pk,
            "matter": world.a.matter.pk,
            "channel": "phone",
            "requested_by_name": "Петров И. И.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["channel"] == "phone"


def test_phone_rule_holds_through_the_api(world):
    task = f.TaskFactory(matter=world.a.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    error = assert_error(api_for(world.secretary).post(f"/api/tasks/{task.pk}/accept/"), 403, "not_permitted")
    assert "lead specialist" in error["message"]
    assert_error(api_for(world.a.specialist).post(f"/api/tasks/{task.pk}/accept/"), 403, "not_permitted")
    task.refresh_from_db()
    assert task.status == Task.Status.SUBMITTED
    response = api_for(world.a.lead).post(f"/api/tasks/{task.pk}/accept/")
    assert response.status_code == 200
    assert response.json()["accepted_by"]["id"] == world.a.lead.pk


def test_accept_twice_is_a_conflict(world):
    api = api_for(world.a.lead)
    assert api.post(f"/api/tasks/{world.a.task.pk}/accept/").status_code == 200
    assert_error(api.post(f"/api/tasks/{world.a.task.pk}/accept/"), 409, "invalid_state")


def test_decline_and_answer_through_the_api(world):
    api = api_for(world.a.lead)
    assert_error(api.post(f"/api/tasks/{world.a.task.pk}/decline/", {}, format="json"), 400, "invalid", ["reason"])
    response = api.post(f"/api/tasks/{world.b.task.pk}/decline/", {"reason": "x"}, format="json")
    assert response.status_code == 404
    response = api.post(f"/api/tasks/{world.a.task.pk}/decline/", {"reason": "Конфликт интересов"}, format="json")
    assert response.json()["status"] == "declined"
    other = f.TaskFactory(matter=world.a.matter, registered_by=world.a.user)
    api.post(f"/api/tasks/{other.pk}/accept/")
    response = api.post(f"/api/tasks/{other.pk}/answer/", {"answer": "Ответ по существу"}, format="json")
    assert response.json()["status"] == "answered"
    assert response.json()["answer"] == "Ответ по существu".replace("u", "у")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["subject", "text"]),
        ({"subject": "", "text": "t"}, ["subject"]),
        ({"subject": "s", "text": " "}, ["text"]),
    ],
)
def test_bad_input_gets_the_error_shape_and_changes_nothing(world, payload, fields):
    before = Task.objects.count()
    assert_error(api_for(world.a.user).post("/api/tasks/", payload, format="json"), 400, "invalid", fields)
    assert Task.objects.count() == before


def test_malformed_json_is_a_400_not_a_500(world):
    response = api_for(world.a.user).post("/api/tasks/", "{bad json", content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_non_numeric_matter_is_a_clean_error(world):
    assert_error(
        api_for(world.a.user).post("/api/tasks/", {"subject": "s", "text": "t", "matter": "x"}),
        400,
        "invalid",
    )
    # a query parameter that is not what the schema says is a 400 naming it (not a silent default, not a 404)
    assert_error(api_for(world.a.user).get("/api/tasks/?matter=abc"), 400, "invalid", ["matter"])


def test_firm_must_name_the_client_when_registering(world):
    response = api_for(world.secretary).post("/api/tasks/", {"subject": "s", "text": "t"}, format="json")
    assert_error(response, 400, "invalid", ["client"])


def test_errors_speak_the_callers_language(world):
    world.a.user.language = "ru"
    world.a.user.save()
    _token, key = token_issue(user=world.a.user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    error = assert_error(api.post("/api/tasks/", {"subject": "s", "text": "x" * 20_001}, format="json"), 400, "invalid")
    assert "Текст слишком длинный" in error["fields"]["text"][0]
    assert error["message"] == "Пожалуйста, исправьте ошибки ниже."


def test_token_is_issued_for_email_and_password(world):
    response = APIClient().post(
        "/api/auth/token/", {"email": world.a.user.email.upper(), "password": f.PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/me/").json()["id"] == world.a.user.pk
    assert_error(
        APIClient().post("/api/auth/token/", {"email": world.a.user.email, "password": "nope"}, format="json"),
        401,
        "authentication_failed",
    )


def test_token_needs_the_authenticator_code_when_mfa_is_on(world):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    secret = generate_totp_secret()
    TOTP.activate(world.a.user, secret)
    payload = {"email": world.a.user.email, "password": f.PASSWORD}
    assert_error(APIClient().post("/api/auth/token/", payload, format="json"), 401, "mfa_required")
    assert_error(APIClient().post("/api/auth/token/", {**payload, "code": "000000"}, format="json"), 401, "mfa_invalid")
    counter = list(yield_hotp_counters_from_time())[-1]
    code = format_hotp_value(hotp_value(secret, counter))
    assert APIClient().post("/api/auth/token/", {**payload, "code": code}, format="json").status_code == 200


def test_anonymous_gets_401_with_the_error_shape():
    assert_error(APIClient().get("/api/tasks/"), 401, "not_authenticated")


def test_receipt_through_the_api_is_a_pdf(world):
    response = api_for(world.a.user).get(f"/api/tasks/{world.a.task.pk}/receipt/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("count", [1, 30])
def test_task_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for _ in range(count):
        task = f.TaskFactory(matter=world.a.matter, registered_by=world.a.user)
        task.attachments.create(file="x.pdf", original_name="x.pdf", size=1, uploaded_by=world.a.user)
    api = api_for(world.a.user)
    # tasks (with client, matter, people) + their attachments
    with django_assert_num_queries(api_queries(2, client_user=True)):
        response = api.get("/api/tasks/")
    assert len(response.json()["results"]) == count + 1
    # Each row's URLs carry its own ids (the routes are reversed once per page, the ids put in).
    for row in response.json()["results"]:
        assert row["receipt_url"] == f"/api/tasks/{row['id']}/receipt/"
        for attachment in row["attachments"]:
            assert attachment["url"] == f"/tasks/{row['id']}/files/{attachment['id']}/"
    assert sum(len(row["attachments"]) for row in response.json()["results"]) == count


def test_each_list_row_is_what_the_tasks_own_get_writes(world):
    """The list writes its rows from plain values (TaskOutput.of_values), a single task through TaskOutput's
    fields: the two must stay the same, key for key and in the same order."""
    a = world.a
    answered = f.TaskFactory(
        matter=a.matter,
        registered_by=a.user,
        status=Task.Status.ANSWERED,
        accepted_by=a.lead,
        accepted_at=timezone.now(),
        answered_by=a.lead,
        answered_at=timezone.now(),
        answer="Ответ",
    )
    answered.attachments.create(file="a.pdf", original_name="договор.pdf", size=12345, uploaded_by=a.user)
    answered.attachments.create(file="b.pdf", original_name="ответ.pdf", size=7, uploaded_by=a.lead, with_answer=True)
    f.TaskFactory(
        matter=None,
        client=a.client,
        registered_by=world.secretary,
        channel=Task.Channel.PHONE,
        requested_by_name="Петров И. И.",
        follow_up_of=answered,
    )
    f.TaskFactory(
        matter=a.matter,
        registered_by=a.user,
        status=Task.Status.DECLINED,
        declined_by=a.lead,
        declined_at=timezone.now(),
        decline_reason="Не по делу",
    )
    for user, count in ((a.user, 4), (world.partner, 5)):  # the partner sees client B's task too
        api = api_for(user)
        rows = api.get("/api/tasks/").json(object_pairs_hook=list)[2][1]
        assert len(rows) == count
        for row in rows:
            detail = api.get(f"/api/tasks/{dict(row)['id']}/").json(object_pairs_hook=list)
            assert repr(row) == repr(detail)  # repr: `true` and `1` are equal in Python, not in JSON
        assert {len(dict(row)["attachments"]) for row in rows} == {0, 2}


@pytest.mark.parametrize("count", [1, 30])
def test_matter_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for _ in range(count):
        f.MatterFactory(client=world.a.client)
    with django_assert_num_queries(api_queries(2, client_user=True)):  # matters with clients + their leads
        response = api_for(world.a.user).get("/api/matters/")
    assert len(response.json()["results"]) == count + 1


def test_the_list_pages_through_a_cursor(world):
    for _ in range(55):
        f.TaskFactory(matter=world.a.matter, registered_by=world.a.user)
    api = api_for(world.a.user)
    first = api.get("/api/tasks/").json()
    assert len(first["results"]) == 50
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 6
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_schema_and_docs_are_served_from_local_assets(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in ("/api/tasks/", "/api/tasks/{id}/accept/", "/api/matters/", "/api/auth/token/"):
        assert path in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html
    assert client.get("/api/docs/?script=").status_code == 200
