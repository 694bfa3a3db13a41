"""The inbox's page is kept per user and page (matters.selectors.task_inbox_page): which tasks are on it. A
write that changes who may accept what — a task submitted, accepted or declined, an assignment added or
removed, a lead flag, a matter moved to another client — shows on the next view; the rows' own words are
read fresh every time; nobody is handed another user's page; and the page runs the same queries kept or
not. Run with caches on (as CI does with Redis)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from matters.models import Assignment, Task
from matters.selectors import task_inbox, task_inbox_page, task_row_page
from matters.services import task_accept, task_decline, task_submit
from matters.services.matters import assignment_add
from tests import factories as f
from tests.conftest import login, page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PORTAL_CACHE = True


def inbox(client, page=None) -> str:
    response = client.get(reverse("matters:inbox"), {"page": page} if page else {})
    assert response.status_code == 200
    return response.content.decode()


def listed(html: str) -> str:
    """The page's rows and its pager (the rest holds this request's CSRF token)."""
    return re.search(r'<table class="list">.*?</table>\s*(<nav class="pager".*?</nav>)?', html, re.S)[0]


def viewing(user) -> Client:
    """`user`'s browser, with the inbox viewed once: from now on it is kept."""
    browser = login(Client(), user)
    inbox(browser)
    return browser


def test_a_kept_inbox_runs_the_same_queries_and_shows_the_same_page(world, django_assert_num_queries):
    tasks = [f.TaskFactory(matter=world.a.matter, registered_by=world.a.user) for _ in range(55)]
    browser = login(Client(), world.a.lead)
    with django_assert_num_queries(page_queries(2)):  # the inbox's tasks; the powers expiring soon
        first = inbox(browser)
    # kept: the tasks read by their ids (the powers expiring soon are kept too: core.dashboard_cache)
    with django_assert_num_queries(page_queries(1, warm=True)):
        assert listed(inbox(browser)) == listed(first)
    second = inbox(browser, page=2)
    with django_assert_num_queries(page_queries(1, warm=True)):
        assert listed(inbox(browser, page=2)) == listed(second)
    assert 'rel="next"' in listed(first) and 'rel="next"' not in listed(second)
    # oldest first: the world's own task and 49 of these on the first page, the other six on the second
    assert tasks[48].number in first and tasks[49].number not in first
    assert tasks[49].number in second and tasks[54].number in second and world.a.task.number not in second


