"""The firm's search across matters, clients and tasks: scoped, grouped, 20 per group, fixed queries.

PostgreSQL searches words with Russian stemming; SQLite looks for the text (any case, Cyrillic too).
"""

import pytest
from django.db import connection
from django.urls import reverse

from portal.selectors.search import PER_GROUP, staff_search
from tests import factories as f
from tests import factories_intake as fi
from tests.conftest import api_for, api_queries, login, page_queries

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full text with Russian stemming needs PostgreSQL"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path (substring search)")


def numbers(rows):
    return sorted(getattr(row, "number", None) or row.name for row in rows)


# --- what it finds -------------------------------------------------------------------------------


@postgres_only
def test_a_word_finds_its_other_forms_on_postgresql(world):
    one = f.MatterFactory(client=world.a.client, lead=world.a.lead, title="Взыскание неустойки с застройщика")
    two = f.TaskFactory(matter=world.a.matter, subject="Расчёт", text="Прошу рассчитать неустойку за просрочку")
    f.TaskFactory(matter=world.a.matter, subject="Аренда", text="Проект договора аренды")
    found = staff_search(user=world.partner, query="неустойка")
    assert [m.pk for m in found.matters] == [one.pk]
    assert [t.pk for t in found.tasks] == [two.pk]


@postgres_only
def test_websearch_syntax_and_ranking_on_postgresql(world):
    both = f.TaskFactory(matter=world.a.matter, subject="Неустойка", text="неустойка, неустойки, неустойку")
    once = f.TaskFactory(matter=world.a.matter, subject="Договор", text="упомянута неустойка")
    f.TaskFactory(matter=world.a.matter, subject="Неустойка по аренде", text="неустойка за аренду")
    found = staff_search(user=world.partner, query="неустойка -аренда")
    assert {t.pk for t in found.tasks} == {both.pk, once.pk}
    # the best match first: the one that is about it more
    assert staff_search(user=world.partner, query="неустойка").tasks[0].pk == both.pk


@sqlite_only
def test_the_sqlite_path_finds_the_text_in_any_case_cyrillic_included(world):
    one = f.MatterFactory(client=world.a.client, lead=world.a.lead, title="Взыскание НЕУСТОЙКИ с застройщика")
    two = f.TaskFactory(matter=world.a.matter, subject="Расчёт", text="Прошу рассчитать Неустойку за просрочку")
    f.TaskFactory(matter=world.a.matter, subject="Аренда", text="Проект договора аренды")
    found = staff_search(user=world.partner, query="неустойка")  # looked for as «неустойк»: any form
    assert [m.pk for m in found.matters] == [one.pk]
    assert [t.pk for t in found.tasks] == [two.pk]
    # each word must be there, in any field
    assert [t.pk for t in staff_search(user=world.partner, query="расчёт просрочку").tasks] == [two.pk]
    assert staff_search(user=world.partner, query="расчёт аренды").tasks == []


def test_a_russian_word_is_looked_for_by_the_part_all_its_forms_share():
    from matters.text_search import word_stem

    assert word_stem("неустойка") == word_stem("Неустойку") == "неустойк"
    assert word_stem("поставке") == "поставк"
    assert word_stem("2026-0001") == "2026-0001" and word_stem("иск") == "иск" and word_stem("claim") == "claim"


def test_numbers_and_tax_numbers_are_matched_as_identifiers(world):
    inn, ogrn = fi.inn10(), fi.ogrn13()
    client = f.ClientFactory(name="ООО «Самоцветы»", inn=inn, ogrn=ogrn)
    matter = f.MatterFactory(client=client, lead=world.a.lead, number="2026/0042")
    task = f.TaskFactory(matter=matter, number="2026-00077")
    assert [c.pk for c in staff_search(user=world.partner, query=inn).clients] == [client.pk]
    assert [c.pk for c in staff_search(user=world.partner, query=f" {ogrn} ").clients] == [client.pk]
    assert staff_search(user=world.partner, query=inn[:-1]).clients == []  # INN exact only
    assert [m.pk for m in staff_search(user=world.partner, query="2026/004").matters] == [matter.pk]
    assert [t.pk for t in staff_search(user=world.partner, query="2026-00077").tasks] == [task.pk]


def test_clients_by_name_or_short_name_and_part_of_a_name(world):
    gems = f.ClientFactory(name="Общество с ограниченной ответственностью «Самоцветы»", short_name="ООО «Самоцветы»")
    assert [c.pk for c in staff_search(user=world.partner, query="самоцветы").clients] == [gems.pk]
    assert [c.pk for c in staff_search(user=world.partner, query="Самоцв").clients] == [gems.pk]


def test_an_empty_query_finds_nothing_and_costs_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert staff_search(user=world.partner, query="   ").empty


def test_at_most_twenty_per_group(world):
    for n in range(PER_GROUP + 5):
        f.TaskFactory(matter=world.a.matter, subject=f"Претензия {n}", text="претензия поставщику")
    assert len(staff_search(user=world.partner, query="претензия").tasks) == PER_GROUP


