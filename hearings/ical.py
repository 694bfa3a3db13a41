"""The iCalendar (RFC 5545) feed of a user's calendar entries, built with the `icalendar` library.

A subscriber's calendar application polls the feed (REFRESH-INTERVAL, X-PUBLISHED-TTL: hourly) and
matches events by UID: a hearing is `hearing-<id>@<host>`, a deadline `deadline-<id>@<host>`, and its
SEQUENCE is the one the services raise on every change, so a moved hearing replaces the old one and a
cancelled one stays in the feed as STATUS:CANCELLED until it leaves the window. Hearings carry their
start and end in the zone of the place (with its VTIMEZONE; the firm's is always there); deadlines
are whole days. Alarms repeat the portal's reminder schedule (notices.kinds).
"""

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, Timezone, vDuration

from notices.kinds import APPEARANCE, DEADLINE, reminder_days

from .selectors.calendar import CalendarEntry, zone_of

PRODID = "-//Poruchenie//Calendar feed//RU"
REFRESH = dt.timedelta(hours=1)
# An expected end is not always known: a subscriber's calendar gets one hour.
DEFAULT_LENGTH = dt.timedelta(hours=1)
# Deadline reminders ring at nine in the morning of their day, not at midnight.
DEADLINE_ALARM_HOUR = 9


@lru_cache(maxsize=32)
def _vtimezone(tzid: str, first_year: int) -> bytes:
    """The VTIMEZONE of a zone from the year before the window to a few years after (built once: it is slow)."""
    component = Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(first_year + 4, 1, 1))
    return component.to_ical()


def _timezone(tzid: str, first_year: int) -> Timezone:
    return Timezone.from_ical(_vtimezone(tzid, first_year))


def _site_link(entry: CalendarEntry) -> str:
    return settings.SITE_URL + entry.url if entry.url else ""


def _description(entry: CalendarEntry) -> str:
    lines = [
        _("Matter %(number)s: %(title)s") % {"number": entry.matter_number, "title": entry.matter_title},
        entry.client_name,
    ]
    if entry.case_number:
        lines.append(_("Case number: %(number)s") % {"number": entry.case_number})
    if entry.room:
        lines.append(_("Room: %(room)s") % {"room": entry.room})
    if entry.person and entry.all_day:
        lines.append(_("Responsible: %(name)s") % {"name": entry.person})
    elif entry.person:
        lines.append(_("Represents the client: %(name)s") % {"name": entry.person})
    if entry.cancelled:
        lines.append(_("Cancelled: %(reason)s") % {"reason": entry.notes} if entry.notes else _("Cancelled"))
    elif entry.done:
        lines.append(_("Done"))
    link = _site_link(entry)
    if link:
        lines.append(link)
    return "\n".join(line for line in lines if line)


def _summary(entry: CalendarEntry) -> str:
    summary = f"{entry.title} · {entry.matter_number}"
    if entry.cancelled:
        return _("Cancelled: %(title)s") % {"title": summary}
    if entry.done:
        return _("Done: %(title)s") % {"title": summary}
    return summary


def _alarms(entry: CalendarEntry) -> list[Alarm]:
    if entry.cancelled or entry.done:
        return []
    alarms = []
    kind = DEADLINE if entry.all_day else APPEARANCE
    for days in reminder_days(kind):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _summary(entry))
        offset = -dt.timedelta(days=days)
        if entry.all_day:
            offset += dt.timedelta(hours=DEADLINE_ALARM_HOUR)
        alarm.add("trigger", offset)
        alarms.append(alarm)
    return alarms


def _event(entry: CalendarEntry, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", stamp)
    event.add("created", entry.created_at.astimezone(dt.UTC))
    event.add("last-modified", entry.last_modified.astimezone(dt.UTC))
    if entry.all_day:
        event.add("dtstart", entry.on)
        event.add("dtend", entry.on + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        zone = zone_of(entry.time_zone)
        start = timezone.localtime(entry.starts_at, zone)
        end = timezone.localtime(entry.ends_at, zone) if entry.ends_at else start + DEFAULT_LENGTH
        event.add("dtstart", start)
        event.add("dtend", end)
    event.add("summary", _summary(entry))
    if entry.place:
        event.add("location", entry.place)
    event.add("description", _description(entry))
    event.add("categories", [entry.kind_label])
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    link = _site_link(entry)
    if link:
        event.add("url", link)
    for alarm in _alarms(entry):
        event.add_component(alarm)
    return event


def feed_calendar(*, entries: list[CalendarEntry], name: str, first_day: dt.date) -> bytes:
    """The whole feed: the calendar's properties, the VTIMEZONEs its events use, one VEVENT each."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    zones = dict.fromkeys([zone_of(settings.TIME_ZONE).key])
    zones.update(dict.fromkeys(e.time_zone for e in entries if not e.all_day))
    for tzid in zones:
        calendar.add_component(_timezone(tzid, first_day.year - 1))
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_event(entry, stamp))
    return calendar.to_ical()