def test_the_kept_page_is_the_page_computed_afresh_for_every_role(world):
    a = world.a
    f.TaskFactory(matter=a.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    f.TaskFactory(matter=None, client=a.client, registered_by=a.user)
    f.TaskFactory(matter=None, client=a.client, channel=Task.Channel.PHONE, registered_by=world.secretary)
    for _ in range(51):
        f.TaskFactory(matter=world.b.matter, registered_by=world.b.user)
    people = [a.user, a.lead, a.specialist, world.b.lead, world.b.specialist, world.partner, world.secretary]
    for user in people:
        for page in (1, 2):
            fresh = task_row_page(task_inbox(user=user), page)
            for _ in range(2):  # computed, then kept
                kept = task_inbox_page(user=user, page=page)
                assert (kept.items, kept.has_next, kept.number) == (fresh.items, fresh.has_next, fresh.number)


def test_a_task_submitted_shows_at_once(world):
    lead = viewing(world.a.lead)
    task = task_submit(client_user=world.a.user, subject="Срочный вопрос", text="Текст", matter=world.a.matter)
    assert task.number in inbox(lead)


@pytest.mark.parametrize("act", ["accept", "decline"])
def test_a_task_accepted_or_declined_leaves_every_inbox_at_once(world, act, django_assert_num_queries):
    """At once because the act bumps: the page is computed anew in its one query, not found short of the task."""
    lead, specialist = viewing(world.a.lead), viewing(world.a.specialist)
    assert world.a.task.number in inbox(lead) and world.a.task.number in inbox(specialist)
    if act == "accept":
        task_accept(task=world.a.task, by=world.a.specialist)
    else:
        task_decline(task=world.a.task, by=world.a.specialist, reason="Не наш профиль")
    # the inbox's one query; the powers expiring soon again (a task's save bumps the dashboards' scopes too)
    with django_assert_num_queries(page_queries(2, warm=True)):
        assert world.a.task.number not in inbox(lead)
    assert world.a.task.number not in inbox(specialist)


def test_a_new_assignment_shows_its_tasks_at_once(world):
    specialist = viewing(world.a.specialist)
    assert world.b.task.number not in inbox(specialist)
    assignment_add(by=world.partner, matter=world.b.matter, user=world.a.specialist)
    assert world.b.task.number in inbox(specialist)


def test_a_removed_assignment_takes_its_tasks_away_at_once(world):
    """Removed the way the admin's inline removes it: a delete, no service."""
    specialist = viewing(world.a.specialist)
    assert world.a.task.number in inbox(specialist)
    Assignment.objects.get(matter=world.a.matter, user=world.a.specialist).delete()
    assert world.a.task.number not in inbox(specialist)


def test_a_lead_flag_shows_and_hides_the_tasks_by_phone_at_once(world):
    """Flipped the way the admin's inline flips it: a save of the assignment."""
    phone = f.TaskFactory(matter=world.a.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    specialist = viewing(world.a.specialist)
    assert phone.number not in inbox(specialist)
    led = Assignment.objects.get(matter=world.a.matter, is_lead=True)
    led.is_lead = False
    led.save()
    made = Assignment.objects.get(matter=world.a.matter, user=world.a.specialist)
    made.is_lead = True
    made.save()
    assert phone.number in inbox(specialist)
    made.is_lead = False
    made.save(update_fields=["is_lead"])
    assert phone.number not in inbox(specialist)


def test_a_matter_moved_to_another_client_brings_that_clients_loose_tasks_at_once(world):
    """A task not yet tied to a matter is accepted by the lawyers of its client's matters (the admin moves a
    matter by saving it)."""
    loose = f.TaskFactory(matter=None, client=world.b.client, registered_by=world.b.user)
    lead = viewing(world.a.lead)
    assert loose.number not in inbox(lead)
    world.a.matter.client = world.b.client
    world.a.matter.save()
    assert loose.number in inbox(lead)


def test_two_people_are_never_handed_each_others_page(world):
    """Same page, same scopes, same generations: the user is in the key. The lead and the specialist of the
    same matter differ by the task that came by phone."""
    phone = f.TaskFactory(matter=world.a.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    a_lead, b_lead = viewing(world.a.lead), viewing(world.b.lead)
    a_specialist = viewing(world.a.specialist)
    for _ in range(2):
        mine, theirs, specialists = inbox(a_lead), inbox(b_lead), inbox(a_specialist)
        assert world.a.task.number in mine and world.b.task.number not in mine and phone.number in mine
        assert world.b.task.number in theirs and world.a.task.number not in theirs
        assert world.a.task.number in specialists and phone.number not in specialists


def test_the_rows_words_are_read_fresh_on_a_kept_page(world):
    """Only which tasks are on the page is kept: a new subject or client name shows though nothing is bumped."""
    lead = viewing(world.a.lead)
    Task.objects.filter(pk=world.a.task.pk).update(subject="Новая тема")
    world.a.client.short_name = "Альфа-Новая"
    world.a.client.save(update_fields=["short_name"])
    page = inbox(lead)
    assert "Новая тема" in page and "Альфа-Новая" in page


def test_a_kept_task_no_longer_waiting_is_never_shown(world, django_assert_num_queries):
    """Were a write to forget its bump (QuerySet.update() sends no signal), a task no longer submitted would
    still not show: the kept ids are read only while submitted, and the page is then computed afresh."""
    later = f.TaskFactory(matter=world.a.matter, registered_by=world.a.user)
    lead = viewing(world.a.lead)
    Task.objects.filter(pk=world.a.task.pk).update(
        status=Task.Status.DECLINED, declined_by=world.a.lead, decline_reason="Не наш профиль"
    )
    with django_assert_num_queries(page_queries(2, warm=True)):  # the kept ids read, one short: the page afresh
        page = inbox(lead)
    assert world.a.task.number not in page and later.number in page
