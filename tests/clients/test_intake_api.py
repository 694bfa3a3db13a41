"""The intake API: the same rules as the pages, the one error shape, a fixed number of queries."""

import pytest

from clients.models import Client, ConflictDecision, Intake
from clients.services import intake as services
from notices.models import Notice
from tests import factories_intake as fi
from tests.conftest import api_for, api_queries, assert_error

pytestmark = pytest.mark.django_db

INTAKE_KEYS = {
    "id",
    "kind",
    "status",
    "client",
    "title",
    "description",
    "lead",
    "matter",
    "parties",
    "created_at",
    "closed_at",
    "conflict_check",
}


@pytest.fixture
def vector(world):
    """ООО «Вектор» is the opponent in Альфа's matter."""
    return fi.matter_with(world.a.client, "ООО «Вектор»")


def test_staff_take_in_a_clear_new_client_with_its_first_matter(world):
    inn = fi.inn10()
    response = api_for(world.secretary).post(
        "/api/intakes/",
        {
            "new_client": {"kind": "organisation", "name": "ООО «Новый»", "inn": inn, "email": "a@new.test"},
            "title": "Сопровождение сделки",
            "lead": world.a.lead.pk,
            "parties": [{"name": "ООО «Продавец»", "role": "co_party"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == INTAKE_KEYS - {"description", "parties"}  # the front desk: scheduling facts only
    assert (body["kind"], body["status"], body["title"]) == ("new_client", "opened", "Сопровождение сделки")
    assert body["client"]["name"] == "ООО «Новый»"
    assert body["lead"] == {"id": world.a.lead.pk, "name": world.a.lead.full_name}
    assert body["matter"]["number"] and body["matter"]["title"] == "Сопровождение сделки"
    assert body["conflict_check"] is None  # a secretary does not read checks
    as_lead = api_for(world.a.lead).get(f"/api/intakes/{body['id']}/").json()
    assert set(as_lead) == INTAKE_KEYS
    assert as_lead["parties"] == [
        {"role": "co_party", "kind": "organisation", "name": "ООО «Продавец»", "inn": "", "ogrn": "", "note": ""}
    ]


def test_a_blocked_intake_and_a_partners_decision_through_the_api(world, vector):
    created = (
        api_for(world.secretary)
        .post(
            "/api/intakes/",
            {"new_client": {"kind": "organisation", "name": "Vektor LLC"}, "title": "Иск", "lead": world.a.lead.pk},
            format="json",
        )
        .json()
    )
    assert created["status"] == "blocked" and created["matter"] is None
    partner_view = api_for(world.partner).get(f"/api/intakes/{created['id']}/").json()
    check_id = partner_view["conflict_check"]
    check = api_for(world.partner).get(f"/api/conflict-checks/{check_id}/").json()
    assert [h["matched_name"] for h in check["hits"]] == ["ООО «Вектор»"]

    assert_error(
        api_for(world.a.lead).post(
            f"/api/intakes/{created['id']}/decide/", {"decision": "clear", "reason": "x"}, format="json"
        ),
        403,
        "not_permitted",
    )
    response = api_for(world.partner).post(
        f"/api/intakes/{created['id']}/decide/", {"decision": "clear", "reason": "Другой Вектор"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "opened" and response.json()["matter"] is not None
    assert_error(
        api_for(world.partner).post(
            f"/api/intakes/{created['id']}/decide/", {"decision": "decline", "reason": "x"}, format="json"
        ),
        409,
        "invalid_state",
    )
    assert ConflictDecision.objects.count() == 1


def test_a_partner_declines_and_the_existing_client_is_told(world, vector):
    created = (
        api_for(world.partner)
        .post("/api/intakes/", {"new_client": {"kind": "organisation", "name": "ООО «Вектор»"}}, format="json")
        .json()
    )
    response = api_for(world.partner).post(
        f"/api/intakes/{created['id']}/decide/", {"decision": "decline", "reason": "Противник Альфы"}, format="json"
    )
    assert response.json()["status"] == "refused"
    assert {n.recipient for n in Notice.objects.filter(kind="conflict_declined")} == {world.a.user}


def test_a_new_matter_for_an_existing_client_by_its_id(world):
    response = api_for(world.partner).post(
        "/api/intakes/",
        {"client": world.b.client.pk, "title": "Второе дело", "lead": world.b.lead.pk},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["status"]) == ("new_matter", "opened")


def test_a_lead_cannot_take_a_matter_for_another_leads_client(world):
    response = api_for(world.a.lead).post(
        "/api/intakes/", {"client": world.b.client.pk, "title": "Дело", "lead": world.a.lead.pk}, format="json"
    )
    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, ["client"]),
        ({"client": 1, "new_client": {"kind": "person", "name": "X"}}, ["client"]),
        ({"new_client": {"kind": "organisation", "name": "ООО «А»", "inn": "7707083894"}}, ["new_client.inn"]),
        (
            {"new_client": {"kind": "person", "name": "Иванов Иван", "kpp": "770701001", "ogrn": "1027700132195"}},
            ["new_client.kpp", "new_client.ogrn"],
        ),
        ({"new_client": {"kind": "organisation", "name": "ООО «А»"}, "title": "Дело"}, ["lead"]),
        ({"new_client": {"kind": "organisation", "name": "ООО «А»"}, "title": "Дело", "lead": 999999}, ["lead"]),
        ({"new_client": {"kind": "organisation", "name": "ООО «А»"}, "parties": [{"inn": "7707083893"}]}, ["parties"]),
        ({"new_client": {"kind": "robot", "name": "ООО «А»"}}, ["new_client"]),
    ],
)
def test_bad_intake_input_answers_400_naming_the_fields_and_creates_nothing(world, body, fields):
    response = api_for(world.partner).post("/api/intakes/", body, format="json")
    assert_error(response, 400, "invalid", fields=fields)
    assert not Intake.objects.exists()
    assert not Client.objects.filter(name="ООО «А»").exists()


@pytest.mark.parametrize("who", ["specialist", "client"])
def test_only_the_front_desk_posts_intakes(world, who):
    user = world.a.specialist if who == "specialist" else world.a.user
    response = api_for(user).post(
        "/api/intakes/", {"new_client": {"kind": "organisation", "name": "ООО «А»"}}, format="json"
    )
    assert_error(response, 403, "not_permitted")


def test_a_client_user_requests_a_matter_and_sees_only_its_status(world, vector):
    api = api_for(world.b.user)
    response = api.post(
        "/api/matter-requests/",
        {"title": "Иск к Альфе", "description": "Долг", "parties": [{"name": "ООО «Альфа»"}]},
        format="json",
    )
    assert response.status_code == 201, response.content
    intake_id = response.json()["id"]
    assert response.json()["status"] == "requested"
    services.intake_process(intake=Intake.objects.get(pk=intake_id), by=world.partner, lead=world.b.lead)
    assert Intake.objects.get(pk=intake_id).status == Intake.Status.BLOCKED
    body = api.get(f"/api/intakes/{intake_id}/").json()
    assert body["status"] == "requested"  # "under review" until the firm decides
    assert body["conflict_check"] is None
    assert [row["id"] for row in api.get("/api/intakes/").json()["results"]] == [intake_id]


def test_the_firm_cannot_post_a_client_request(world):
    response = api_for(world.secretary).post(
        "/api/matter-requests/", {"title": "Дело", "description": "Описание"}, format="json"
    )
    assert_error(response, 403, "not_permitted")


def test_a_client_request_without_a_description_is_refused(world):
    response = api_for(world.a.user).post("/api/matter-requests/", {"title": "Дело"}, format="json")
    assert_error(response, 400, "invalid", fields=["description"])


def test_staff_process_a_request_through_the_api(world):
    intake = services.intake_request_matter(client_user=world.a.user, title="Дело", description="Описание")
    assert_error(
        api_for(world.secretary).post(f"/api/intakes/{intake.pk}/process/", {"lead": world.a.specialist.pk}),
        400,
        "invalid",
        fields=["lead"],
    )
    response = api_for(world.secretary).post(f"/api/intakes/{intake.pk}/process/", {"lead": world.a.lead.pk})
    assert response.status_code == 200
    assert response.json()["status"] == "opened"
    assert_error(
        api_for(world.a.user).post(f"/api/intakes/{intake.pk}/process/", {"lead": world.a.lead.pk}),
        403,
        "not_permitted",
    )


def test_another_clients_intake_is_404_everywhere(world):
    theirs = services.intake_request_matter(client_user=world.b.user, title="Секрет Беты", description="Описание")
    api = api_for(world.a.user)
    assert_error(api.get(f"/api/intakes/{theirs.pk}/"), 404, "not_found")
    assert_error(api.post(f"/api/intakes/{theirs.pk}/process/", {"lead": world.a.lead.pk}), 404, "not_found")
    assert_error(api.post(f"/api/intakes/{theirs.pk}/decide/", {"decision": "clear", "reason": "x"}), 404, "not_found")
    assert api.get("/api/intakes/").json()["results"] == []


@pytest.mark.parametrize("n", [1, 8])
def test_the_intake_list_costs_the_same_queries_for_one_row_or_many(world, django_assert_num_queries, n):
    for i in range(n):
        services.intake_new_client(
            by=world.partner,
            client=fi.requisites(f"ООО «Фирма {i}»"),
            title="Дело",
            lead=world.a.lead,
            parties=[{"name": f"ООО «Противник {i}»"}],
        )
    api = api_for(world.partner)
    with django_assert_num_queries(api_queries(3)):  # intakes, their parties, the checks the caller reads
        response = api.get("/api/intakes/")
    assert len(response.json()["results"]) == n
    assert all(row["conflict_check"] for row in response.json()["results"])


@pytest.mark.parametrize("n", [1, 8])
def test_a_clients_intake_list_costs_the_same_queries(world, django_assert_num_queries, n):
    for i in range(n):
        services.intake_request_matter(client_user=world.a.user, title=f"Дело {i}", description="Описание")
    api = api_for(world.a.user)
    with django_assert_num_queries(api_queries(2, client_user=True)):  # no checks to read
        assert len(api.get("/api/intakes/").json()["results"]) == n
