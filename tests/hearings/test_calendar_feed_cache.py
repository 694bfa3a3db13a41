"""The kept iCalendar feed (core.caching on): every change made through a service is in the next fetch,
no one is given another's feed, and calendar applications get 304s and gzip."""

import datetime as dt
import gzip
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from clients.services.clients import client_update
from hearings.models import Hearing
from hearings.selectors.feeds import feed_document, feed_path
from hearings.services import deadlines as deadline_services
from hearings.services import hearings as hearing_services
from hearings.services.feeds import feed_key_ensure, feed_key_reset
from matters.services import assignment_add
from notices.models import NoticeKindSetting
from tests import factories_calendar as fc
from users.services import user_set_language

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")


@pytest.fixture(autouse=True)
def on(settings):
    settings.PORTAL_CACHE = True
    settings.SITE_URL = "https://portal.example.ru"


def _at(days: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour), tzinfo=YEKATERINBURG)


@pytest.fixture
def hearing(world):
    # Made an hour ago: a change now shows in LAST-MODIFIED (whole seconds) even when nothing else moves.
    made = timezone.now() - dt.timedelta(hours=1)
    return fc.HearingFactory(
        matter=world.a.matter, title="Заседание по иску", starts_at=_at(5), created_at=made, updated_at=made
    )


@pytest.fixture
def deadline(world):
    return fc.DeadlineFactory(
        matter=world.a.matter, title="Отзыв на иск", due_on=timezone.localdate() + dt.timedelta(days=9)
    )


def _get(client, user, **headers):
    return client.get(feed_path(feed_key_ensure(user=user)), headers=headers)


def _text(client, user, **headers) -> str:
    """The feed unfolded (a fold may fall inside any word), as text."""
    return _get(client, user, **headers).content.replace(b"\r\n ", b"").decode()


def _events(client, user) -> dict:
    response = _get(client, user)
    assert response.status_code == 200
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def _uid(obj) -> str:
    return f"{'hearing' if isinstance(obj, Hearing) else 'deadline'}-{obj.pk}@portal.example.ru"


def test_a_kept_feed_costs_two_small_queries(client, world, hearing, django_assert_num_queries):
    path = feed_path(feed_key_ensure(user=world.a.lead))
    first = client.get(path)
    # The key with its owner, and the firm's reminder schedule (part of the key: the alarms follow it);
    # the feed and its ETag come from the cache.
    with django_assert_num_queries(2):
        again = client.get(path)
    assert again.content == first.content


# --- every service that changes what a feed shows --------------------------------------------------


def _schedule(world):
    hearing_services.hearing_schedule(matter=world.a.matter, by=world.a.lead, starts_at=_at(7), title="Новое заседание")


def _update(world, hearing):
    hearing_services.hearing_update(hearing=hearing, by=world.a.lead, room="Зал 7")


def _reschedule(world, hearing):
    hearing_services.hearing_reschedule(hearing=hearing, by=world.a.lead, starts_at=_at(6, 15))


def _cancel(world, hearing):
    hearing_services.hearing_cancel(hearing=hearing, by=world.a.lead, reason="Судья в отпуске")


def _attendee(world, hearing):
    hearing_services.attendee_add(hearing=hearing, by=world.a.lead, user=world.a.user)


def _add_deadline(world, deadline):
    deadline_services.deadline_add(
        matter=world.a.matter,
        by=world.a.lead,
        title="Новый срок",
        responsible=world.a.lead,
        due_on=timezone.localdate() + dt.timedelta(days=12),
    )


def _change_deadline(world, deadline):
    deadline_services.deadline_change(
        deadline=deadline,
        by=world.a.lead,
        title="Отзыв на иск (уточнён)",
        responsible=world.a.lead,
        due_on=deadline.due_on + dt.timedelta(days=1),
    )


def _done(world, deadline):
    deadline_services.deadline_done(deadline=deadline, by=world.a.lead)


def _cancel_deadline(world, deadline):
    deadline_services.deadline_cancel(deadline=deadline, by=world.a.lead)


