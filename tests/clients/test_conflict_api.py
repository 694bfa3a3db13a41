"""`POST /api/conflict-checks/` and `GET /api/conflict-checks/<id>/`: exactly the issue's shape, scoped."""

import pytest
from rest_framework.test import APIClient

from clients.models import ConflictCheck, PartyRole
from tests import factories_intake as fi
from tests.conftest import api_for, assert_error

pytestmark = pytest.mark.django_db

HIT_KEYS = {"query", "matched_name", "score", "reason", "role", "client", "matter"}
ROLES = {"client", "opponent", "co_party", "third_party", "related"}


def assert_check_shape(body):
    assert set(body) == {"id", "outcome", "hits"}
    assert isinstance(body["id"], int)
    assert body["outcome"] in ("clear", "hits")
    assert isinstance(body["hits"], list)
    assert (body["outcome"] == "hits") == bool(body["hits"])
    for hit in body["hits"]:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["query"], str) and isinstance(hit["matched_name"], str)
        assert isinstance(hit["score"], float) and 0.0 <= hit["score"] <= 1.0
        assert isinstance(hit["reason"], str) and hit["reason"]
        assert hit["role"] in ROLES
        assert isinstance(hit["client"], int)
        assert hit["matter"] is None or isinstance(hit["matter"], int)


@pytest.fixture
def firm(world):
    """Альфа (a client) has Вектор as its opponent; Сидоров is a client of its own."""
    vector_inn = fi.inn10()
    matter = fi.matter_with(world.a.client, ("ООО «Вектор»", PartyRole.OPPONENT, {"inn": vector_inn}))
    sidorov = fi.person("Сидоров Пётр Николаевич")
    return {"matter": matter, "vector_inn": vector_inn, "sidorov": sidorov}


def test_a_partner_checks_parties_and_gets_exactly_the_issues_shape(world, firm):
    response = api_for(world.partner).post(
        "/api/conflict-checks/",
        {
            "parties": [
                {"name": "Vektor LLC"},
                {"name": "Sidorov Petr", "inn": "", "ogrn": ""},
                {"name": "ООО «Никто»", "inn": fi.inn10()},
            ]
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert_check_shape(body)
    assert body["outcome"] == "hits"
    by_query = {h["query"]: h for h in body["hits"]}
    assert set(by_query) == {"Vektor LLC", "Sidorov Petr"}
    vector = by_query["Vektor LLC"]
    assert (vector["matched_name"], vector["role"], vector["client"], vector["matter"]) == (
        "ООО «Вектор»",
        "opponent",
        world.a.client.pk,
        firm["matter"].pk,
    )
    assert "transliteration" in vector["reason"]
    sidorov = by_query["Sidorov Petr"]
    assert (sidorov["role"], sidorov["client"], sidorov["matter"]) == ("client", firm["sidorov"].pk, None)
    check = ConflictCheck.objects.get(pk=body["id"])
    assert (check.purpose, check.created_by) == ("adhoc", world.partner)


def test_a_clear_check_answers_clear_with_no_hits(world, firm):
    response = api_for(world.a.lead).post(
        "/api/conflict-checks/", {"parties": [{"name": "ООО «Никто»"}]}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert_check_shape(body)
    assert body == {"id": body["id"], "outcome": "clear", "hits": []}


def test_an_equal_inn_is_a_hit_with_score_one(world, firm):
    response = api_for(world.partner).post(
        "/api/conflict-checks/", {"parties": [{"name": "Другое имя", "inn": firm["vector_inn"]}]}, format="json"
    )
    [hit] = response.json()["hits"]
    assert (hit["score"], hit["reason"], hit["matter"]) == (1.0, "same INN", firm["matter"].pk)


def test_the_check_reads_back_the_same(world, firm):
    api = api_for(world.partner)
    created = api.post("/api/conflict-checks/", {"parties": [{"name": "ООО Вектор"}]}, format="json").json()
    response = api.get(f"/api/conflict-checks/{created['id']}/")
    assert response.status_code == 200
    assert response.json() == created


@pytest.mark.parametrize("who", ["secretary", "specialist", "client"])
def test_only_partners_and_leads_may_post_a_check(world, firm, who):
    user = {"secretary": world.secretary, "specialist": world.a.specialist, "client": world.a.user}[who]
    response = api_for(user).post("/api/conflict-checks/", {"parties": [{"name": "ООО «Вектор»"}]}, format="json")
    assert_error(response, 403, "not_permitted")
    assert not ConflictCheck.objects.exists()


def test_an_anonymous_caller_is_refused(world):
    response = APIClient().post("/api/conflict-checks/", {"parties": [{"name": "X"}]}, format="json")
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"error"}


def test_a_lead_cannot_read_a_partners_ad_hoc_check(world, firm):
    created = (
        api_for(world.partner)
        .post("/api/conflict-checks/", {"parties": [{"name": "ООО «Вектор»"}]}, format="json")
        .json()
    )
    assert_error(api_for(world.a.lead).get(f"/api/conflict-checks/{created['id']}/"), 404, "not_found")
    for user in (world.secretary, world.a.user, world.a.specialist):
        assert_error(api_for(user).get(f"/api/conflict-checks/{created['id']}/"), 404, "not_found")


def test_a_lead_reads_its_own_check_and_not_another_leads(world, firm):
    mine = api_for(world.a.lead).post("/api/conflict-checks/", {"parties": [{"name": "X"}]}, format="json").json()
    assert api_for(world.a.lead).get(f"/api/conflict-checks/{mine['id']}/").status_code == 200
    assert_error(api_for(world.b.lead).get(f"/api/conflict-checks/{mine['id']}/"), 404, "not_found")
    assert api_for(world.partner).get(f"/api/conflict-checks/{mine['id']}/").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"parties": []}, "parties"),
        ({}, "parties"),
        ({"parties": [{"name": f"ООО «Фирма {n}»"} for n in range(60)]}, "parties"),
        ({"parties": [{"name": "ООО «Вектор»", "inn": "77O7O83893"}]}, "parties"),
        ({"parties": [{"name": "ООО «Вектор»", "ogrn": "12345"}]}, "parties"),
        ({"parties": [{"name": "Я" * 501}]}, "parties"),
        ({"parties": "ООО «Вектор»"}, "parties"),
        ({"parties": [{"name": ""}]}, "parties"),
    ],
)
def test_bad_input_answers_400_with_fields_and_records_nothing(world, body, field):
    response = api_for(world.partner).post("/api/conflict-checks/", body, format="json")
    error = assert_error(response, 400, "invalid", fields=[field])
    assert all(isinstance(m, str) for m in error["fields"][field])
    assert not ConflictCheck.objects.exists()


def test_unknown_ids_answer_404(world):
    assert_error(api_for(world.partner).get("/api/conflict-checks/999999/"), 404, "not_found")


def test_the_reason_is_the_recorded_english_even_for_a_russian_caller(world, firm):
    world.partner.language = "ru"
    world.partner.save(update_fields=["language"])
    body = api_for(world.partner).post("/api/conflict-checks/", {"parties": [{"name": "Vektor"}]}, format="json").json()
    assert body["hits"][0]["reason"] == ConflictCheck.objects.get(pk=body["id"]).hits.get().reason


def test_the_schema_documents_the_endpoints(client, world):
    from tests.conftest import login

    login(client, world.partner)
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/conflict-checks/", "/api/intakes/", "/api/matter-requests/", "/api/clients/"):
        assert path in schema
