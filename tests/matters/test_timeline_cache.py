"""The timeline's page of lines and its API page are kept per user (matters.selectors.timeline_page_kept): a
new line, a line shown to or hidden from the client, an author renamed show on the next view; a lost matter
is a 404 at once, whatever was kept; another language shows at once; nobody is handed another user's lines;
and what is kept is byte for byte what an uncached view shows, for every role. Run with caches on (as CI does
with Redis)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import caching
from matters.models import Assignment
from matters.services.risk import risk_warn
from tests import factories as f
from tests import factories_timeline as ft
from tests.conftest import api_for, api_queries, login, page_queries
from timeline.models import TimelineEvent
from timeline.scopes import ACTORS_SCOPE
from users.services import user_set_language

pytestmark = pytest.mark.django_db

T0 = timezone.now() - dt.timedelta(days=30)


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PORTAL_CACHE = True


def line(matter, n, **fields):
    return ft.TimelineEventFactory(matter=matter, occurred_at=T0 + dt.timedelta(hours=n), **fields)


def page(client, matter, query="") -> str:
    response = client.get(reverse("matters:timeline", args=[matter.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def api(caller, matter, query="") -> dict:
    response = caller.get(reverse("api:matter_timeline", args=[matter.pk]) + query)
    assert response.status_code == 200
    return response.json()


def texts(data: dict) -> list[str]:
    return [row["text"] for row in data["results"]]


# --- kept, and the writes that show at once ------------------------------------------------------------


def test_a_kept_page_and_api_page_read_no_lines(client, world):
    for n in range(3):
        line(world.a.matter, n, actor=world.a.lead)
    login(client, world.a.user)
    page(client, world.a.matter)
    with CaptureQueriesContext(connection) as queries:  # the matter and the visit; lines, kinds, stages kept
        assert page(client, world.a.matter).count('class="tl-item') == 3
    assert len(queries) == page_queries(2, client_user=True, warm=True)
    caller = api_for(world.a.user)
    api(caller, world.a.matter)
    with CaptureQueriesContext(connection) as queries:  # the matter and the visit
        assert len(api(caller, world.a.matter)["results"]) == 3
    assert len(queries) == api_queries(2, client_user=True, warm=True)


def test_a_new_line_shows_at_once_on_the_page_and_the_api(client, world):
    line(world.a.matter, 1, actor=world.a.lead)
    login(client, world.a.lead)
    caller = api_for(world.a.lead)
    assert "Ставка рефинансирования" not in page(client, world.a.matter)
    assert "Ставка рефинансирования" not in str(api(caller, world.a.matter))
    risk_warn(matter=world.a.matter, by=world.a.lead, subject="Ставка рефинансирования", text="Подробно")
    assert "Ставка рефинансирования" in page(client, world.a.matter)
    assert "Ставка рефинансирования" in str(api(caller, world.a.matter))  # its text or its detail
    # and a line written outside the services (the factory saves the model): the same
    line(world.a.matter, 99, params={"number": "2026-77777", "name": "Орлов"})
    assert "2026-77777" in page(client, world.a.matter)
    assert any("2026-77777" in t for t in texts(api(caller, world.a.matter)))


def test_a_line_shown_to_or_hidden_from_the_client_shows_at_once(client, world):
    event = line(world.a.matter, 1, params={"number": "2026-00042", "name": "Орлов"}, client_visible=False)
    login(client, world.a.user)
    caller = api_for(world.a.user)
    assert "2026-00042" not in page(client, world.a.matter)
    assert texts(api(caller, world.a.matter)) == []
    event.client_visible = True
    event.save()
    assert "2026-00042" in page(client, world.a.matter)
    assert len(texts(api(caller, world.a.matter))) == 1
    event.client_visible = False
    event.save(update_fields=["client_visible"])
    assert "2026-00042" not in page(client, world.a.matter)
    assert texts(api(caller, world.a.matter)) == []
    line(world.a.matter, 2, params={"number": "2026-00043", "name": "Орлов"})
    TimelineEvent.objects.get(params__number="2026-00043").delete()
    assert "2026-00043" not in page(client, world.a.matter)


def test_an_author_renamed_or_of_another_gender_shows_at_once(client, world):
    world.a.lead.gender = "male"
    world.a.lead.save()
    line(world.a.matter, 1, actor=world.a.lead, params={"number": "2026-00001", "name": world.a.lead.full_name})
    user_set_language(user=world.a.user, language="ru")
    login(client, world.a.user)
    caller = api_for(world.a.user)
    assert world.a.lead.full_name in page(client, world.a.matter)
    assert " принял задачу 2026-00001" in page(client, world.a.matter)
    assert api(caller, world.a.matter)["results"][0]["actor"]["name"] == world.a.lead.full_name
    world.a.lead.full_name = "Сидорова Анна Петровна"
    world.a.lead.save(update_fields=["full_name"])
    assert "Сидорова Анна Петровна" in page(client, world.a.matter)
    assert api(caller, world.a.matter)["results"][0]["actor"]["name"] == "Сидорова Анна Петровна"
    world.a.lead.gender = "female"
    world.a.lead.save(update_fields=["gender"])
    assert " приняла задачу 2026-00001" in page(client, world.a.matter)
    assert api(caller, world.a.matter)["results"][0]["text"].endswith(" приняла задачу 2026-00001")


def test_a_sign_in_or_a_new_password_keeps_what_is_kept():
    before = caching.generations([ACTORS_SCOPE])
    user = f.LeadFactory()
    assert caching.generations([ACTORS_SCOPE]) != before  # a new user (a save of every field)
    before = caching.generations([ACTORS_SCOPE])
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    user.set_password("another-password-123")
    user.save(update_fields=["password"])
    assert caching.generations([ACTORS_SCOPE]) == before


def test_another_language_shows_at_once(client, world):
    line(world.a.matter, 1, kind=TimelineEvent.Kind.TASK, client_visible=False)
    login(client, world.a.lead)
    caller = api_for(world.a.lead)
    assert "the firm only" in page(client, world.a.matter)
    assert api(caller, world.a.matter)["results"][0]["kind_label"] == "task"
    user_set_language(user=world.a.lead, language="ru")  # a save of the language alone: no scope is bumped
    assert "только для фирмы" in page(client, world.a.matter)
    assert api(caller, world.a.matter)["results"][0]["kind_label"] == "задача"


# --- the gate is never kept --------------------------------------------------------------------------


def test_a_lost_assignment_is_not_found_at_once_even_when_nothing_was_bumped(client, world):
    line(world.a.matter, 1)
    login(client, world.a.specialist)
    caller = api_for(world.a.specialist)
    page(client, world.a.matter)
    api(caller, world.a.matter)
    # Removed behind every signal's back (raw SQL): only the gate, asked on every view, can tell.
    table = Assignment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE user_id = %s", [world.a.specialist.pk])  # noqa: S608
    assert client.get(reverse("matters:timeline", args=[world.a.matter.pk])).status_code == 404
    assert caller.get(reverse("api:matter_timeline", args=[world.a.matter.pk])).status_code == 404


# --- nobody is handed another user's lines ---------------------------------------------------------------


def test_a_client_user_never_gets_the_lines_kept_for_a_lawyer(world):
    line(world.a.matter, 1, params={"number": "2026-00007", "name": "Орлов"}, client_visible=False)
    line(world.a.matter, 2, params={"number": "2026-00008", "name": "Орлов"})
    lawyer, client_user = login(Client(), world.a.lead), login(Client(), world.a.user)
    for query in ("", "?kind=task", "?q=2026"):
        assert "2026-00007" in page(lawyer, world.a.matter, query)
        assert "2026-00007" in page(lawyer, world.a.matter, query)  # kept
        shown = page(client_user, world.a.matter, query)
        assert "2026-00008" in shown and "2026-00007" not in shown
    assert [t for t in texts(api(api_for(world.a.lead), world.a.matter)) if "2026-00007" in t]
    assert not [t for t in texts(api(api_for(world.a.user), world.a.matter)) if "2026-00007" in t]


def test_two_users_of_one_role_never_share_a_kept_page(world):
    """Each user's own key: another specialist's kept page is never read, even for the same lines."""
    line(world.a.matter, 1, actor=world.a.lead)
    other = f.SpecialistFactory(language="en")
    Assignment.objects.create(matter=world.a.matter, user=other)
    first, second = login(Client(), world.a.specialist), login(Client(), other)
    page(first, world.a.matter)
    with CaptureQueriesContext(connection) as queries:
        page(second, world.a.matter)
    assert any("matters_timelineevent" in q["sql"] for q in queries.captured_queries)


# --- kept = uncached -----------------------------------------------------------------------------------

_TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


def _same(text: str) -> str:
    """A page without what differs on every request of it (its CSRF tokens, the CSP nonce)."""
    return _TOKENS.sub(r'\1""', text)


def _volume(world):
    kinds = list(TimelineEvent.Kind.values)
    people = [world.a.lead, world.a.specialist, None]
    for n in range(70):
        line(
            world.a.matter,
            n,
            kind=kinds[n % len(kinds)],
            actor=people[n % 3],
            client_visible=n % 4 != 0,
            ref_type="task" if n % 2 else "",
            ref_id=world.a.task.pk if n % 2 else None,
            detail=f"Подробности <{n}> & прочее" if n % 5 == 0 else "",
        )


@pytest.mark.parametrize("who", ["client", "lead", "specialist", "secretary", "partner"])
def test_what_is_kept_is_byte_for_byte_what_an_uncached_view_shows(settings, world, who):
    _volume(world)
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    user = {
        "client": world.a.user,
        "lead": world.a.lead,
        "specialist": world.a.specialist,
        "secretary": world.secretary,
        "partner": world.partner,
    }[who]
    browser, caller = login(Client(), user), api_for(user)
    queries = ["", "?page=2", "?page=9", "?kind=task", "?q=2026", "?kind=message&q=nothing-like-it"]
    api_asks = ["", "?kind=task", "?q=2026", "?page_size=20"]

    def everything() -> tuple[list[str], list[dict]]:
        pages = [_same(page(browser, world.a.matter, q)) for q in queries]
        answers = [api(caller, world.a.matter, q) for q in api_asks]
        for _ in range(5):  # the cursor's next pages, as a caller follows them (70 lines: 4 pages at most)
            if not answers[-1]["next"]:
                break
            answers.append(caller.get(answers[-1]["next"]).json())
        return pages, answers

    first = everything()
    kept = everything()
    settings.PORTAL_CACHE = False
    uncached = everything()
    assert kept == uncached == first
    # and they were kept: a kept view reads no line
    settings.PORTAL_CACHE = True
    with CaptureQueriesContext(connection) as captured:
        everything()
    assert not any("matters_timelineevent" in q["sql"] for q in captured.captured_queries)
