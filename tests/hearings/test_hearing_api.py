"""The hearings API: list with filters, detail (contacts' e-mails for the firm only), create, change, move,
cancel, attendees, a client user's answer; another client's ids are a 404; fixed query counts."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearings.models import Attendee, Hearing
from tests import factories_hearings as fh
from tests.conftest import api_for, assert_404, assert_error


def _future(days=10, hour=10):
    day = timezone.localdate() + dt.timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00:00+03:00"


def _create(world, **extra):
    body = {
        "matter": world.a.matter.pk,
        "kind": "court",
        "title": "Заседание",
        "starts_at": _future(),
        "ends_at": _future(hour=11),
        "time_zone": "Europe/Moscow",
        "representative": world.a.lead.pk,
        "client_users": [world.a.user.pk],
        "contacts": [{"name": "Петров", "email": "p@example.test", "kind": "witness", "language": "en"}],
    }
    body.update(extra)
    return api_for(world.a.lead).post("/api/hearings/", body, format="json")


def test_create_list_detail_and_the_contacts_email_for_the_firm_only(world):
    response = _create(world)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["time_zone"] == "Europe/Moscow" and data["poa_missing"] is True
    assert {a["email"] for a in data["attendees"]} == {None, "p@example.test"}
    as_client = api_for(world.a.user).get(f"/api/hearings/{data['id']}/").json()
    assert {a["email"] for a in as_client["attendees"]} == {None} and as_client["poa_missing"] is None
    listed = api_for(world.a.user).get("/api/hearings/", {"matter": world.a.matter.pk, "status": "scheduled"})
    assert [h["id"] for h in listed.json()["results"]] == [data["id"]]
    day = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    assert len(api_for(world.a.lead).get("/api/hearings/", {"date_from": day, "date_to": day}).json()["results"]) == 1
    later = (timezone.localdate() + dt.timedelta(days=11)).isoformat()
    assert api_for(world.a.lead).get("/api/hearings/", {"date_from": later}).json()["results"] == []
    assert api_for(world.b.user).get("/api/hearings/").json()["results"] == []


def test_bad_input_is_a_400_naming_the_field(world):
    assert_error(_create(world, ends_at=_future(hour=9)), 400, "invalid", fields=["ends_at"])
    assert_error(_create(world, representative=world.b.lead.pk), 400, "invalid", fields=["representative"])
    assert_error(_create(world, client_users=[world.b.user.pk]), 400, "invalid", fields=["client_users"])
    assert_error(_create(world, time_zone="Mars/Olympus"), 400, "invalid", fields=["time_zone"])
    assert not Hearing.objects.exists()


def test_change_move_cancel_and_attendees(world):
    pk = _create(world).json()["id"]
    lead = api_for(world.a.lead)
    changed = lead.patch(f"/api/hearings/{pk}/", {"room": "512"}, format="json").json()
    assert changed["room"] == "512" and changed["sequence"] == 1
    moved = lead.post(f"/api/hearings/{pk}/reschedule/", {"starts_at": _future(days=20)}, format="json").json()
    assert moved["sequence"] == 2 and {a["response"] for a in moved["attendees"]} == {"pending"}
    added = lead.post(
        f"/api/hearings/{pk}/attendees/",
        {"contact": {"name": "Сидоров", "email": "s@example.test", "kind": "employee", "language": "ru"}},
        format="json",
    )
    assert added.status_code == 201
    attendee = Attendee.objects.get(email="s@example.test")
    assert lead.delete(f"/api/hearings/{pk}/attendees/{attendee.pk}/").status_code == 204
    assert_error(lead.post(f"/api/hearings/{pk}/cancel/", {"reason": ""}, format="json"), 400, "invalid")
    cancelled = lead.post(f"/api/hearings/{pk}/cancel/", {"reason": "Отложено"}, format="json").json()
    assert cancelled["status"] == "cancelled"
    assert_error(lead.post(f"/api/hearings/{pk}/cancel/", {"reason": "ещё раз"}, format="json"), 409, "invalid_state")


def test_client_user_answers_for_itself(world):
    pk = _create(world).json()["id"]
    me = api_for(world.a.user)
    assert_error(me.post(f"/api/hearings/{pk}/respond/", {"attend": False}, format="json"), 400, "invalid")
    answered = me.post(f"/api/hearings/{pk}/respond/", {"attend": True}, format="json").json()
    mine = next(a for a in answered["attendees"] if a["user"] == world.a.user.pk)
    assert mine["response"] == "confirmed"
    assert_error(me.patch(f"/api/hearings/{pk}/", {"room": "1"}, format="json"), 403, "not_permitted")


def test_another_clients_hearing_is_a_404_everywhere(world):
    hearing = fh.HearingFactory(matter=world.b.matter)
    theirs = fh.AttendeeFactory(hearing=hearing)
    for user in (world.a.user, world.a.lead, world.a.specialist):
        api = api_for(user)
        assert_404(api.get(f"/api/hearings/{hearing.pk}/"))
        assert_404(api.patch(f"/api/hearings/{hearing.pk}/", {"room": "1"}, format="json"))
        assert_404(api.post(f"/api/hearings/{hearing.pk}/reschedule/", {"starts_at": _future()}, format="json"))
        assert_404(api.post(f"/api/hearings/{hearing.pk}/cancel/", {"reason": "x"}, format="json"))
        assert_404(api.post(f"/api/hearings/{hearing.pk}/respond/", {"attend": True}, format="json"))
        assert_404(api.delete(f"/api/hearings/{hearing.pk}/attendees/{theirs.pk}/"))
        assert_404(api.get("/api/hearings/", {"matter": world.b.matter.pk}))
    assert_404(api_for(world.a.lead).post("/api/hearings/", {"matter": world.b.matter.pk, "starts_at": _future()}))
    mine = fh.HearingFactory(matter=world.a.matter)
    assert_404(api_for(world.a.lead).delete(f"/api/hearings/{mine.pk}/attendees/{theirs.pk}/"))
    assert Hearing.objects.get(pk=hearing.pk).status == "scheduled" and Attendee.objects.filter(pk=theirs.pk).exists()


def test_list_costs_the_same_queries_whatever_the_rows(world):
    api = api_for(world.a.lead)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/hearings/").status_code == 200
        return len(queries)

    for _ in range(2):
        fh.AttendeeFactory(hearing=fh.HearingFactory(matter=world.a.matter))
    two = count()
    for _ in range(10):
        fh.AttendeeFactory(hearing=fh.HearingFactory(matter=world.a.matter))
    assert count() == two
