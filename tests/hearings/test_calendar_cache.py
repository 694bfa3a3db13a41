"""The month's grid is kept in core.caching per user: a change through a service shows at once, and
nobody is ever handed another user's grid. Run with caches on (as CI does with Redis)."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone

from core import caching
from hearings.access import CALENDAR_SCOPE
from hearings.models import Deadline, Hearing
from hearings.services.deadlines import deadline_add, deadline_change, deadline_done
from hearings.services.hearings import hearing_cancel, hearing_reschedule, hearing_schedule, hearing_update
from matters.models import Matter
from matters.services import assignment_add
from tests import factories as f
from tests import factories_calendar as fc
from tests.conftest import login, page_queries
from tests.hearings.test_calendar_pages import URL, _on

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PORTAL_CACHE = True


def _day(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _soon():
    return _day(1)


def month(client, **params) -> str:
    return client.get(URL, {"view": "month", **params}).content.decode()


def _month_of(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def test_a_change_through_the_services_is_seen_at_once(client, world):
    day = _soon()
    login(client, world.a.lead)
    assert "Первое заседание" not in month(client, month=_month_of(day))  # cached, empty
    hearing = hearing_schedule(matter=world.a.matter, by=world.a.lead, starts_at=_on(day, 10), title="Первое заседание")
    assert "Первое заседание" in month(client, month=_month_of(day))
    hearing_update(hearing=hearing, by=world.a.lead, title="Переименованное заседание")
    page = month(client, month=_month_of(day))
    assert "Переименованное заседание" in page and "Первое заседание" not in page
    later = day + dt.timedelta(days=40)
    hearing = hearing_reschedule(hearing=hearing, by=world.a.lead, starts_at=_on(later, 11))
    assert "Переименованное заседание" not in month(client, month=_month_of(day))  # 40 days on: another month
    assert "Переименованное заседание" in month(client, month=_month_of(later))
    hearing_cancel(hearing=hearing, by=world.a.lead, reason="Суд перенёс")
    assert "badge-cancelled" in month(client, month=_month_of(later))

    deadline = deadline_add(
        matter=world.a.matter, by=world.a.lead, title="Отзыв на жалобу", responsible=world.a.lead, due_on=day
    )
    assert "Отзыв на жалобу" in month(client, month=_month_of(day))
    deadline = deadline_change(
        deadline=deadline, by=world.a.lead, title="Отзыв, уточнённый", responsible=world.a.lead, due_on=day
    )
    page = month(client, month=_month_of(day))
    assert "Отзыв, уточнённый" in page and "badge-done" not in page
    deadline_done(deadline=deadline, by=world.a.lead)
    assert "badge-done" in month(client, month=_month_of(day))
    assert Deadline.objects.get().status == Deadline.Status.DONE


def test_an_assignment_shows_the_matters_entries_at_once(client, world):
    day = _soon()
    fc.HearingFactory(matter=world.a.matter, title="Заседание по делу А", starts_at=_on(day, 10))
    login(client, world.b.specialist)
    assert "Заседание по делу А" not in month(client, month=_month_of(day))
    assignment_add(by=world.a.lead, matter=world.a.matter, user=world.b.specialist)
    assert "Заседание по делу А" in month(client, month=_month_of(day))


def test_the_admins_changes_are_seen_at_once(client, world, admin_user):
    day = _soon()
    hearing = fc.HearingFactory(matter=world.a.matter, title="До правки", starts_at=_on(day, 10))
    login(client, world.a.lead)
    assert "До правки" in month(client, month=_month_of(day))
    request = RequestFactory().post("/")
    request.user = admin_user
    hearing.title = "После правки"
    site._registry[Hearing].save_model(request, hearing, form=None, change=True)
    assert "После правки" in month(client, month=_month_of(day))
    # A matter deleted in the admin takes its hearings with it.
    spare = f.MatterFactory(client=world.a.client, lead=world.a.lead)
    fc.HearingFactory(matter=spare, title="На удаляемом деле", starts_at=_on(day, 12))
    caching.bump(CALENDAR_SCOPE)  # the factory wrote it, not a service
    assert "На удаляемом деле" in month(client, month=_month_of(day))
    site._registry[Matter].delete_model(request, spare)
    assert "На удаляемом деле" not in month(client, month=_month_of(day))


def test_nobody_gets_another_users_grid(client, world):
    day = _soon()
    fc.HearingFactory(matter=world.a.matter, title="Заседание клиента А", starts_at=_on(day, 10))
    fc.HearingFactory(matter=world.b.matter, title="Заседание клиента Б", starts_at=_on(day, 12))
    seen = {}
    for user in (world.a.lead, world.b.lead, world.a.user, world.b.user, world.partner, world.a.lead, world.b.user):
        login(client, user)
        page = month(client, month=_month_of(day))
        seen[user.pk] = ("Заседание клиента А" in page, "Заседание клиента Б" in page)
    assert seen[world.a.lead.pk] == seen[world.a.user.pk] == (True, False)
    assert seen[world.b.lead.pk] == seen[world.b.user.pk] == (False, True)
    assert seen[world.partner.pk] == (True, True)


def test_a_change_of_role_is_a_new_grid(client, world):
    day = _soon()
    fc.HearingFactory(matter=world.b.matter, title="Чужое для А", starts_at=_on(day, 10))
    login(client, world.a.lead)
    assert "Чужое для А" not in month(client, month=_month_of(day))
    world.a.lead.role = "partner"
    world.a.lead.save(update_fields=["role"])
    assert "Чужое для А" in month(client, month=_month_of(day))


def test_a_cached_month_reads_only_what_the_layout_reads(client, world, django_assert_num_queries):
    fc.HearingFactory(matter=world.a.matter, starts_at=_on(_soon(), 10))
    login(client, world.a.lead)
    month(client)
    with django_assert_num_queries(page_queries(0, warm=True)):
        assert 'class="cal-entry' in month(client)


def test_the_language_and_today_are_part_of_the_key(client, world):
    day = _soon()
    fc.HearingFactory(matter=world.a.matter, kind="meeting", title="", starts_at=_on(day, 10))
    login(client, world.a.lead)
    assert "meeting" in month(client, month=_month_of(day)).lower()
    world.a.lead.language = "ru"
    world.a.lead.save(update_fields=["language"])
    assert "встреча" in month(client, month=_month_of(day)).lower()
