"""The timeline page and API: one list, newest first, in the reader's language, filtered, searched,
paginated, at a fixed number of queries; scoped like the matter's other confidential content."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from matters.models import MatterVisit, Stage
from matters.services.stages import matter_type_set
from tests import factories as f
from tests import factories_timeline as ft
from tests.conftest import api_for, api_queries, login, page_queries
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db

T0 = timezone.now() - dt.timedelta(days=30)


def line(matter, n, **fields):
    return ft.TimelineEventFactory(matter=matter, occurred_at=T0 + dt.timedelta(hours=n), **fields)


def page_url(matter, **query):
    url = reverse("matters:timeline", args=[matter.pk])
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def api_url(matter):
    return reverse("api:matter_timeline", args=[matter.pk])


# --- what it shows -------------------------------------------------------------------------------


def test_the_lines_come_newest_first_in_the_readers_language_with_who_and_a_link(client, world):
    line(world.a.matter, 1, summary="Task %(number)s was accepted by %(name)s", params={"number": "T-1", "name": "X"})
    line(
        world.a.matter,
        2,
        kind=TimelineEvent.Kind.TASK,
        summary="Task %(number)s was answered in writing by %(name)s",
        params={"number": world.a.task.number, "name": world.a.lead.full_name},
        actor=world.a.lead,
        ref_type="task",
        ref_id=world.a.task.pk,
    )
    login(client, world.a.user)
    page = client.get(page_url(world.a.matter)).content.decode()
    newest = f"Task {world.a.task.number} was answered in writing by {world.a.lead.full_name}"
    assert page.index(newest) < page.index("Task T-1 was accepted by X")
    assert f'href="{reverse("matters:task_detail", args=[world.a.task.pk])}"' in page
    assert world.a.lead.full_name in page


def test_a_stage_line_reads_in_russian_for_a_russian_reader(client, world):
    world.a.user.language = "ru"
    world.a.user.save(update_fields=["language"])
    litigation = ft.MatterTypeFactory(stages=[("Анализ", "Analysis")])
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    login(client, world.a.user)
    page = client.get(page_url(world.a.matter), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "стадия: Анализ" in page or "stage: Анализ" in page
    assert "stage: Analysis" not in page


def test_the_client_sees_only_client_visible_lines_and_the_firm_sees_all(client, world):
    line(world.a.matter, 1, summary="Shown to the client")
    line(world.a.matter, 2, summary="Internal note of the firm", client_visible=False)
    login(client, world.a.user)
    page = client.get(page_url(world.a.matter)).content.decode()
    assert "Shown to the client" in page and "Internal note of the firm" not in page
    body = api_for(world.a.user).get(api_url(world.a.matter)).json()
    assert [e["text"] for e in body["results"]] == ["Shown to the client"]
    login(client, world.a.specialist)
    page = client.get(page_url(world.a.matter)).content.decode()
    assert "Shown to the client" in page and "Internal note of the firm" in page and "the firm only" in page


def test_filter_by_kind_and_search_by_text(client, world):
    line(world.a.matter, 1, kind=TimelineEvent.Kind.TASK, summary="Задача о неустойке принята")
    line(world.a.matter, 2, kind=TimelineEvent.Kind.MESSAGE, summary="Сообщение о НЕУСТОЙКЕ")
    line(world.a.matter, 3, kind=TimelineEvent.Kind.MESSAGE, summary="Сообщение о сроках")
    login(client, world.a.lead)
    only_messages = client.get(page_url(world.a.matter, kind="message")).content.decode()
    assert "Сообщение о сроках" in only_messages and "Задача о неустойке" not in only_messages
    found = client.get(page_url(world.a.matter, q="неустойке")).content.decode()
    assert "Сообщение о НЕУСТОЙКЕ" in found and "Сообщение о сроках" not in found
    both = client.get(page_url(world.a.matter, q="Неустой", kind="message")).content.decode()
    assert "Сообщение о НЕУСТОЙКЕ" in both and "Задача о неустойке" not in both
    # the chips name only the kinds present, and keep the search
    assert 'href="?kind=message&amp;q=' in both and "?kind=deliverable" not in both
    body = api_for(world.a.lead).get(api_url(world.a.matter), {"kind": "message", "q": "неустойк"}).json()
    assert [e["text"] for e in body["results"]] == ["Сообщение о НЕУСТОЙКЕ"]


def test_an_unknown_kind_shows_everything_and_nothing_found_says_so(client, world):
    line(world.a.matter, 1, summary="Something")
    login(client, world.a.lead)
    assert "Something" in client.get(page_url(world.a.matter, kind="nonsense")).content.decode()
    assert "Nothing matches" in client.get(page_url(world.a.matter, q="zzz")).content.decode()


def test_pages_of_fifty_newest_first(client, world):
    for n in range(51):
        line(world.a.matter, n, summary=f"Line {n:02d}")
    login(client, world.a.user)
    first = client.get(page_url(world.a.matter)).content.decode()
    assert "Line 50" in first and "Line 01" in first and "Line 00" not in first
    assert "page=2" in first
    second = client.get(page_url(world.a.matter, page=2)).content.decode()
    assert "Line 00" in second and "Line 01" not in second


def test_the_api_pages_by_cursor_and_gives_kind_when_who_and_ref(world):
    for n in range(3):
        line(world.a.matter, n, summary=f"Line {n}", actor=world.a.lead, ref_type="task", ref_id=world.a.task.pk)
    body = api_for(world.a.user).get(api_url(world.a.matter), {"page_size": 2}).json()
    assert [e["text"] for e in body["results"]] == ["Line 2", "Line 1"]
    event = body["results"][0]
    assert event["kind"] == "task" and event["kind_label"] == "task"
    assert event["actor"] == {"id": world.a.lead.pk, "name": world.a.lead.full_name}
    assert event["ref"] == {"type": "task", "id": world.a.task.pk, "url": f"/tasks/{world.a.task.pk}/"}
    rest = api_for(world.a.user).get(body["next"]).json()
    assert [e["text"] for e in rest["results"]] == ["Line 0"] and rest["next"] is None


def test_a_line_about_nothing_has_no_ref_and_one_about_a_page_not_built_has_no_url(world):
    line(world.a.matter, 1, summary="Plain")
    line(world.a.matter, 2, summary="About something", ref_type="unknownthing", ref_id=7)
    results = api_for(world.a.lead).get(api_url(world.a.matter)).json()["results"]
    assert results[0]["ref"] == {"type": "unknownthing", "id": 7, "url": None}
    assert results[1]["ref"] is None


def test_lines_of_rows_are_the_lines_of_events(world):
    from matters.selectors.timeline import timeline_events, timeline_rows
    from timeline.rendering import as_lines

    line(world.a.matter, 1, actor=world.a.lead, ref_type="task", ref_id=world.a.task.pk, detail="d")
    line(world.a.matter, 2, actor=None, client_visible=False)
    line(world.a.matter, 3, actor=world.a.lead)
    clients = {world.a.matter.pk: world.a.matter.client_id}
    for language in ("ru", "en"):
        with translation.override(language):
            of_events = as_lines(timeline_events(user=world.partner, matter=world.a.matter), clients=clients)
            of_rows = as_lines(timeline_rows(user=world.partner, matter=world.a.matter), clients=clients)
        assert of_rows == of_events and len(of_rows) == 3
        fields = ("id", "kind", "kind_label", "text", "url", "detail", "client_visible", "occurred_at", "ref_id", "day")
        for a, b in zip(of_rows, of_events, strict=True):
            assert [getattr(a, n) for n in fields] == [getattr(b, n) for n in fields]
            assert (a.actor and (a.actor.pk, a.actor.full_name, a.actor.gender)) == (
                b.actor and (b.actor.pk, b.actor.full_name, b.actor.gender)
            )
            assert (a.event.matter_id, a.event.actor, a.event.summary, a.event.params) == (
                b.event.matter_id,
                b.event.actor,
                b.event.summary,
                b.event.params,
            )
    assert of_rows[0].actor is of_rows[2].actor  # one user per author


# --- a fixed number of queries -----------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 200])
def test_the_timeline_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for n in range(count):
        line(world.a.matter, n, actor=world.a.lead, ref_type="task", ref_id=world.a.task.pk)
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=ft.MatterTypeFactory())
    login(client, world.a.user)
    # the matter, the visit, the page of lines with their authors, the kinds present, the stages
    with django_assert_num_queries(page_queries(5, client_user=True)):
        response = client.get(page_url(world.a.matter, q="accepted"))
    assert response.content.decode().count('class="tl-item') == min(count, 50)


def test_a_second_view_reads_the_kept_lines_kinds_and_stages(client, world):
    from core import caching

    line(world.a.matter, 1, actor=world.a.lead)
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=ft.MatterTypeFactory())
    login(client, world.a.user)
    client.get(page_url(world.a.matter))
    # the matter and the visit; the page of lines, the kinds present and the stages are kept (with Redis)
    content = 2 if caching.enabled() else 5
    with CaptureQueriesContext(connection) as queries:
        client.get(page_url(world.a.matter))
    assert len(queries) == page_queries(content, client_user=True, warm=True)


def test_a_change_of_the_stages_shows_at_once(client, world):
    matter_type = ft.MatterTypeFactory(stages=[("Анализ", "Analysis"), ("Суд", "Court")])
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=matter_type)
    login(client, world.a.user)

    def stages():  # the names in the page's progress line (the timeline's own lines name stages too)
        page = client.get(page_url(world.a.matter)).content.decode()
        return re.findall(r'<span class="stage-name">([^<]*)</span>', page)

    assert stages() == ["Analysis", "Court"]
    analysis, court = ft.stages_of(matter_type)
    analysis.name_en = "Study"
    analysis.save()
    Stage.objects.create(matter_type=matter_type, order=9, name_ru="Апелляция", name_en="Appeal")
    assert stages() == ["Study", "Court", "Appeal"]
    court.delete()
    assert stages() == ["Study", "Appeal"]


@pytest.mark.parametrize("count", [1, 200])
def test_the_timeline_api_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for n in range(count):
        line(world.a.matter, n, actor=world.a.lead)
    caller = api_for(world.a.user)
    with django_assert_num_queries(api_queries(3, client_user=True)):  # the matter, the visit, the lines
        response = caller.get(api_url(world.a.matter), {"kind": "task"})
    assert len(response.json()["results"]) == min(count, 50)


# --- who may read it --------------------------------------------------------------------------------


def test_another_clients_timeline_is_not_found_on_the_page_and_the_api(client, world):
    line(world.b.matter, 1, summary="B's secret line")
    login(client, world.a.user)
    assert client.get(page_url(world.b.matter)).status_code == 404
    response = api_for(world.a.user).get(api_url(world.b.matter))
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert not MatterVisit.objects.filter(user=world.a.user, matter=world.b.matter).exists()


@pytest.mark.parametrize("who", ["secretary", "other_specialist", "other_lead"])
def test_the_firms_people_not_on_the_matter_get_not_found(client, world, who):
    user = {"secretary": world.secretary, "other_specialist": world.b.specialist, "other_lead": world.b.lead}[who]
    login(client, user)
    assert client.get(page_url(world.a.matter)).status_code == 404
    assert api_for(user).get(api_url(world.a.matter)).status_code == 404


def test_an_assigned_secretary_and_a_partner_read_it(client, world):
    from matters.models import Assignment

    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    for user in (world.secretary, world.partner):
        login(client, user)
        assert client.get(page_url(world.a.matter)).status_code == 200


def test_a_bad_id_is_not_found(client, world):
    login(client, world.a.user)
    assert client.get("/matters/999999/timeline/").status_code == 404
    assert api_for(world.a.user).get("/api/matters/999999/timeline/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    response = client.get(page_url(world.a.matter))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert APIClient().get(api_url(world.a.matter)).status_code in (401, 403)


# --- the visit ------------------------------------------------------------------------------------


def test_opening_the_timeline_or_the_matter_page_records_the_visit(client, world):
    login(client, world.a.user)
    client.get(page_url(world.a.matter))
    first = MatterVisit.objects.get(user=world.a.user, matter=world.a.matter).seen_at
    client.get(reverse("matters:matter_detail", args=[world.a.matter.pk]))
    visit = MatterVisit.objects.get(user=world.a.user, matter=world.a.matter)
    assert visit.seen_at >= first
    assert MatterVisit.objects.filter(user=world.a.user).count() == 1


def test_matter_page_shows_the_stage_the_next_report_and_the_latest_lines(client, world):
    litigation = ft.MatterTypeFactory(stages=[("Анализ", "Analysis"), ("Суд", "Court")])
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    for n in range(7):
        line(world.a.matter, n, summary=f"Recent line {n}")
    login(client, world.a.user)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert 'aria-current="step"' in page and "Analysis" in page and "next: Court" in page
    assert "Recent line 6" in page and "Recent line 1" not in page  # the latest five
    assert reverse("matters:timeline", args=[world.a.matter.pk]) in page
    assert "quick-stage" not in page  # the client does not steer


def test_an_unassigned_secretary_sees_the_matter_page_without_its_timeline(client, world):
    line(world.a.matter, 1, summary="Confidential line")
    login(client, world.secretary)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "Confidential line" not in page
    assert reverse("matters:timeline", args=[world.a.matter.pk]) not in page


def test_timeline_in_english_and_russian_for_the_same_event(world):
    litigation = ft.MatterTypeFactory(stages=[("Анализ", "Analysis")])
    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=litigation)
    world.a.user.language = "ru"
    world.a.user.save(update_fields=["language"])
    with translation.override("ru"):
        body = api_for(world.a.user).get(api_url(world.a.matter)).json()
    assert "Анализ" in body["results"][0]["text"]
    english = api_for(f.ClientUserFactory(client=world.a.client, language="en")).get(api_url(world.a.matter)).json()
    assert "Analysis" in english["results"][0]["text"]


def test_the_matter_pages_progress_panel_costs_the_same_whatever_the_timelines_length(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    matter_type_set(matter=world.a.matter, by=world.a.lead, matter_type=ft.MatterTypeFactory())
    login(client, world.a.user)
    url = reverse("matters:matter_detail", args=[world.a.matter.pk])
    client.get(url)  # warms what is kept between requests (the terms answer, with Redis)
    counts = []
    for extra in (1, 60):
        for n in range(extra):
            line(world.a.matter, n, actor=world.a.lead)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
