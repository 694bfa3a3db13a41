"""GET one of what the API lists: a matter, a recommendation, a document of the register.

Each goes through the same scoping as its list: another client's id is a 404 in the one error shape.
"""

import pytest

from tests import factories_deliverables as fd
from tests import factories_messages as fm
from tests import factories_timeline as ft
from tests.conftest import api_for, assert_404

pytestmark = pytest.mark.django_db


def test_a_client_reads_its_matter_with_lead_team_stage_and_next_report(world):
    matter_type = ft.MatterTypeFactory()
    stages = ft.stages_of(matter_type)
    matter = world.a.matter
    matter.matter_type, matter.stage = matter_type, stages[1]
    matter.next_report_on = matter.opened_at.date()
    matter.save()

    body = api_for(world.a.user).get(f"/api/matters/{matter.pk}/").json()

    assert body["number"] == matter.number
    assert body["client"] == {"id": world.a.client.pk, "name": world.a.client.name}
    assert body["lead"] == {"id": world.a.lead.pk, "name": world.a.lead.full_name}
    assert [(m["id"], m["lead"]) for m in body["team"]] == [(world.a.lead.pk, True), (world.a.specialist.pk, False)]
    assert body["matter_type"]["id"] == matter_type.pk
    assert body["stage"]["id"] == stages[1].pk
    assert body["stage"]["state"] == "current"
    assert [s["id"] for s in body["stages"]] == [s.pk for s in stages]
    assert body["next_report_on"] == matter.next_report_on.isoformat()


def test_a_matter_without_a_type_has_no_stage(world):
    body = api_for(world.partner).get(f"/api/matters/{world.b.matter.pk}/").json()
    assert body["matter_type"] is None
    assert body["stage"] is None
    assert body["stages"] == []
    assert body["next_report_on"] is None


@pytest.mark.parametrize("who", ["user", "lead", "specialist"])
def test_another_clients_matter_is_a_404(world, who):
    assert_404(api_for(getattr(world.a, who)).get(f"/api/matters/{world.b.matter.pk}/"))


def test_the_matter_detail_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert api_for(world.a.user).get(f"/api/matters/{world.a.matter.pk}/").status_code == 200


def test_a_recommendation_is_read_by_its_matters_sides_only(world):
    item = fm.RecommendationFactory(matter=world.a.matter, author=world.a.lead)
    body = api_for(world.a.user).get(f"/api/recommendations/{item.pk}/").json()
    assert body["id"] == item.pk
    assert body["text"] == item.text
    assert body["accepted"] is None
    assert api_for(world.partner).get(f"/api/recommendations/{item.pk}/").status_code == 200
    assert_404(api_for(world.b.user).get(f"/api/recommendations/{item.pk}/"))
    assert_404(api_for(world.b.lead).get(f"/api/recommendations/{item.pk}/"))


def test_a_document_of_the_register_is_read_as_the_register_lists_it(world):
    document = fd.HeldDocumentFactory(client=world.a.client, matter=world.a.matter, recorded_by=world.a.lead)
    listed = api_for(world.a.user).get("/api/documents/").json()["results"]
    body = api_for(world.a.user).get(f"/api/documents/{document.pk}/").json()
    assert body == listed[0]
    assert body["held"] is True
    assert api_for(world.a.lead).get(f"/api/documents/{document.pk}/").status_code == 200
    assert_404(api_for(world.b.user).get(f"/api/documents/{document.pk}/"))
    assert_404(api_for(world.b.lead).get(f"/api/documents/{document.pk}/"))


def test_a_line_of_the_timeline_is_read_as_the_timeline_lists_it(world):
    shown = ft.TimelineEventFactory(matter=world.a.matter)
    internal = ft.TimelineEventFactory(matter=world.a.matter, client_visible=False)
    path = f"/api/matters/{world.a.matter.pk}/timeline/"
    listed = api_for(world.a.user).get(path).json()["results"]
    assert api_for(world.a.user).get(f"{path}{shown.pk}/").json() == next(r for r in listed if r["id"] == shown.pk)
    # what the client's timeline leaves out, the client cannot open one by one
    assert_404(api_for(world.a.user).get(f"{path}{internal.pk}/"))
    assert api_for(world.a.lead).get(f"{path}{internal.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["user", "lead"])
def test_another_clients_line_is_a_404_whatever_matter_it_is_asked_under(world, who):
    line = ft.TimelineEventFactory(matter=world.b.matter)
    api = api_for(getattr(world.a, who))
    assert_404(api.get(f"/api/matters/{world.b.matter.pk}/timeline/{line.pk}/"))
    assert_404(api.get(f"/api/matters/{world.a.matter.pk}/timeline/{line.pk}/"))


def test_a_matter_type_is_read_with_its_stages(world):
    matter_type = ft.MatterTypeFactory()
    body = api_for(world.a.user).get(f"/api/matter-types/{matter_type.pk}/").json()
    assert body["id"] == matter_type.pk
    assert [s["id"] for s in body["stages"]] == [s.pk for s in ft.stages_of(matter_type)]
    assert_404(api_for(world.a.user).get("/api/matter-types/999999/"))