# --- scoping ---------------------------------------------------------------------------------------


def test_a_specialist_never_finds_another_clients_matters_tasks_or_the_client(world):
    f.MatterFactory(client=world.b.client, lead=world.b.lead, title="Тайное дело Беты о поставке")
    f.TaskFactory(matter=world.b.matter, subject="Тайная задача Беты о поставке", text="поставка")
    mine = f.TaskFactory(matter=world.a.matter, subject="Задача Альфы о поставке", text="поставка")
    for query in ("поставке", "Бета", world.b.matter.number, world.b.task.number):
        found = staff_search(user=world.a.specialist, query=query)
        assert all(m.client_id == world.a.client.pk for m in found.matters), query
        assert all(t.client_id == world.a.client.pk for t in found.tasks), query
        assert all(c.pk == world.a.client.pk for c in found.clients), query
    assert mine.pk in [t.pk for t in staff_search(user=world.a.specialist, query="поставке").tasks]


def test_a_secretary_finds_clients_and_matter_headings_but_only_its_own_tasks(world):
    found = staff_search(user=world.secretary, query=world.a.task.number)
    assert found.tasks == []
    registered = f.TaskFactory(matter=world.a.matter, registered_by=world.secretary, number="2026-55555")
    assert [t.pk for t in staff_search(user=world.secretary, query="2026-55555").tasks] == [registered.pk]
    assert [m.pk for m in staff_search(user=world.secretary, query=world.b.matter.number).matters] == [
        world.b.matter.pk
    ]


def test_client_users_have_no_search_page_or_api(client, world):
    login(client, world.a.user)
    assert client.get(reverse("portal:search"), {"q": "дело"}).status_code == 404
    response = api_for(world.a.user).get("/api/search/", {"q": "дело"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert staff_search(user=world.a.user, query=world.a.matter.number).empty


# --- pages, API, queries -----------------------------------------------------------------------------


def test_the_page_groups_results_by_kind_with_links(client, world):
    login(client, world.a.lead)
    page = client.get(reverse("portal:search"), {"q": world.a.matter.number}).content.decode()
    assert reverse("matters:matter_detail", args=[world.a.matter.pk]) in page
    assert 'id="found-matters"' in page and 'id="found-clients"' in page and 'id="found-tasks"' in page
    assert "Nothing found" in client.get(reverse("portal:search"), {"q": "zzzqqq"}).content.decode()
    assert "Search by words" in client.get(reverse("portal:search")).content.decode()


def test_the_api_returns_the_three_groups(world):
    body = api_for(world.a.lead).get("/api/search/", {"q": world.a.task.number}).json()
    assert body["query"] == world.a.task.number
    assert [t["number"] for t in body["tasks"]] == [world.a.task.number]
    assert body["tasks"][0]["url"] == reverse("matters:task_detail", args=[world.a.task.pk])
    assert set(body) == {"query", "matters", "clients", "tasks"}


def many(world, count):
    for n in range(count):
        matter = f.MatterFactory(client=world.a.client, lead=world.a.lead, title=f"Поставка оборудования {n}")
        f.TaskFactory(matter=matter, subject=f"Поставка {n}", text="Поставка оборудования")
        f.ClientFactory(name=f"ООО «Поставка {n}»")


@pytest.mark.parametrize("count", [1, 30])
def test_the_search_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    many(world, count)
    login(client, world.partner)
    with django_assert_num_queries(page_queries(3)):  # matters, clients, tasks
        response = client.get(reverse("portal:search"), {"q": "Поставка"})
    assert response.content.decode().count(reverse("matters:task_list")) >= min(count, PER_GROUP)


@pytest.mark.parametrize("count", [1, 30])
def test_the_search_api_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    many(world, count)
    with django_assert_num_queries(api_queries(3)):
        body = api_for(world.a.lead).get("/api/search/", {"q": "Поставка"}).json()
    assert len(body["matters"]) == min(count, PER_GROUP)


@postgres_only
def test_the_searched_expressions_are_the_ones_migration_0007_indexes(world):
    from django.contrib.postgres.search import SearchQuery

    from clients.models import Client
    from matters.models import Matter, Task
    from matters.text_search import words_vector
    from portal.selectors.search import CLIENT_WORDS, MATTER_WORDS, TASK_WORDS

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    query = SearchQuery("неустойка", config="russian", search_type="websearch")
    for model, words, index in (
        (Task, TASK_WORDS, "task_words_fts"),
        (Matter, MATTER_WORDS, "matter_words_fts"),
        (Client, CLIENT_WORDS, "client_words_fts"),
    ):
        plan = model.objects.alias(words=words_vector(*words)).filter(words=query).explain()
        assert index in plan, plan
    plan = Client.objects.filter(name__icontains="Самоцв").explain()
    assert "client_name_upper_trgm" in plan, plan