HEARING_ACTS = (_update, _reschedule, _cancel, _attendee)
DEADLINE_ACTS = (_add_deadline, _change_deadline, _done, _cancel_deadline)


@pytest.mark.parametrize("act", HEARING_ACTS + DEADLINE_ACTS)
@pytest.mark.parametrize("who", ["client", "lead", "specialist", "partner", "secretary"])
def test_a_change_through_a_service_is_in_the_next_fetch(client, world, hearing, deadline, act, who):
    user = {
        "client": world.a.user,
        "lead": world.a.lead,
        "specialist": world.a.specialist,
        "partner": world.partner,
        "secretary": world.secretary,
    }[who]
    before = _get(client, user).content
    assert _get(client, user).content == before, "kept"
    target = deadline if act in DEADLINE_ACTS else hearing
    act(world, target)
    after = _get(client, user).content
    assert after != before
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(after).walk("VEVENT")}
    target.refresh_from_db()
    if act is _add_deadline:
        assert any("Новый срок" in str(e["SUMMARY"]) for e in events.values())
    else:
        event = events[_uid(target)]
        assert event["SEQUENCE"] == target.sequence
        assert event.decoded("LAST-MODIFIED") == target.updated_at.replace(microsecond=0)


@pytest.mark.parametrize("who", ["client", "lead", "specialist", "partner", "secretary"])
def test_a_new_hearing_is_in_everyone_s_next_fetch_and_not_in_the_other_side_s(client, world, who):
    user = {
        "client": world.a.user,
        "lead": world.a.lead,
        "specialist": world.a.specialist,
        "partner": world.partner,
        "secretary": world.secretary,
    }[who]
    other = world.b.user
    assert "Новое заседание" not in _text(client, user)
    assert "Новое заседание" not in _text(client, other)
    _schedule(world)
    assert "Новое заседание" in _text(client, user)
    assert "Новое заседание" not in _text(client, other)


def test_a_lawyer_assigned_to_a_matter_sees_its_hearings_at_once(client, world, hearing):
    newcomer = world.b.specialist
    assert _uid(hearing) not in _events(client, newcomer)
    assignment_add(by=world.a.lead, matter=world.a.matter, user=newcomer)
    assert _uid(hearing) in _events(client, newcomer)


def test_a_renamed_client_is_renamed_in_the_feeds_at_once(client, world, hearing):
    def description():
        return str(_events(client, world.a.lead)[_uid(hearing)]["DESCRIPTION"])

    assert "ООО «Гамма»" not in description()
    client_update(client=world.a.client, by=world.partner, name="ООО «Гамма»", short_name="")
    assert "ООО «Гамма»" in description()


def test_the_firm_s_reminder_schedule_shapes_the_alarms_at_once(client, world, hearing):
    triggers = lambda: sorted(a.decoded("TRIGGER") for a in _events(client, world.a.lead)[_uid(hearing)].walk("VALARM"))  # noqa: E731
    assert triggers() == [-dt.timedelta(days=7), -dt.timedelta(days=1)]
    NoticeKindSetting.objects.create(kind="hearing_appearance", reminder_days="3")  # what the admin does
    assert triggers() == [-dt.timedelta(days=3)]


def test_the_owner_s_language_is_the_feed_s_at_once(client, world, hearing):
    hearing_services.hearing_cancel(hearing=hearing, by=world.a.lead, reason="Судья в отпуске")
    assert "Cancelled: " in _text(client, world.a.user)
    user_set_language(user=world.a.user, language="ru")
    assert "Отменено: " in _text(client, world.a.user)


def test_tomorrow_s_feed_is_not_today_s(world):
    edge = fc.HearingFactory(matter=world.a.matter, title="На краю окна", starts_at=_at(-90, 12))
    today = timezone.localdate()
    assert b"hearing-%d@" % edge.pk in feed_document(user=world.a.lead, today=today).body()
    assert b"hearing-%d@" % edge.pk not in feed_document(user=world.a.lead, today=today + dt.timedelta(days=1)).body()


