"""The calendar page (agenda and month), its feed settings, and the selector under them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from hearings.models import Hearing
from hearings.selectors.calendar import calendar_entries
from hearings.selectors.feeds import feed_path
from hearings.services.feeds import feed_key_ensure
from tests import factories as f
from tests import factories_calendar as fc
from tests.conftest import login, page_queries

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")
URL = "/calendar/"


def _on(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=YEKATERINBURG)


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def events(world):
    return {
        "mine": fc.HearingFactory(matter=world.a.matter, title="Заседание по иску", starts_at=_on(_in(2), 10, 30)),
        "deadline": fc.DeadlineFactory(matter=world.a.matter, title="Отзыв на иск", due_on=_in(6)),
        "cancelled": fc.HearingFactory(
            matter=world.a.matter, title="Отменённое", starts_at=_on(_in(3), 9), status=Hearing.Status.CANCELLED
        ),
        "foreign": fc.HearingFactory(matter=world.b.matter, title="Чужое заседание", starts_at=_on(_in(2), 12)),
        "later": fc.HearingFactory(matter=world.a.matter, title="Через два месяца", starts_at=_on(_in(60), 10)),
    }


def test_the_agenda_shows_the_coming_weeks_by_day(client, world, events):
    page = login(client, world.a.user).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Заседание по иску" in html and "Отзыв на иск" in html
    assert "Чужое заседание" not in html, "another client's hearing never shows"
    assert "Через два месяца" not in html, "the agenda shows four weeks"
    assert html.count('<section class="cal-day') == 3
    assert f'datetime="{_in(2):%Y-%m-%d}"' in html and "<h3" in html
    assert "10:30" in html, "times in the viewer's zone (the firm's)"
    assert "badge-cancelled" in html
    assert reverse("matters:matter_detail", args=[world.a.matter.pk]) in html


def test_the_agenda_pages_forward_and_back(client, world, events):
    login(client, world.a.user)
    later = client.get(URL, {"from": f"{_in(56):%Y-%m-%d}"}).content.decode()
    assert "Через два месяца" in later and "Заседание по иску" not in later
    assert f"from={_in(28):%Y-%m-%d}" in later and f"from={_in(84):%Y-%m-%d}" in later


def test_today_is_marked(client, world, events):
    fc.HearingFactory(matter=world.a.matter, title="Сегодняшнее", starts_at=timezone.now() + dt.timedelta(minutes=5))
    login(client, world.a.user)
    agenda = client.get(URL).content.decode()
    assert "cal-day cal-is-today" in agenda and "cal-today-mark" in agenda
    month = client.get(URL, {"view": "month"}).content.decode()
    assert month.count('aria-current="date"') == 1


def test_the_month_is_a_table_across_the_months_edges(client, world):
    # December 2026 starts on a Tuesday and ends on a Thursday: the grid runs 30 Nov – 3 Jan.
    fc.HearingFactory(matter=world.a.matter, title="Последний ноябрьский", starts_at=_on(dt.date(2026, 11, 30), 11))
    fc.HearingFactory(matter=world.a.matter, title="Новогодний", starts_at=_on(dt.date(2027, 1, 2), 11))
    fc.HearingFactory(matter=world.a.matter, title="Слишком поздний", starts_at=_on(dt.date(2027, 1, 4), 11))
    fc.DeadlineFactory(matter=world.a.matter, title="Декабрьский срок", due_on=dt.date(2026, 12, 31))
    # 23:30 in Yekaterinburg on the 1st is 18:30 UTC: it belongs to the 1st for the viewer.
    fc.HearingFactory(matter=world.a.matter, title="Поздний вечер", starts_at=_on(dt.date(2026, 12, 1), 23, 30))
    page = login(client, world.a.user).get(URL, {"view": "month", "month": "2026-12"})
    html = page.content.decode()
    assert '<table class="cal-month"' in html
    assert html.count('<th scope="col">') == 7
    assert html.count("<tr>") == 1 + 5  # the header and five weeks
    for title in ("Последний ноябрьский", "Новогодний", "Декабрьский срок", "Поздний вечер"):
        assert title in html
    assert "Слишком поздний" not in html
    assert "month=2026-11" in html and "month=2027-01" in html
    cell = html.split('datetime="2026-12-01"')[1].split("</td>")[0]
    assert "Поздний вечер" in cell


def test_the_month_in_russian(client, world):
    world.a.user.language = "ru"
    world.a.user.save(update_fields=["language"])
    fc.HearingFactory(matter=world.a.matter, starts_at=_on(dt.date(2027, 1, 15), 10))
    html = login(client, world.a.user).get(URL, {"view": "month", "month": "2027-01"}).content.decode()
    assert "Январь 2027" in html
    assert "Декабрь 2026" in html and "Февраль 2027" in html
    assert ">Пн<" in html and ">Вс<" in html
    assert 'Пятница, </span>15<span class="cal-dayname"> января' in html  # the day in full, for the phone list


@pytest.mark.parametrize("month", ["", "2026-13", "bad", "0-1", "99999-01", "2026-1-1", "2026-00"])
def test_a_bad_month_shows_the_current_one(client, world, month):
    page = login(client, world.a.user).get(URL, {"view": "month", "month": month})
    assert page.status_code == 200
    assert f"{timezone.localdate():%Y-%m}" in page.content.decode()


@pytest.mark.parametrize("start", ["yesterday", "2026-02-30", "1-1-1", "0001-01-01", "9999-12-31"])
def test_a_bad_start_shows_today(client, world, start):
    assert login(client, world.a.user).get(URL, {"from": start}).status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_menu_links_to_the_calendar(client, world):
    html = login(client, world.a.user).get("/").content.decode()
    assert f'href="{URL}"' in html
    html = login(client, world.a.lead).get("/").content.decode()
    assert f'href="{URL}"' in html


@pytest.mark.parametrize("view", ["agenda", "month"])
@pytest.mark.parametrize("who", ["client", "lead", "partner"])
def test_the_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, settings, view, who):
    # The reading path (the month's cached grid: tests/hearings/test_calendar_cache.py); the factories
    # below write past the services, which would tell the cache.
    settings.PORTAL_CACHE = False
    user = {"client": world.a.user, "lead": world.a.lead, "partner": world.partner}[who]
    login(client, user)

    def add(n):
        for i in range(n):
            matter = world.a.matter if i % 2 else f.MatterFactory(client=world.a.client, lead=world.a.lead)
            fc.HearingFactory(matter=matter, starts_at=_on(_in(i % 20 + 1), 9 + i % 8))
            fc.DeadlineFactory(matter=matter, due_on=_in(i % 20 + 2))

    params = {"view": view}
    add(2)
    client.get(URL, params)
    with django_assert_num_queries(page_queries(2, client_user=who == "client", warm=True)):
        assert client.get(URL, params).status_code == 200
    add(18)
    with django_assert_num_queries(page_queries(2, client_user=who == "client", warm=True)):
        html = client.get(URL, params).content.decode()
    assert html.count('class="cal-entry') >= 20


def test_the_feed_settings_show_the_address_and_reset_it(client, world):
    login(client, world.a.user)
    page = client.get("/calendar/feed/")
    assert page.status_code == 200
    old = feed_path(feed_key_ensure(user=world.a.user))
    assert old in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    response = client.post("/calendar/feed/reset/")
    assert response.status_code == 302 and response["Location"] == "/calendar/feed/"
    new = feed_path(feed_key_ensure(user=world.a.user))
    assert new != old
    assert client.get(old).status_code == 404
    assert new in client.get("/calendar/feed/").content.decode()


def test_the_reset_takes_only_post(client, world):
    assert login(client, world.a.user).get("/calendar/feed/reset/").status_code == 405


# --- the selector ------------------------------------------------------------------------------


def test_entries_are_scoped_and_ordered(world, events):
    entries = calendar_entries(user=world.a.user, start=_in(0), end=_in(28))
    assert [e.title for e in entries] == ["Заседание по иску", "Отменённое", "Отзыв на иск"]
    assert entries[0].uid.startswith(f"hearing-{events['mine'].pk}@")
    assert entries[2].all_day and entries[2].on == _in(6)
    assert [
        e.title for e in calendar_entries(user=world.a.user, start=_in(0), end=_in(28), include_cancelled=False)
    ] == [
        "Заседание по иску",
        "Отзыв на иск",
    ]


def test_an_inactive_user_sees_nothing(world, events):
    world.a.user.is_active = False
    assert calendar_entries(user=world.a.user, start=_in(0), end=_in(90)) == []


def test_the_secretary_and_the_partner_see_the_whole_firm(world, events):
    for user in (world.secretary, world.partner):
        titles = {e.title for e in calendar_entries(user=user, start=_in(0), end=_in(90))}
        assert {"Заседание по иску", "Чужое заседание"} <= titles


def test_entries_link_to_the_detail_pages_once_they_exist(world, events):
    entry = calendar_entries(user=world.a.user, start=_in(0), end=_in(28))[0]
    try:
        expected = reverse("hearings:hearing_detail", kwargs={"pk": events["mine"].pk})
    except Exception:  # the hearing pages are another part of the issue; until they exist, no link
        expected = None
    assert entry.url == expected
