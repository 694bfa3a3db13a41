"""The dashboards' bodies are kept per user (portal.views.dashboard, core.dashboard_cache): a write to what
they show — through a service, the admin, a delete — shows on the next visit; another client's write does
not throw a client's kept body away; nobody is handed another user's; the forms in it carry this request's
CSRF token; and every table a dashboard reads is one whose writes bump it. Run with caches on (as CI does
with Redis)."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone

from clients.services.powers import poa_expiry_sweep
from core import caching, dashboard_cache
from matters.models import Task
from matters.services import task_accept, task_submit
from matters.services.messages import message_post
from matters.services.risk import risk_warn
from matters.services.visits import matter_visit_record
from portal.views import dashboard as views
from tests import factories as f
from tests import factories_hearings as fh
from tests import factories_timeline as ft
from tests.conftest import login, page_queries
from tests.factories_powers import PowerFactory
from tests.portal.test_dashboard_pages_api import client_data, staff_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PORTAL_CACHE = True


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_dashboard_runs_no_query_of_its_own(client, world, django_assert_num_queries):
    login(client, world.a.user)
    home(client)
    with django_assert_num_queries(page_queries(0, client_user=True, warm=True)):
        home(client)
    login(client, world.a.lead)
    home(client)
    with django_assert_num_queries(page_queries(0, warm=True)):
        home(client)


def test_a_task_submitted_shows_on_the_clients_and_the_lawyers_dashboards_at_once(world):
    client_page, lead_page = login(Client(), world.a.user), login(Client(), world.a.lead)
    assert "Срочный вопрос" not in home(client_page) and "Срочный вопрос" not in home(lead_page)
    task = task_submit(client_user=world.a.user, subject="Срочный вопрос", text="Текст", matter=world.a.matter)
    assert "Срочный вопрос" in home(client_page)
    assert "Срочный вопрос" in home(lead_page)
    task_accept(task=task, by=world.a.lead)
    lead = home(lead_page)
    accept = lead.split('id="accept-title"')[1].split("</section>")[0]
    answer = lead.split('id="answer-title"')[1].split("</section>")[0]
    assert "Срочный вопрос" not in accept and "Срочный вопрос" in answer


def test_a_message_shows_as_needed_until_the_client_reads_the_thread(client, world):
    login(client, world.a.user)
    assert 'class="needed-message"' not in home(client)
    message_post(matter=world.a.matter, by=world.a.lead, body="Нужна ваша подпись", material=True)
    assert 'class="needed-message"' in home(client)
    client.get(f"/matters/{world.a.matter.pk}/messages/")  # reading the thread marks it read (an UPDATE)
    assert 'class="needed-message"' not in home(client)


def test_a_visit_moves_since_your_last_visit(client, world):
    ft.TimelineEventFactory(matter=world.a.matter, actor=world.a.lead, occurred_at=timezone.now())
    login(client, world.a.user)
    assert 'class="badge badge-new"' in home(client)
    matter_visit_record(user=world.a.user, matter=world.a.matter)  # an UPSERT: no model signal
    assert 'class="badge badge-new"' not in home(client)


def test_another_clients_write_keeps_a_clients_dashboard_but_the_firms_is_redone(client, world):
    login(client, world.a.user)
    home(client)
    before = caching.generations(dashboard_cache.client_scopes(world.a.client.pk))
    firm_before = caching.generations([dashboard_cache.FIRM])
    risk_warn(matter=world.b.matter, by=world.b.lead, subject="Риск по делу B", text="Подробно")
    assert caching.generations(dashboard_cache.client_scopes(world.a.client.pk)) == before
    assert caching.generations([dashboard_cache.FIRM]) != firm_before
    assert "Риск по делу B" not in home(client)


def test_an_admins_delete_and_a_bulk_sweep_bump_too(client, world):
    task = f.TaskFactory(matter=world.a.matter, client=world.a.client, subject="Удаляемая задача")
    login(client, world.a.lead)
    assert "Удаляемая задача" in home(client)
    Task.objects.get(pk=task.pk).delete()
    assert "Удаляемая задача" not in home(client)
    power = PowerFactory(client=world.a.client, valid_until=timezone.localdate(), number="ДОВ-СРОК")
    power.matters.add(world.a.matter)
    assert "ДОВ-СРОК" in home(client)
    poa_expiry_sweep(today=timezone.localdate() + timezone.timedelta(days=1))  # expires it with one UPDATE
    assert "ДОВ-СРОК" not in home(client)


def test_nobody_is_handed_another_users_dashboard(world):
    pages = {}
    for name, user in [("a", world.a.user), ("b", world.b.user), ("lead_a", world.a.lead), ("lead_b", world.b.lead)]:
        c = login(Client(), user)
        home(c)
        pages[name] = home(c)  # kept
    assert world.a.matter.title in pages["a"] and world.a.matter.title not in pages["b"]
    assert world.b.matter.title in pages["b"] and world.b.matter.title not in pages["a"]
    assert world.a.matter.number in pages["lead_a"] and world.a.matter.number not in pages["lead_b"]


def test_the_kept_form_carries_this_requests_csrf_token(world):
    hearing = fh.HearingFactory(matter=world.a.matter)
    fh.AttendeeFactory(hearing=hearing, user=world.a.user)
    first = login(Client(enforce_csrf_checks=True), world.a.user)
    assert 'class="answer-form"' in home(first)
    second = login(Client(enforce_csrf_checks=True), world.a.user)  # another session: another CSRF secret
    page = home(second)  # kept from the first session's visit
    form = re.search(r'<form method="post" action="([^"]+)" class="answer-form".*?</form>', page, re.DOTALL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)
    response = second.post(form.group(1), {"csrfmiddlewaretoken": token, "answer": "confirm", "next": "dashboard"})
    assert response.status_code == 302 and response["Location"] == "/"


# --- every table a dashboard reads is watched --------------------------------------------------------


def _tables_read(request, kind) -> set[str]:
    sql: list[str] = []

    def record(execute, statement, params, many, context):
        sql.append(statement)
        return execute(statement, params, many, context)

    make = views._client_context if kind == "client" else views._staff_context
    with connection.execute_wrapper(record):
        from django.template.loader import render_to_string

        render_to_string(f"portal/_board_{kind}.html", make(request.user), request=request)
    return {t for s in sql for t in re.findall(r'(?:FROM|JOIN) "([a-z0-9_]+)"', s)}


def test_every_table_a_dashboard_reads_bumps_it_when_written(world):
    client_data(world, 2)
    staff_data(world, 2)
    by_table = {m._meta.db_table: m for m in apps.get_models()}
    covered = set(dashboard_cache.watched())
    read = set()
    for kind, user in [
        ("client", world.a.user),
        ("staff", world.a.lead),
        ("staff", world.partner),
        ("staff", world.secretary),
        ("staff", world.a.specialist),
    ]:
        request = RequestFactory().get("/")
        request.user = user
        read |= _tables_read(request, kind)
    models = {by_table[t] for t in read if t in by_table}
    assert {"matters_task", "matters_message", "hearings_hearing", "matters_timelineevent"} <= read
    assert models - covered == set()
    assert set(dashboard_cache._extra_scopes) >= {"billing:invoices", "billing:acts", "billing:advances"}


def test_the_expiring_powers_panel_of_the_task_list_and_inbox_is_kept_and_moves_with_a_write(client, world):
    login(client, world.a.lead)
    assert "ДОВ-ИНБОКС" not in client.get("/tasks/inbox/").content.decode()
    power = PowerFactory(client=world.a.client, valid_until=timezone.localdate(), number="ДОВ-ИНБОКС")
    power.matters.add(world.a.matter)
    assert "ДОВ-ИНБОКС" in client.get("/tasks/inbox/").content.decode()
    login(client, world.a.user)
    assert "ДОВ-ИНБОКС" in client.get("/tasks/").content.decode()
    login(client, world.b.user)
    assert "ДОВ-ИНБОКС" not in client.get("/tasks/").content.decode()
    power.delete()
    login(client, world.a.user)
    assert "ДОВ-ИНБОКС" not in client.get("/tasks/").content.decode()


def test_a_rows_client_is_found_through_its_own_client_its_matter_or_the_row_it_belongs_to(world):
    delivery = ft.DeliveryFactory(deliverable__matter=world.a.matter)
    hearing = fh.HearingFactory(matter=world.b.matter)
    attendee = fh.AttendeeFactory(hearing=hearing)
    assert dashboard_cache.client_of(world.a.matter) == world.a.client.pk
    assert dashboard_cache.client_of(delivery) == world.a.client.pk  # delivery → deliverable → matter
    assert dashboard_cache.client_of(attendee) == world.b.client.pk  # attendee → hearing → matter
    assert dashboard_cache.client_of(world.a.user) == world.a.client.pk
    assert dashboard_cache.client_of(world.a.lead) is None  # a lawyer: every client's dashboards
