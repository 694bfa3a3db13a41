"""Rule 4 through the API: the same rules as the pages, scoped, one error shape, fixed query counts."""

import pytest

from audit.models import AccessLogEntry
from clients.models import Disclosure, DisclosureQuestion
from clients.services import disclosures as services
from matters.models import Assignment
from tests import factories as f
from tests.conftest import api_for, api_queries, assert_error
from tests.factories_disclosures import DisclosureQuestionFactory

pytestmark = pytest.mark.django_db


def path(matter, tail=""):
    return f"/api/matters/{matter.pk}/disclosure/{tail}"


def test_an_empty_questionnaire_reads_as_revision_zero(world):
    body = api_for(world.a.user).get(path(world.a.matter)).json()
    assert body["revision"] == 0
    assert body["updated_by"] is None
    assert body["answers"] == dict.fromkeys(Disclosure.ANSWER_FIELDS, "")
    assert body["matter"]["number"] == world.a.matter.number
    assert body["questions_url"] == path(world.a.matter, "questions/")


def test_the_client_puts_the_questionnaire_and_changes_it(world):
    api = api_for(world.a.user)
    response = api.put(path(world.a.matter), {"doubts": "Сомнения.", "risk_points": "Риски."}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["revision"] == 1
    assert body["answers"]["doubts"] == "Сомнения."
    assert body["updated_by"] == {"id": world.a.user.pk, "name": world.a.user.full_name}

    # PUT is the whole questionnaire: what is left out is saved empty
    body = api.put(path(world.a.matter), {"doubts": "Иные сомнения."}, format="json").json()
    assert body["revision"] == 2
    assert body["answers"]["risk_points"] == ""
    # PATCH changes what it names
    body = api.patch(path(world.a.matter), {"other": "Ещё."}, format="json").json()
    assert body["revision"] == 3
    assert body["answers"]["doubts"] == "Иные сомнения."
    assert body["answers"]["other"] == "Ещё."

    revisions = api.get(path(world.a.matter, "revisions/")).json()["results"]
    assert [r["revision"] for r in revisions] == [2, 1]
    assert revisions[1]["answers"]["risk_points"] == "Риски."
    assert not AccessLogEntry.objects.exists()


def test_bad_input_answers_in_the_one_error_shape(world):
    api = api_for(world.a.user)
    assert_error(api.put(path(world.a.matter), {}, format="json"), 400, "invalid")
    assert_error(api.put(path(world.a.matter), {"doubts": "я" * 20_001}, format="json"), 400, "invalid", ["doubts"])
    assert not Disclosure.objects.exists()


def test_the_firm_cannot_put_the_clients_answers(world):
    assert_error(api_for(world.a.lead).put(path(world.a.matter), {"doubts": "x"}, format="json"), 403, "not_permitted")
    assert_error(
        api_for(world.a.lead).patch(path(world.a.matter), {"doubts": "x"}, format="json"), 403, "not_permitted"
    )
    assert not Disclosure.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_a_read_by_the_firm_is_logged(world):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers={"doubts": "Сомнения."})
    body = api_for(world.a.specialist).get(path(world.a.matter)).json()
    assert body["answers"]["doubts"] == "Сомнения."
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.client, entry.kind) == (world.a.specialist, world.a.client, "disclosure")


@pytest.mark.parametrize("tail", ["", "revisions/", "questions/"])
def test_attackers_get_404_on_every_disclosure_endpoint(world, tail):
    outsider = f.SpecialistFactory()
    for user in (world.b.user, world.b.lead, outsider, world.secretary):
        assert_error(api_for(user).get(path(world.a.matter, tail)), 404, "not_found")
    assert_error(api_for(world.b.user).put(path(world.a.matter), {"doubts": "x"}, format="json"), 404, "not_found")
    assert_error(api_for(world.b.lead).post(path(world.a.matter, "questions/"), {"question": "?"}), 404, "not_found")
    assert not AccessLogEntry.objects.exists()
    assert not DisclosureQuestion.objects.exists()