# --- whose feed ----------------------------------------------------------------------------------


def test_another_users_key_never_opens_a_kept_feed(client, world, hearing):
    assert "Заседание по иску" in _text(client, world.a.user)
    theirs = _text(client, world.b.user)
    assert "Заседание по иску" not in theirs and world.a.matter.number not in theirs
    b_token = feed_path(feed_key_ensure(user=world.b.user)).rsplit("/", 1)[1].removesuffix(".ics")
    for forged in (f"{world.a.user.pk}.{b_token.split('.', 1)[1]}", f"{world.a.user.pk}.", str(world.a.user.pk)):
        assert client.get(reverse("hearings:calendar_feed", kwargs={"token": forged})).status_code == 404
    # B's ETag of its own feed does not make A's feed a 304 either.
    etag = _get(client, world.b.user)["ETag"]
    assert _get(client, world.a.user, **{"If-None-Match": etag}).status_code == 200


def test_a_reset_or_a_deactivation_closes_a_kept_feed_at_once(client, world, hearing):
    old = feed_path(feed_key_ensure(user=world.a.user))
    assert client.get(old).status_code == 200
    new = feed_path(feed_key_reset(user=world.a.user))
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    world.a.user.is_active = False
    world.a.user.save(update_fields=["is_active"])
    assert client.get(new).status_code == 404


# --- what calendar applications get --------------------------------------------------------------


def test_an_unchanged_kept_feed_answers_304_and_a_changed_one_200(client, world, hearing, django_assert_num_queries):
    path = feed_path(feed_key_ensure(user=world.a.lead))
    etag = client.get(path)["ETag"]
    assert etag.startswith('W/"')
    for sent in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*"):
        with django_assert_num_queries(2):
            again = client.get(path, headers={"If-None-Match": sent})
        assert again.status_code == 304 and again["ETag"] == etag and not again.content
    hearing_services.hearing_update(hearing=hearing, by=world.a.lead, room="Зал 7")
    changed = _get(client, world.a.lead, **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Зал 7" in changed.content.replace(b"\r\n ", b"").decode()


def test_the_feed_is_sent_gzipped_to_a_client_that_accepts_it(client, world, hearing):
    plain = _get(client, world.a.lead)
    packed = _get(client, world.a.lead, **{"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] == plain["ETag"]
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]


def test_a_rebuilt_unchanged_feed_keeps_its_etag(client, world, hearing, settings):
    etag = _get(client, world.a.lead)["ETag"]
    settings.PORTAL_CACHE = False  # built afresh at another moment: only DTSTAMP differs
    assert _get(client, world.a.lead, **{"If-None-Match": etag}).status_code == 304


def test_a_cancelled_hearing_stays_in_the_feed_as_cancelled(client, world, hearing):
    assert str(_events(client, world.a.user)[_uid(hearing)]["STATUS"]) == "CONFIRMED"
    hearing_services.hearing_cancel(hearing=hearing, by=world.a.lead, reason="Судья в отпуске")
    event = _events(client, world.a.user)[_uid(hearing)]
    assert str(event["STATUS"]) == "CANCELLED" and not event.walk("VALARM")


def test_a_secretary_sees_the_firm_s_hearings_as_they_come(client, world):
    assert "Чужое" not in _text(client, world.secretary)
    hearing_services.hearing_schedule(matter=world.b.matter, by=world.b.lead, starts_at=_at(3), title="Чужое")
    assert "Чужое" in _text(client, world.secretary)
    assert "Чужое" not in _text(client, world.a.lead)


def test_an_assignment_removed_outside_the_services_leaves_the_lawyers_feed_at_once(client, world, hearing):
    """The admin or a data fix deletes an assignment: the lawyer's kept feed must not keep the matter."""
    from matters.models import Assignment

    lawyer = world.a.specialist
    assert _uid(hearing) in _events(client, lawyer)
    Assignment.objects.filter(matter=world.a.matter, user=lawyer).delete()  # a queryset delete sends post_delete
    assert _uid(hearing) not in _events(client, lawyer)
