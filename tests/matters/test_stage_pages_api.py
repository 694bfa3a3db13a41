"""The lead steers a matter from its page, the steering page and the API; the firm configures types in the admin."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from matters.models import Matter, MatterType, Stage
from matters.services.stages import matter_type_set
from tests import factories_timeline as ft
from tests.conftest import api_for, login
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def litigation():
    return ft.MatterTypeFactory(
        name_en="Dispute", stages=[("Анализ", "Analysis"), ("Суд", "Court"), ("Апелляция", "Appeal")]
    )


def steer(matter):
    return reverse("matters:matter_steer", args=[matter.pk])


# --- pages ---------------------------------------------------------------------------------------


def test_the_lead_sets_type_stage_and_report_date_from_the_pages(client, world, litigation):
    login(client, world.a.lead)
    assert (
        "Choose the type of matter"
        in client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    )
    response = client.post(steer(world.a.matter), {"form": "type", "matter_type": litigation.pk})
    assert response.status_code == 302 and response["Location"] == reverse(
        "matters:matter_detail", args=[world.a.matter.pk]
    )
    court = ft.stages_of(litigation)[1]
    page = client.get(response["Location"]).content.decode()
    assert 'id="quick-stage"' in page and "Analysis" in page
    client.post(steer(world.a.matter), {"form": "stage", "stage": court.pk})
    on = timezone.localdate() + dt.timedelta(days=7)
    client.post(steer(world.a.matter), {"form": "report", "on": on.isoformat()})
    matter = Matter.objects.get(pk=world.a.matter.pk)
    assert (matter.matter_type_id, matter.stage_id, matter.next_report_on) == (litigation.pk, court.pk, on)
    assert TimelineEvent.objects.filter(matter=matter).count() == 3


def test_a_past_report_date_shows_the_error_next_to_the_field_and_changes_nothing(client, world):
    login(client, world.a.lead)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(steer(world.a.matter), {"form": "report", "on": yesterday.isoformat()})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This date has passed" in page and 'class="field has-error"' in page
    assert Matter.objects.get(pk=world.a.matter.pk).next_report_on is None


def test_a_stage_of_another_type_is_refused_on_the_page(client, world, litigation):
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    other = ft.stages_of(ft.MatterTypeFactory())[1]
    login(client, world.a.lead)
    response = client.post(steer(world.a.matter), {"form": "stage", "stage": other.pk})
    assert response.status_code == 400 and "has-error" in response.content.decode()
    assert Matter.objects.get(pk=world.a.matter.pk).stage == ft.stages_of(litigation)[0]


def test_an_unknown_form_goes_back_to_the_page(client, world):
    login(client, world.a.lead)
    assert client.post(steer(world.a.matter), {"form": "nonsense"}).status_code == 302


@pytest.mark.parametrize("who", ["client", "specialist", "secretary"])
def test_others_on_the_matter_may_not_steer_it(client, world, who):
    user = {"client": world.a.user, "specialist": world.a.specialist, "secretary": world.secretary}[who]
    login(client, user)
    assert client.get(steer(world.a.matter)).status_code == 403
    on = timezone.localdate().isoformat()
    assert client.post(steer(world.a.matter), {"form": "report", "on": on}).status_code == 403
    assert Matter.objects.get(pk=world.a.matter.pk).next_report_on is None
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "quick-report" not in page


def test_another_clients_matter_is_not_found(client, world):
    login(client, world.a.user)
    assert client.get(steer(world.b.matter)).status_code == 404
    login(client, world.a.lead)
    assert (
        client.post(steer(world.b.matter), {"form": "report", "on": timezone.localdate().isoformat()}).status_code
        == 404
    )


def test_the_client_sees_the_stages_as_a_progress_line(client, world, litigation):
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    login(client, world.a.user)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert page.count('class="stage stage-') == 3
    assert 'class="stage stage-current" aria-current="step"' in page


# --- API -----------------------------------------------------------------------------------------


def test_the_api_sets_the_type_the_stage_and_the_next_report(world, litigation):
    lead = api_for(world.a.lead)
    body = lead.post(f"/api/matters/{world.a.matter.pk}/type/", {"matter_type": litigation.pk}, format="json").json()
    assert body["matter_type"] == {"id": litigation.pk, "name": "Dispute"}
    assert body["stage"]["name"] == "Analysis" and [s["state"] for s in body["stages"]] == ["current", "next", "next"]
    court = ft.stages_of(litigation)[1]
    body = lead.post(f"/api/matters/{world.a.matter.pk}/stage/", {"stage": court.pk}, format="json").json()
    assert body["stage"] == {"id": court.pk, "order": 2, "name": "Court", "state": "current"}
    on = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    body = lead.post(f"/api/matters/{world.a.matter.pk}/next-report/", {"on": on}, format="json").json()
    assert body["next_report_on"] == on


def test_api_errors_take_the_one_shape(world, litigation):
    lead = api_for(world.a.lead)
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = lead.post(f"/api/matters/{world.a.matter.pk}/next-report/", {"on": past}, format="json")
    assert response.status_code == 400 and "on" in response.json()["error"]["fields"]
    response = lead.post(f"/api/matters/{world.a.matter.pk}/next-report/", {"on": "soon"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    response = lead.post(
        f"/api/matters/{world.a.matter.pk}/stage/", {"stage": ft.stages_of(litigation)[0].pk}, format="json"
    )
    assert response.status_code == 409  # no type yet
    response = lead.post(f"/api/matters/{world.a.matter.pk}/type/", {"matter_type": 999999}, format="json")
    assert response.status_code == 400 and "matter_type" in response.json()["error"]["fields"]
    response = api_for(world.a.user).post(
        f"/api/matters/{world.a.matter.pk}/next-report/", {"on": timezone.localdate().isoformat()}, format="json"
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "not_permitted"
    response = lead.post(
        f"/api/matters/{world.b.matter.pk}/next-report/", {"on": timezone.localdate().isoformat()}, format="json"
    )
    assert response.status_code == 404


def test_the_api_lists_matter_types_with_their_stages_in_order(world, litigation):
    body = api_for(world.a.user).get("/api/matter-types/").json()
    dispute = next(t for t in body if t["id"] == litigation.pk)
    assert [s["name"] for s in dispute["stages"]] == ["Analysis", "Court", "Appeal"]
    assert any(t["name"] == "Litigation" for t in body)


def test_the_schema_documents_the_new_endpoints(client, world):
    login(client, world.a.lead)
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/matters/{id}/timeline/",
        "/api/matters/{id}/stage/",
        "/api/matters/{id}/next-report/",
        "/api/dashboard/",
        "/api/search/",
    ):
        assert path in schema, path


# --- admin ---------------------------------------------------------------------------------------


def inline(prefix, rows, total_initial):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(total_initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_the_firm_adds_a_matter_type_with_stages_in_the_admin(admin_client):
    data = {"name_ru": "Налоговая проверка", "name_en": "Tax audit"}
    data |= inline(
        "stages",
        [
            {"order": "1", "name_ru": "Проверка", "name_en": "Audit"},
            {"order": "2", "name_ru": "Возражения", "name_en": "Objections"},
        ],
        0,
    )
    response = admin_client.post("/admin/matters/mattertype/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    tax = MatterType.objects.get(name_ru="Налоговая проверка")
    assert [s.name_en for s in ft.stages_of(tax)] == ["Audit", "Objections"]


def test_stages_can_swap_places_in_the_admin(admin_client, litigation):
    analysis, court, appeal = ft.stages_of(litigation)
    data = {"name_ru": litigation.name_ru, "name_en": litigation.name_en}
    data |= inline(
        "stages",
        [
            {
                "id": str(analysis.pk),
                "matter_type": str(litigation.pk),
                "order": "2",
                "name_ru": "Анализ",
                "name_en": "Analysis",
            },
            {
                "id": str(court.pk),
                "matter_type": str(litigation.pk),
                "order": "1",
                "name_ru": "Суд",
                "name_en": "Court",
            },
            {
                "id": str(appeal.pk),
                "matter_type": str(litigation.pk),
                "order": "3",
                "name_ru": "Апелляция",
                "name_en": "Appeal",
            },
        ],
        3,
    )
    response = admin_client.post(f"/admin/matters/mattertype/{litigation.pk}/change/", data)
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    assert [s.name_en for s in ft.stages_of(litigation)] == ["Court", "Analysis", "Appeal"]


def test_two_stages_in_one_place_are_refused_in_the_admin(admin_client, litigation):
    analysis, court, appeal = ft.stages_of(litigation)
    data = {"name_ru": litigation.name_ru, "name_en": litigation.name_en}
    data |= inline(
        "stages",
        [
            {
                "id": str(analysis.pk),
                "matter_type": str(litigation.pk),
                "order": "1",
                "name_ru": "Анализ",
                "name_en": "Analysis",
            },
            {
                "id": str(court.pk),
                "matter_type": str(litigation.pk),
                "order": "1",
                "name_ru": "Суд",
                "name_en": "Court",
            },
            {
                "id": str(appeal.pk),
                "matter_type": str(litigation.pk),
                "order": "3",
                "name_ru": "Апелляция",
                "name_en": "Appeal",
            },
        ],
        3,
    )
    response = admin_client.post(f"/admin/matters/mattertype/{litigation.pk}/change/", data)
    assert response.status_code == 200
    assert [s.order for s in ft.stages_of(litigation)] == [1, 2, 3]


def test_a_stage_in_use_cannot_be_deleted_and_the_timeline_is_read_only(admin_client, world, litigation):
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    analysis = ft.stages_of(litigation)[0]
    assert admin_client.get("/admin/matters/mattertype/").status_code == 200
    assert admin_client.get("/admin/timeline/timelineevent/").status_code == 200
    event = TimelineEvent.objects.filter(matter=world.a.matter).first()
    assert admin_client.get(f"/admin/timeline/timelineevent/{event.pk}/change/").status_code == 200
    assert admin_client.get("/admin/timeline/timelineevent/add/").status_code == 403
    assert admin_client.get(f"/admin/timeline/timelineevent/{event.pk}/delete/").status_code == 403
    data = {"name_ru": litigation.name_ru, "name_en": litigation.name_en}
    rows = [
        {
            "id": str(s.pk),
            "matter_type": str(litigation.pk),
            "order": str(s.order),
            "name_ru": s.name_ru,
            "name_en": s.name_en,
        }
        for s in ft.stages_of(litigation)
    ]
    rows[0]["DELETE"] = "on"
    data |= inline("stages", rows, 3)
    response = admin_client.post(f"/admin/matters/mattertype/{litigation.pk}/change/", data)
    assert response.status_code == 200  # refused with a message, not a 500
    assert Stage.objects.filter(pk=analysis.pk).exists()
