"""API of the calendar: the entries of a range, the feed's URL and its reset."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from hearings.models import Hearing
from tests import factories as f
from tests import factories_calendar as fc
from tests.conftest import api_for, api_queries, assert_error

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _on(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=YEKATERINBURG)


@pytest.fixture
def events(world):
    return {
        "mine": fc.HearingFactory(matter=world.a.matter, title="Заседание А", starts_at=_on(_in(2), 10), sequence=4),
        "deadline": fc.DeadlineFactory(matter=world.a.matter, title="Срок А", due_on=_in(5)),
        "cancelled": fc.HearingFactory(
            matter=world.a.matter, title="Отменённое А", starts_at=_on(_in(3), 10), status=Hearing.Status.CANCELLED
        ),
        "foreign": fc.HearingFactory(matter=world.b.matter, title="Заседание Б", starts_at=_on(_in(2), 11)),
    }


def test_the_entries_of_a_range(world, events):
    response = api_for(world.a.user).get("/api/calendar/", {"from": f"{_in(0)}", "to": f"{_in(10)}"})
    assert response.status_code == 200
    body = response.json()
    assert body["from"] == f"{_in(0)}" and body["to"] == f"{_in(10)}" and body["truncated"] is False
    assert [e["title"] for e in body["results"]] == ["Заседание А", "Отменённое А", "Срок А"]
    hearing, cancelled, deadline = body["results"]
    assert hearing["kind"] == "hearing" and hearing["sequence"] == 4 and hearing["all_day"] is False
    assert hearing["uid"] == f"hearing-{events['mine'].pk}@testserver"
    assert dt.datetime.fromisoformat(hearing["starts_at"]) == events["mine"].starts_at
    assert cancelled["cancelled"] is True and cancelled["status"] == "cancelled"
    assert deadline["kind"] == "deadline" and deadline["on"] == f"{_in(5)}" and deadline["starts_at"] is None


def test_cancelled_ones_can_be_left_out(world, events):
    response = api_for(world.a.user).get("/api/calendar/", {"to": f"{_in(10)}", "include_cancelled": "false"})
    assert [e["title"] for e in response.json()["results"]] == ["Заседание А", "Срок А"]


def test_another_clients_events_never_appear(world, events):
    results = api_for(world.b.user).get("/api/calendar/", {"to": f"{_in(10)}"}).json()["results"]
    assert [e["title"] for e in results] == ["Заседание Б"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-12-10", "to": "2026-12-01"}, "to"),
        ({"from": "2026-01-01", "to": "2027-06-01"}, "to"),
        ({"from": "not-a-date"}, "from"),
        ({"to": "2026-02-30"}, "to"),
        ({"include_cancelled": "maybe"}, "include_cancelled"),
    ],
)
def test_a_bad_range_is_a_400_naming_it(world, params, field):
    assert_error(api_for(world.a.user).get("/api/calendar/", params), 400, "invalid", fields=[field])


def test_anonymous_callers_are_refused(db):
    assert Client().get("/api/calendar/").status_code == 401
    assert Client().get("/api/calendar/feed/").status_code == 401
    assert Client().post("/api/calendar/feed/reset/").status_code == 401


def test_the_feed_url_and_its_reset(world, events):
    api = api_for(world.a.user)
    first = api.get("/api/calendar/feed/").json()
    assert first["url"].startswith("http://testserver/calendar/feed/") and first["url"].endswith(".ics")
    assert api.get("/api/calendar/feed/").json()["url"] == first["url"], "the URL stays until it is reset"
    path = first["url"].removeprefix("http://testserver")
    assert Client().get(path).status_code == 200
    reset = api.post("/api/calendar/feed/reset/")
    assert reset.status_code == 200
    assert reset.json()["url"] != first["url"]
    assert Client().get(path).status_code == 404
    assert Client().get(reset.json()["url"].removeprefix("http://testserver")).status_code == 200


def test_each_user_has_an_own_feed(world):
    a = api_for(world.a.user).get("/api/calendar/feed/").json()["url"]
    b = api_for(world.b.user).get("/api/calendar/feed/").json()["url"]
    assert a != b


@pytest.mark.parametrize("who", ["client", "lead"])
def test_the_entries_run_a_fixed_number_of_queries(world, django_assert_num_queries, who):
    user = {"client": world.a.user, "lead": world.a.lead}[who]
    api = api_for(user)

    def add(n):
        for i in range(n):
            matter = f.MatterFactory(client=world.a.client, lead=world.a.lead) if i % 2 else world.a.matter
            fc.HearingFactory(matter=matter, starts_at=_on(_in(i % 20 + 1), 9))
            fc.DeadlineFactory(matter=matter, due_on=_in(i % 20 + 1))

    add(2)
    with django_assert_num_queries(api_queries(2, client_user=who == "client")):
        api.get("/api/calendar/", {"to": f"{_in(27)}"})
    add(18)
    with django_assert_num_queries(api_queries(2, client_user=who == "client", warm=True)):
        assert len(api.get("/api/calendar/", {"to": f"{_in(27)}"}).json()["results"]) == 40
