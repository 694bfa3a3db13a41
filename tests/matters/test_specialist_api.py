"""The directory and the client's requests through the API: scoped, one error shape, fixed queries."""

import pytest

from matters.models import Assignment, SpecialistRequest
from tests import factories as f
from tests.conftest import api_for, api_queries, assert_error
from tests.factories_powers import PracticeAreaFactory, ProfileFactory, png_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def star(world):
    area = PracticeAreaFactory(name_ru="Налоги", name_en="Tax")
    return ProfileFactory(
        user=f.LeadFactory(full_name="Орлов Дмитрий Сергеевич"),
        position="Ведущий юрист",
        position_en="Senior associate",
        is_advocate=True,
        advocate_registry_number="66/2345",
        areas=[area],
        photo=png_photo(),
    )


def test_directory_in_the_readers_language_without_identification(world, star):
    ProfileFactory(user=world.b.lead, is_listed=False)
    rows = api_for(world.a.user).get("/api/specialists/").json()["results"]
    assert [row["name"] for row in rows] == ["Орлов Дмитрий Сергеевич"]
    [row] = rows
    assert row["id"] == star.user_id and row["position"] == "Senior associate"
    assert row["practice_areas"][0]["name"] == "Tax"
    assert row["is_advocate"] is True and row["advocate_registry_number"] == "66/2345"
    assert row["photo_url"] == f"/specialists/{star.user_id}/photo/"
    assert "id_document" not in row and "birth_date" not in row
    world.a.user.language = "ru"
    world.a.user.save()
    assert api_for(world.a.user).get("/api/specialists/").json()["results"][0]["position"] == "Ведущий юрист"


def test_directory_filters_and_detail(world, star):
    api = api_for(world.a.user)
    area = star.practice_areas.get()
    assert len(api.get("/api/specialists/", {"area": area.pk}).json()["results"]) == 1
    assert api.get("/api/specialists/", {"language": "klingon"}).json()["results"] == []
    assert_error(api.get("/api/specialists/", {"area": "x"}), 400, "invalid", ("area",))
    assert_error(api.get("/api/specialists/", {"area": 999999}), 400, "invalid", ("area",))
    detail = api.get(f"/api/specialists/{star.user_id}/").json()
    assert detail["biography"] == "Handles commercial litigation."
    assert_error(api.get(f"/api/specialists/{world.b.lead.pk}/"), 404, "not_found")


def test_client_requests_and_partner_grants_through_the_api(world, star):
    created = api_for(world.a.user).post(
        f"/api/matters/{world.a.matter.pk}/specialist-requests/",
        {"specialist": star.user_id, "note": "Просим Орлова"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "pending" and body["event"] == "" and body["specialist"]["id"] == star.user_id
    answered = api_for(world.partner).post(
        f"/api/specialist-requests/{body['id']}/answer/", {"grant": True}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["status"] == "granted"
    assert Assignment.objects.filter(matter=world.a.matter, user=star.user).exists()
    assert [r["id"] for r in api_for(world.a.user).get("/api/specialist-requests/").json()["results"]] == [body["id"]]
    assert api_for(world.b.user).get("/api/specialist-requests/").json()["results"] == []


def test_refusal_needs_a_reason_and_only_a_partner_answers(world, star):
    item = SpecialistRequest.objects.create(matter=world.a.matter, specialist=star.user, requested_by=world.a.user)
    url = f"/api/specialist-requests/{item.pk}/answer/"
    assert_error(api_for(world.partner).post(url, {"grant": False}, format="json"), 400, "invalid", ("reason",))
    assert_error(api_for(world.partner).post(url, {}, format="json"), 400, "invalid", ("grant",))
    assert_error(api_for(world.a.lead).post(url, {"grant": True}, format="json"), 403, "not_permitted")
    assert_error(api_for(world.a.specialist).post(url, {"grant": True}, format="json"), 403, "not_permitted")
    assert_error(api_for(world.b.lead).post(url, {"grant": True}, format="json"), 404, "not_found")
    refused = api_for(world.partner).post(url, {"grant": False, "reason": "Занят"}, format="json").json()
    assert (refused["status"], refused["refusal_reason"]) == ("refused", "Занят")
    assert_error(api_for(world.partner).post(url, {"grant": True}, format="json"), 409, "invalid_state")


def test_request_errors(world, star):
    api = api_for(world.a.user)
    url = f"/api/matters/{world.a.matter.pk}/specialist-requests/"
    assert_error(api.post(url, {}, format="json"), 400, "invalid", ("specialist",))
    assert_error(api.post(url, {"specialist": 999999}, format="json"), 400, "invalid", ("specialist",))
    assert_error(api.post(url, {"specialist": world.secretary.pk}, format="json"), 400, "invalid", ("specialist",))
    assert_error(
        api.post(f"/api/matters/{world.b.matter.pk}/specialist-requests/", {"specialist": star.user_id}, format="json"),
        404,
        "not_found",
    )
    assert_error(api_for(world.a.lead).post(url, {"specialist": star.user_id}, format="json"), 403, "not_permitted")
    api.post(url, {"specialist": star.user_id}, format="json")
    assert_error(api.post(url, {"specialist": star.user_id}, format="json"), 409, "invalid_state")


@pytest.mark.parametrize("count", [1, 30])
def test_directory_endpoint_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    areas = [PracticeAreaFactory(), PracticeAreaFactory()]
    for _ in range(count):
        ProfileFactory(areas=areas)
    with django_assert_num_queries(api_queries(2, client_user=True)):  # profiles with people, their areas
        response = api_for(world.a.user).get("/api/specialists/")
    assert len(response.json()["results"]) == count


def test_directory_pages_by_cursor(world):
    for _ in range(3):
        ProfileFactory()
    first = api_for(world.a.user).get("/api/specialists/", {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = api_for(world.a.user).get(first["next"]).json()
    assert len(second["results"]) == 1
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})
