"""GET /api/access-log/: client users read their client's entries, partners the firm's, others are refused."""

import pytest
from rest_framework.test import APIClient

from tests.conftest import api_for, api_queries
from tests.factories_disclosures import AccessLogEntryFactory

pytestmark = pytest.mark.django_db


def test_a_client_user_reads_its_own_entries(world):
    mine = AccessLogEntryFactory(client=world.a.client, user=world.a.lead, matter=world.a.matter)
    AccessLogEntryFactory(client=world.b.client, user=world.b.lead)
    rows = api_for(world.a.user).get("/api/access-log/").json()["results"]
    assert [r["id"] for r in rows] == [mine.pk]
    row = rows[0]
    assert row["user"] == {"id": world.a.lead.pk, "name": world.a.lead.full_name, "role": "lead"}
    assert row["client"] == {"id": world.a.client.pk, "name": world.a.client.name}
    assert row["matter"] == {"id": world.a.matter.pk, "number": world.a.matter.number}
    assert (row["action"], row["kind"], row["ip_address"]) == ("view", "disclosure", "10.0.0.7")


def test_a_client_users_filter_for_another_client_finds_nothing(world):
    AccessLogEntryFactory(client=world.b.client, user=world.b.lead)
    assert api_for(world.a.user).get(f"/api/access-log/?client={world.b.client.pk}").json()["results"] == []


def test_partners_read_and_filter_the_whole_log(world):
    a = AccessLogEntryFactory(client=world.a.client, user=world.a.lead)
    b = AccessLogEntryFactory(client=world.b.client, user=world.b.specialist, kind="document")
    api = api_for(world.partner)
    assert {r["id"] for r in api.get("/api/access-log/").json()["results"]} == {a.pk, b.pk}
    assert [r["id"] for r in api.get(f"/api/access-log/?client={world.a.client.pk}").json()["results"]] == [a.pk]
    assert [r["id"] for r in api.get(f"/api/access-log/?user={world.b.specialist.pk}").json()["results"]] == [b.pk]
    assert [r["id"] for r in api.get("/api/access-log/?kind=document").json()["results"]] == [b.pk]


def test_other_staff_are_refused_in_the_one_error_shape(world):
    for user in (world.a.lead, world.a.specialist, world.secretary):
        response = api_for(user).get("/api/access-log/")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "not_permitted"


def test_anonymous_callers_are_refused():
    assert APIClient().get("/api/access-log/").status_code == 401


def test_the_log_cannot_be_written_through_the_api(world):
    entry = AccessLogEntryFactory(client=world.a.client, user=world.a.lead)
    api = api_for(world.partner)
    assert api.post("/api/access-log/", {"description": "x"}).status_code == 405
    assert api.delete(f"/api/access-log/{entry.pk}/").status_code == 405  # an entry is read (GET), never removed


@pytest.mark.parametrize("count", [1, 60])
def test_the_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    AccessLogEntryFactory.create_batch(count, client=world.a.client, user=world.a.lead, matter=world.a.matter)
    api = api_for(world.a.user)
    with django_assert_num_queries(api_queries(1, client_user=True)):
        response = api.get("/api/access-log/")
    assert len(response.json()["results"]) == min(count, 50)


@pytest.mark.parametrize("count", [1, 60])
def test_the_partners_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    AccessLogEntryFactory.create_batch(count, user=world.a.lead)
    with django_assert_num_queries(api_queries(1)):
        api_for(world.partner).get("/api/access-log/")


def test_the_pages_follow_with_a_cursor(world):
    AccessLogEntryFactory.create_batch(55, client=world.a.client, user=world.a.lead)
    api = api_for(world.a.user)
    first = api.get("/api/access-log/").json()
    second = api.get(first["next"]).json()
    assert len(first["results"]) + len(second["results"]) == 55
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
