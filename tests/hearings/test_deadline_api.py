"""The deadlines API: list with filters, detail in the caller's language, create typed or computed, update,
done, cancel, the rules registry and the compute preview; another client's ids are a 404."""

import datetime as dt

import pytest
from django.utils import timezone

from hearings.models import Deadline
from notices.models import Notice
from tests.conftest import api_for, api_queries, assert_404, assert_error
from tests.factories_deadlines import DeadlineFactory

pytestmark = pytest.mark.django_db
LIST = "/api/deadlines/"


def detail(pk, action=""):
    return f"/api/deadlines/{pk}/" + (f"{action}/" if action else "")


def test_create_computed_and_read_it_in_both_languages(world):
    api = api_for(world.a.lead)
    trigger = timezone.localdate() + dt.timedelta(days=1)
    response = api.post(
        LIST,
        {
            "matter": world.a.matter.pk,
            "title": "Апелляционная жалоба",
            "responsible": world.a.specialist.pk,
            "rule": "gpk_appeal",
            "trigger_date": trigger.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["rule"] == "gpk_appeal" and body["amount"] is None and body["sequence"] == 0
    assert body["rule_label"] == "Civil: appeal against a decision (1 month) — CPC RF Art. 321(2)"
    assert body["explanation"][0].startswith("Decision in its final form:")
    assert "(CPC RF Art. 108(1))" in body["explanation"][1]
    assert body["responsible"] == {"id": world.a.specialist.pk, "name": world.a.specialist.full_name}
    world.a.user.language = "ru"
    world.a.user.save()
    ru = api_for(world.a.user).get(detail(body["id"])).json()
    assert trigger.strftime("%d.%m.%Y") in ru["explanation"][0]


def test_create_typed_and_custom(world):
    api = api_for(world.a.specialist)
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    typed = api.post(
        LIST,
        {"matter": world.a.matter.pk, "title": "Пошлина", "responsible": world.a.specialist.pk, "due_on": due},
        format="json",
    )
    assert typed.status_code == 201 and typed.json()["rule"] is None and typed.json()["explanation"] == []
    custom = api.post(
        LIST,
        {
            "matter": world.a.matter.pk,
            "title": "Ответ на претензию",
            "responsible": world.a.lead.pk,
            "rule": "custom_days",
            "amount": 30,
            "trigger_date": "2026-01-15",
        },
        format="json",
    )
    assert custom.status_code == 201 and custom.json()["amount"] == 30 and custom.json()["due_on"] == "2026-02-16"


@pytest.mark.parametrize(
    "data,fields",
    [
        ({"title": "x", "responsible": 0}, ["responsible"]),
        ({"title": "x"}, ["responsible"]),
        ({"title": "x", "responsible": "lead"}, ["due_on"]),
        ({"title": "x", "responsible": "lead", "rule": "apk_appeal"}, ["trigger_date"]),
        ({"title": "x", "responsible": "lead", "rule": "nope", "trigger_date": "2026-01-01"}, ["rule"]),
        ({"title": "x", "responsible": "lead", "rule": "custom_days", "trigger_date": "2026-01-01"}, ["amount"]),
        ({"title": "x", "responsible": "lead", "due_on": "not a date"}, ["due_on"]),
        ({"title": "x", "responsible": "other", "due_on": "2026-12-31"}, ["responsible"]),
    ],
)
def test_bad_input_is_a_400_naming_the_field(world, data, fields):
    people = {"lead": world.a.lead.pk, "other": world.b.lead.pk}
    data = {**data, "matter": world.a.matter.pk}
    if isinstance(data.get("responsible"), str):
        data["responsible"] = people[data["responsible"]]
    response = api_for(world.a.lead).post(LIST, data, format="json")
    assert_error(response, 400, "invalid", fields=fields)
    assert not Deadline.objects.exists()


def test_another_clients_things_are_404(world):
    theirs = DeadlineFactory(matter=world.b.matter)
    api = api_for(world.a.lead)
    assert_404(api.get(detail(theirs.pk)))
    assert_404(api.post(detail(theirs.pk, "done")))
    assert_404(api.post(detail(theirs.pk, "cancel")))
    assert_404(api.put(detail(theirs.pk), {"title": "x", "responsible": world.a.lead.pk}, format="json"))
    data = {"matter": world.b.matter.pk, "title": "x", "responsible": world.b.lead.pk, "due_on": "2026-12-31"}
    assert_404(api.post(LIST, data, format="json"))
    assert_404(api_for(world.a.user).get(detail(theirs.pk)))
    assert api.get(LIST).json()["results"] == []


def test_the_client_reads_but_cannot_write(world):
    mine = DeadlineFactory(matter=world.a.matter)
    api = api_for(world.a.user)
    assert [row["id"] for row in api.get(LIST).json()["results"]] == [mine.pk]
    assert_error(api.post(detail(mine.pk, "done")), 403, "not_permitted")
    data = {"matter": world.a.matter.pk, "title": "x", "responsible": world.a.lead.pk, "due_on": "2026-12-31"}
    assert_error(api.post(LIST, data, format="json"), 403, "not_permitted")
    assert_error(
        api.put(detail(mine.pk), {"title": "x", "responsible": world.a.lead.pk}, format="json"), 403, "not_permitted"
    )


def test_update_done_cancel(world):
    deadline = DeadlineFactory(matter=world.a.matter, responsible=world.a.specialist)
    api = api_for(world.a.lead)
    changed = api.put(
        detail(deadline.pk),
        {"title": "Кассация", "responsible": world.a.lead.pk, "rule": "kas_cassation", "trigger_date": "2026-11-30"},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["due_on"] == "2027-05-31" and changed.json()["sequence"] == 1
    assert Notice.objects.filter(group=f"deadline:{deadline.pk}", status="scheduled").count() == 2
    done = api.post(detail(deadline.pk, "done"))
    assert done.status_code == 200 and done.json()["status"] == "done" and done.json()["done_at"]
    assert not Notice.objects.filter(group=f"deadline:{deadline.pk}", status="scheduled").exists()
    assert_error(api.post(detail(deadline.pk, "cancel")), 409, "invalid_state")
    other = DeadlineFactory(matter=world.a.matter)
    assert api.post(detail(other.pk, "cancel")).json()["status"] == "cancelled"


def test_list_filters(world):
    today = timezone.localdate()
    mine = DeadlineFactory(matter=world.a.matter, responsible=world.a.specialist, due_on=today + dt.timedelta(days=3))
    lead = DeadlineFactory(matter=world.a.matter, responsible=world.a.lead, due_on=today + dt.timedelta(days=1))
    late = DeadlineFactory(matter=world.a.matter, responsible=world.a.specialist, due_on=today + dt.timedelta(days=40))
    done = DeadlineFactory(matter=world.a.matter, responsible=world.a.specialist, status="done")
    api = api_for(world.a.specialist)

    def ids(**query):
        response = api.get(LIST, query)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [lead.pk, mine.pk, done.pk, late.pk]
    assert ids(responsible="me", status="open") == [mine.pk, late.pk]
    assert ids(
        **{"from": (today + dt.timedelta(days=2)).isoformat(), "to": (today + dt.timedelta(days=10)).isoformat()}
    ) == [mine.pk]
    assert ids(matter=world.b.matter.pk) == []
    assert_error(api.get(LIST, {"from": "yesterday"}), 400, "invalid", fields=["from"])
    assert_error(api.get(LIST, {"responsible": "him"}), 400, "invalid", fields=["responsible"])


def test_the_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    api = api_for(world.a.lead)
    DeadlineFactory.create_batch(2, matter=world.a.matter)
    with django_assert_num_queries(api_queries(1)):
        api.get(LIST)
    DeadlineFactory.create_batch(6, matter=world.a.matter)
    with django_assert_num_queries(api_queries(1)):
        api.get(LIST)


def test_rules_and_compute(world):
    api = api_for(world.a.user)
    rules = {rule["code"]: rule for rule in api.get("/api/deadlines/rules/").json()}
    assert rules["apk_cassation"]["basis"] == "APC RF Art. 276(1)" and rules["apk_cassation"]["amount"] == 2
    assert rules["custom_workdays"]["amount"] is None and rules["custom_workdays"]["unit"] == "workdays"
    computed = api.post("/api/deadlines/compute/", {"rule": "gpk_appeal", "trigger_date": "2025-12-03"}, format="json")
    assert computed.status_code == 200
    assert computed.json()["due_on"] == "2026-01-12" and computed.json()["passed"] is True
    assert computed.json()["steps"][-1] == "Last day: 12 Jan 2026"
    bad = api.post("/api/deadlines/compute/", {"rule": "custom_months", "trigger_date": "2025-12-03"}, format="json")
    assert_error(bad, 400, "invalid", fields=["amount"])
    assert_error(api.post("/api/deadlines/compute/", {"rule": "x"}, format="json"), 400, "invalid", fields=["rule"])
    assert not Deadline.objects.exists()


def test_a_client_is_refused_before_its_input_is_judged(world):
    data = {"matter": world.a.matter.pk, "title": "", "responsible": world.b.lead.pk}
    assert_error(api_for(world.a.user).post(LIST, {**data, "title": "x"}, format="json"), 403, "not_permitted")


def test_the_firms_notes_are_not_shown_to_the_client(world, client):
    from django.urls import reverse

    from tests.conftest import login

    deadline = DeadlineFactory(matter=world.a.matter, notes="Клиент медлит с доверенностью")
    assert api_for(world.a.lead).get(detail(deadline.pk)).json()["notes"] == "Клиент медлит с доверенностью"
    assert api_for(world.a.user).get(detail(deadline.pk)).json()["notes"] == ""
    assert api_for(world.a.user).get(LIST).json()["results"][0]["notes"] == ""
    login(client, world.a.user)
    assert "медлит" not in client.get(reverse("hearings:deadline_detail", args=[deadline.pk])).content.decode()
    login(client, world.a.lead)
    assert "медлит" in client.get(reverse("hearings:deadline_detail", args=[deadline.pk])).content.decode()