def test_an_assigned_secretary_reads_through_the_api(world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    assert api_for(world.secretary).get(path(world.a.matter)).status_code == 200


def test_questions_are_asked_listed_and_answered_once(world):
    asked = api_for(world.a.lead).post(path(world.a.matter, "questions/"), {"question": "Кто подписал?"})
    assert asked.status_code == 201, asked.content
    question = asked.json()
    assert question["asked_by"]["id"] == world.a.lead.pk
    assert question["answered_at"] is None

    client_api = api_for(world.a.user)
    listed = client_api.get(path(world.a.matter, "questions/")).json()["results"]
    assert [q["id"] for q in listed] == [question["id"]]
    assert client_api.get(path(world.a.matter)).json()["unanswered_questions"] == 1

    answered = client_api.post(question["answer_url"], {"answer": "Директор."})
    assert answered.status_code == 200, answered.content
    assert answered.json()["answer"] == "Директор."
    assert_error(client_api.post(question["answer_url"], {"answer": "Другое."}), 409, "invalid_state")
    assert_error(api_for(world.a.lead).post(question["answer_url"], {"answer": "Я."}), 403, "not_permitted")


def test_asking_needs_a_lawyer_and_text(world):
    assert_error(
        api_for(world.a.user).post(path(world.a.matter, "questions/"), {"question": "?"}), 403, "not_permitted"
    )
    assert_error(
        api_for(world.a.lead).post(path(world.a.matter, "questions/"), {"question": ""}), 400, "invalid", ["question"]
    )


def test_another_clients_question_cannot_be_answered(world):
    question = DisclosureQuestionFactory(matter=world.b.matter, asked_by=world.b.lead)
    assert_error(
        api_for(world.a.user).post(f"/api/disclosure-questions/{question.pk}/answer/", {"answer": "x"}),
        404,
        "not_found",
    )
    question.refresh_from_db()
    assert question.answered_at is None


@pytest.mark.parametrize("count", [1, 30])
def test_the_question_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    DisclosureQuestionFactory.create_batch(count, matter=world.a.matter, asked_by=world.a.lead)
    api = api_for(world.a.user)
    with django_assert_num_queries(api_queries(3, client_user=True)):  # the matter, the access check, the page
        response = api.get(path(world.a.matter, "questions/"))
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_the_revision_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for n in range(count + 1):
        services.disclosure_save(matter=world.a.matter, by=world.a.user, answers={"doubts": f"Версия {n}"})
    api = api_for(world.a.user)
    with django_assert_num_queries(api_queries(3, client_user=True)):  # the matter, the access check, the page
        response = api.get(path(world.a.matter, "revisions/"))
    assert len(response.json()["results"]) == count


def test_the_schema_documents_every_endpoint_of_the_area_with_the_error_shape(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    expected = {
        "/api/matters/{id}/disclosure/": {"get", "put", "patch"},
        "/api/matters/{id}/disclosure/revisions/": {"get"},
        "/api/matters/{id}/disclosure/questions/": {"get", "post"},
        "/api/disclosure-questions/{id}/answer/": {"post"},
        "/api/terms/": {"get"},
        "/api/terms/accept/": {"post"},
        "/api/clients/{id}/agreement/": {"get"},
        "/api/access-log/": {"get"},
    }
    for path_name, methods in expected.items():
        assert methods <= set(paths[path_name]), path_name
        for method in methods:
            responses = paths[path_name][method]["responses"]
            assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOutput")
    hint = schema["components"]["schemas"]["DisclosureAnswers"]["properties"]["doubts"]["description"]
    assert "even if you are not sure" in hint


def test_reading_the_questions_and_answers_is_logged_for_the_firm(world):
    world.a.client.language = "en"  # the log is written in the client's language
    world.a.client.save(update_fields=["language"])
    DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead)
    api_for(world.a.user).get(path(world.a.matter, "questions/"))
    assert not AccessLogEntry.objects.exists()
    api_for(world.a.lead).get(path(world.a.matter, "questions/"))
    assert "Follow-up questions" in AccessLogEntry.objects.get(user=world.a.lead).description
