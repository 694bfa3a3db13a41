"""The API's contract outside any one endpoint: the pages as the schema says, JSON answers under /api/
for addresses no route matches, and query parameters checked against the schema (a 400, never ignored)."""

import json

import pytest
import yaml
from django.test import Client
from rest_framework.test import APIClient

from tests import factories as f
from tests.conftest import api_for, assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(db):
    return yaml.safe_load(Client().get("/api/schema/").content)


LISTS = [
    "/api/clients/",
    "/api/matters/",
    "/api/tasks/",
    "/api/intakes/",
    "/api/documents/",
    "/api/powers-of-attorney/",
    "/api/specialists/",
    "/api/specialist-requests/",
    "/api/access-log/",
    "/api/matters/{id}/messages/",
    "/api/matters/{id}/timeline/",
    "/api/matters/{id}/deliverables/",
    "/api/matters/{id}/recommendations/",
    "/api/matters/{id}/risks/",
    "/api/matters/{id}/subcontracts/",
    "/api/matters/{id}/disclosure/questions/",
    "/api/matters/{id}/disclosure/revisions/",
    "/api/clients/{id}/documents/",
]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_is_documented_as_the_page_it_answers(schema, path):
    operation = schema["paths"][path]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert page["type"] == "object"
    assert set(page["required"]) == {"next", "previous", "results"}
    assert page["properties"]["next"] == {**page["properties"]["next"], "type": "string", "nullable": True}
    assert page["properties"]["results"]["type"] == "array"
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert "cursor" in parameters


def test_the_schema_declares_filters_from_the_serializer_that_checks_them(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/matters/"]["get"]["parameters"]}
    assert parameters["status"]["schema"]["enum"] == ["open", "suspended", "closed"]
    parameters = {p["name"]: p for p in schema["paths"]["/api/powers-of-attorney/valid/"]["get"]["parameters"]}
    assert parameters["specialist"]["required"] is True
    assert parameters["on"]["schema"] == {"type": "string", "format": "date"}


def test_a_list_answers_the_page_the_schema_describes(world):
    body = api_for(world.partner).get("/api/matters/", {"page_size": 1}).json()
    assert set(body) == {"next", "previous", "results"}
    assert body["previous"] is None
    assert len(body["results"]) == 1
    following = api_for(world.partner).get(body["next"]).json()
    assert following["next"] is None
    assert {m["id"] for m in body["results"] + following["results"]} == {world.a.matter.pk, world.b.matter.pk}


# --- addresses no route matches ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/clients/-1/", "/api/no-such-thing/", "/api/matters/1/nothing/", "/api/"])
def test_an_unknown_address_under_the_api_is_a_json_404(world, path):
    assert_error(api_for(world.a.user).get(path), 404, "not_found")
    assert_error(APIClient().post(path, {}), 404, "not_found")


def test_a_post_to_an_unknown_address_with_a_session_is_a_json_404_not_a_csrf_page(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.a.user, backend="users.backends.PortalModelBackend")
    assert_error(browser.post("/api/no-such-thing/", {}), 404, "not_found")


def test_an_address_without_its_slash_is_redirected_as_before(world):
    response = api_for(world.a.user).get("/api/matters")
    assert response.status_code == 301
    assert response["Location"] == "/api/matters/"


def test_a_method_the_route_does_not_have_is_a_json_405(world):
    assert_error(api_for(world.a.user).delete("/api/matters/"), 405, "method_not_allowed")


def test_pages_outside_the_api_keep_their_html_404(world):
    browser = Client()
    browser.force_login(world.a.user, backend="users.backends.PortalModelBackend")
    response = browser.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_crash_under_the_api_is_a_json_500(world, settings):
    from core.api import handler500

    request = APIClient().get("/api/").wsgi_request
    response = handler500(request)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["error"]["code"] == "server_error"


# --- query parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/matters/", {"status": "lost"}, "status"),
        ("/api/tasks/", {"status": "whatever"}, "status"),
        ("/api/tasks/", {"matter": "one"}, "matter"),
        ("/api/tasks/", {"channel": "pigeon"}, "channel"),
        ("/api/intakes/", {"status": "maybe"}, "status"),
        ("/api/documents/", {"held": "perhaps"}, "held"),
        ("/api/powers-of-attorney/", {"status": "forged"}, "status"),
        ("/api/powers-of-attorney/", {"client": "x"}, "client"),
        ("/api/specialist-requests/", {"status": "x"}, "status"),
        ("/api/specialists/", {"area": "tax"}, "area"),
        ("/api/access-log/", {"kind": "x"}, "kind"),
        ("/api/access-log/", {"client": "-3"}, "client"),
        ("/api/access-log/", {"user": str(2**63)}, "user"),  # larger than any id: a 400, not a database overflow
        ("/api/tasks/", {"matter": str(2**70)}, "matter"),
        ("/api/matters/", {"page_size": "ten"}, "page_size"),
        ("/api/matters/", {"page_size": "0"}, "page_size"),
        ("/api/matters/", {"page_size": "201"}, "page_size"),
        ("/api/matters/", {"cursor": "not-a-cursor"}, "cursor"),
        ("/api/terms/", {"language": "fr"}, "language"),
    ],
)
def test_a_parameter_the_schema_does_not_allow_is_a_400_naming_it(world, path, params, field):
    error = assert_error(api_for(world.partner).get(path, params), 400, "invalid", fields=[field])
    assert field in error["message"]


def test_a_bad_day_for_the_validity_check_is_a_400(world):
    params = {"specialist": world.a.lead.pk, "client": world.a.client.pk, "on": "31.12.2026"}
    error = assert_error(api_for(world.partner).get("/api/powers-of-attorney/valid/", params), 400, "invalid")
    assert set(error["fields"]) == {"on"}


def test_missing_required_parameters_are_named(world):
    error = assert_error(api_for(world.partner).get("/api/powers-of-attorney/valid/"), 400, "invalid")
    assert set(error["fields"]) == {"specialist", "client"}
    assert_error(api_for(world.partner).get("/api/search/"), 400, "invalid", fields=["q"])


def test_a_forged_cursor_position_is_a_400_not_a_crash(world):
    import base64

    forged = base64.b64encode(b"p=not-a-date").decode()
    assert_error(api_for(world.partner).get("/api/matters/", {"cursor": forged}), 400, "invalid", fields=["cursor"])


def test_the_message_is_in_the_callers_language(world):
    world.partner.language = "ru"
    world.partner.save(update_fields=["language"])
    error = assert_error(api_for(world.partner).get("/api/matters/", {"status": "lost"}), 400, "invalid")
    assert "status" in error["message"]
    [why] = error["fields"]["status"]
    assert "lost" in why
    assert "valid choice" not in why  # DRF's own Russian catalogue


def test_valid_filters_still_filter(world):
    f.MatterFactory(client=world.a.client, lead=world.a.lead, status="closed")
    rows = api_for(world.partner).get("/api/matters/", {"status": "closed"}).json()["results"]
    assert [r["status"] for r in rows] == ["closed"]
