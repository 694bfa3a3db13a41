"""The secret iCalendar feed: what it carries (parsed back by icalendar and by vobject), who it shows,
how its URL is reset, and that it runs a fixed number of queries."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from hearings.models import Deadline, Hearing
from hearings.selectors.feeds import feed_path
from hearings.services.feeds import feed_key_ensure, feed_key_reset
from hearings.services.hearings import hearing_update
from notices.kinds import clear_cache
from tests import factories as f
from tests import factories_calendar as fc

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")


def _at(days: int, hour: int, zone=YEKATERINBURG) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)


@pytest.fixture
def events(world):
    a = world.a
    hearing = fc.HearingFactory(
        matter=a.matter, title="Предварительное заседание", starts_at=_at(5, 10), sequence=2, room="1204"
    )
    cancelled = fc.HearingFactory(
        matter=a.matter,
        starts_at=_at(8, 14),
        status=Hearing.Status.CANCELLED,
        cancel_reason="Судья в отпуске",
        sequence=3,
    )
    moscow = fc.HearingFactory(
        matter=a.matter, starts_at=_at(12, 11, ZoneInfo("Europe/Moscow")), ends_at=None, time_zone="Europe/Moscow"
    )
    deadline = fc.DeadlineFactory(
        matter=a.matter, title="Срок на апелляцию", due_on=timezone.localdate() + dt.timedelta(days=20)
    )
    foreign = fc.HearingFactory(matter=world.b.matter, title="Чужое заседание")
    foreign_deadline = fc.DeadlineFactory(matter=world.b.matter, title="Чужой срок")
    return {
        "hearing": hearing,
        "cancelled": cancelled,
        "moscow": moscow,
        "deadline": deadline,
        "foreign": foreign,
        "foreign_deadline": foreign_deadline,
    }


def _feed(client, user):
    return client.get(feed_path(feed_key_ensure(user=user)))


def _events_by_uid(body: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_answers_without_sign_in_as_text_calendar(client, world, events):
    response = _feed(client, world.a.user)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert not response.cookies, "a calendar application keeps no cookies: the feed must set none"


def test_the_feed_parses_with_icalendar(client, world, events, settings):
    settings.SITE_URL = "https://portal.example.ru"
    body = _feed(client, world.a.user).content
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Poruchenie//")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar["X-WR-CALNAME"]
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in body
    assert b"X-PUBLISHED-TTL:PT1H" in body
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Asia/Yekaterinburg", "Europe/Moscow"}

    by_uid = _events_by_uid(body)
    hearing, cancelled, deadline = events["hearing"], events["cancelled"], events["deadline"]
    assert set(by_uid) == {
        f"hearing-{hearing.pk}@portal.example.ru",
        f"hearing-{cancelled.pk}@portal.example.ru",
        f"hearing-{events['moscow'].pk}@portal.example.ru",
        f"deadline-{deadline.pk}@portal.example.ru",
    }
    vevent = by_uid[f"hearing-{hearing.pk}@portal.example.ru"]
    assert vevent["SEQUENCE"] == 2
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent["DTSTART"].params["TZID"] == "Asia/Yekaterinburg"
    assert vevent.decoded("DTSTART") == hearing.starts_at
    assert vevent.decoded("DTEND") == hearing.ends_at
    assert "DTSTAMP" in vevent and "LAST-MODIFIED" in vevent
    assert "Предварительное заседание" in str(vevent["SUMMARY"])
    assert "1204" in str(vevent["LOCATION"])
    description = str(vevent["DESCRIPTION"])
    assert world.a.matter.number in description and hearing.case_number in description
    assert sorted(a.decoded("TRIGGER") for a in vevent.walk("VALARM")) == [-dt.timedelta(days=7), -dt.timedelta(days=1)]

    gone = by_uid[f"hearing-{cancelled.pk}@portal.example.ru"]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert gone["SEQUENCE"] == 3
    assert not gone.walk("VALARM"), "a cancelled hearing rings no alarm"

    moscow = by_uid[f"hearing-{events['moscow'].pk}@portal.example.ru"]
    assert moscow["DTSTART"].params["TZID"] == "Europe/Moscow"
    assert moscow.decoded("DTSTART").hour == 11
    assert moscow.decoded("DTEND") - moscow.decoded("DTSTART") == dt.timedelta(hours=1)

    due = by_uid[f"deadline-{deadline.pk}@portal.example.ru"]
    assert due.decoded("DTSTART") == deadline.due_on
    assert due["DTSTART"].params.get("VALUE") == "DATE"
    assert due.decoded("DTEND") == deadline.due_on + dt.timedelta(days=1)
    assert sorted(a.decoded("TRIGGER") for a in due.walk("VALARM")) == [
        -dt.timedelta(days=3) + dt.timedelta(hours=9),
        -dt.timedelta(days=1) + dt.timedelta(hours=9),
    ]


def test_the_feed_parses_with_vobject(client, world, events, settings):
    settings.SITE_URL = "https://portal.example.ru"
    body = _feed(client, world.a.user).content.decode()
    calendar = vobject.readOne(body)
    assert calendar.version.value == "2.0"
    assert calendar.contents["refresh-interval"][0].params["VALUE"] == ["DURATION"]
    assert [tz.tzid.value for tz in calendar.vtimezone_list] == ["Asia/Yekaterinburg", "Europe/Moscow"]
    by_uid = {e.uid.value: e for e in calendar.vevent_list}
    hearing = by_uid[f"hearing-{events['hearing'].pk}@portal.example.ru"]
    assert hearing.sequence.value == "2"
    # vobject turns TZID into the tzinfo it builds from the feed's own VTIMEZONE.
    assert vobject.icalendar.TimezoneComponent.pickTzid(hearing.dtstart.value.tzinfo) == "Asia/Yekaterinburg"
    assert hearing.dtstart.value == events["hearing"].starts_at
    assert hearing.status.value == "CONFIRMED"
    assert sorted(a.trigger.value for a in hearing.valarm_list) == [-dt.timedelta(days=7), -dt.timedelta(days=1)]
    cancelled = by_uid[f"hearing-{events['cancelled'].pk}@portal.example.ru"]
    assert cancelled.status.value == "CANCELLED"
    assert not hasattr(cancelled, "valarm")
    deadline = by_uid[f"deadline-{events['deadline'].pk}@portal.example.ru"]
    assert deadline.dtstart.value == events["deadline"].due_on
    assert len(deadline.valarm_list) == 2


def test_a_client_never_sees_another_clients_events(client, world, events):
    body = _feed(client, world.a.user).content.decode()
    assert "Чужое заседание" not in body and "Чужой срок" not in body
    assert world.b.matter.number not in body
    other = _feed(client, world.b.user).content.decode()
    assert "Чужое заседание" in other and "Предварительное заседание" not in other


def test_a_lead_sees_the_matters_it_works_on_only(client, world, events):
    body = _feed(client, world.a.lead).content.decode()
    assert "Предварительное заседание" in body and "Чужое заседание" not in body
    everything = _feed(client, world.partner).content.decode()
    assert "Предварительное заседание" in everything and "Чужое заседание" in everything


def test_a_reset_stops_the_old_address_at_once(client, world, events):
    old = feed_path(feed_key_ensure(user=world.a.user))
    assert client.get(old).status_code == 200
    new = feed_path(feed_key_reset(user=world.a.user))
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_database_does_not_hold_the_token(world):
    key = feed_key_ensure(user=world.a.user)
    token = feed_path(key).rsplit("/", 1)[1].removesuffix(".ics")
    assert key.key not in token


@pytest.mark.parametrize(
    "token",
    ["x", "1", "1.", ".abc", "abc.def", "99999999.deadbeef", "1" * 30 + ".ab", "é.é", "1.%00", "-1.ab", "a" * 500],
)
def test_a_wrong_token_is_not_found(client, world, token):
    feed_key_ensure(user=world.a.user)
    response = client.get(reverse("hearings:calendar_feed", kwargs={"token": token}))
    assert response.status_code == 404


def test_one_users_digest_does_not_open_another_users_feed(client, world):
    a_token = feed_path(feed_key_ensure(user=world.a.user)).rsplit("/", 1)[1].removesuffix(".ics")
    feed_key_ensure(user=world.b.user)
    forged = f"{world.b.user.pk}.{a_token.split('.', 1)[1]}"
    assert client.get(reverse("hearings:calendar_feed", kwargs={"token": forged})).status_code == 404


def test_an_inactive_users_feed_is_gone(client, world, events):
    path = feed_path(feed_key_ensure(user=world.a.user))
    world.a.user.is_active = False
    world.a.user.save(update_fields=["is_active"])
    assert client.get(path).status_code == 404


def test_the_feed_takes_no_post(client, world):
    assert client.post(feed_path(feed_key_ensure(user=world.a.user))).status_code == 405


def test_the_window_leaves_out_old_and_far_events(client, world):
    fc.HearingFactory(matter=world.a.matter, title="Давнее", starts_at=timezone.now() - dt.timedelta(days=120))
    fc.HearingFactory(matter=world.a.matter, title="Далёкое", starts_at=timezone.now() + dt.timedelta(days=500))
    fc.HearingFactory(matter=world.a.matter, title="Недавнее", starts_at=timezone.now() - dt.timedelta(days=30))
    body = _feed(client, world.a.user).content.decode()
    assert "Недавнее" in body and "Давнее" not in body and "Далёкое" not in body


@pytest.mark.parametrize("who", ["client", "lead", "partner"])
def test_the_feed_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, who, settings):
    # Building it: the rows below are written by factories, past the services that would drop a kept
    # feed, so this counts the feed built afresh (test_calendar_feed_cache.py counts a kept one).
    settings.PORTAL_CACHE = False
    user = {"client": world.a.user, "lead": world.a.lead, "partner": world.partner}[who]
    path = feed_path(feed_key_ensure(user=user))

    def add(n):
        for i in range(n):
            matter = world.a.matter if i % 2 else f.MatterFactory(client=world.a.client, lead=world.a.lead)
            fc.HearingFactory(matter=matter, starts_at=_at(i % 30 + 1, 9 + i % 8), time_zone="Asia/Yekaterinburg")
            fc.DeadlineFactory(matter=matter, status=Deadline.Status.OPEN if i % 3 else Deadline.Status.DONE)

    # the key with its owner, hearings, deadlines, and the firm's reminder schedule (for the alarms)
    add(2)
    clear_cache()
    with django_assert_num_queries(4):
        assert client.get(path).status_code == 200
    add(18)
    clear_cache()
    with django_assert_num_queries(4):
        body = client.get(path).content
    assert len(_events_by_uid(body)) == 40


def test_an_unchanged_feed_is_not_sent_again(client, world, events):
    path = feed_path(feed_key_ensure(user=world.a.user))
    first = client.get(path)
    etag = first["ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    hearing_update(hearing=events["hearing"], by=world.a.lead, room="1205")
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
