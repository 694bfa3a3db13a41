"""The iCalendar (RFC 5545) feed of a user's calendar entries, written as text.

A subscriber's calendar application polls the feed (REFRESH-INTERVAL, X-PUBLISHED-TTL: hourly) and
matches events by UID: a hearing is `hearing-<id>@<host>`, a deadline `deadline-<id>@<host>`, and its
SEQUENCE is the one the services raise on every change, so a moved hearing replaces the old one and a
cancelled one stays in the feed as STATUS:CANCELLED until it leaves the window. Hearings carry their
start and end in the zone of the place (with its VTIMEZONE; the firm's is always there); deadlines
are whole days. Alarms repeat the portal's reminder schedule (notices.kinds).

The events are written directly rather than through the `icalendar` library's object model: a
lead's feed holds thousands of events, and building and serialising that many objects took two
seconds. What the library did for us is done here, and tested against it (tests/hearings): TEXT
escaping (backslash, `;`, `,`, newlines), UTC and zoned date-times, DATE values, durations, CRLF line
ends and folding at 75 octets without splitting a UTF-8 character or an escape. The VTIMEZONEs are
still built by the library (from the zone database, once per zone).
"""

import datetime as dt
import re
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Timezone

from notices.kinds import APPEARANCE, DEADLINE, reminder_days

from .selectors.calendar import CalendarEntry, zone_of

PRODID = "-//Poruchenie//Calendar feed//RU"
REFRESH = dt.timedelta(hours=1)
# An expected end is not always known: a subscriber's calendar gets one hour.
DEFAULT_LENGTH = dt.timedelta(hours=1)
# Deadline reminders ring at nine in the morning of their day, not at midnight.
DEADLINE_ALARM_HOUR = 9
# A content line's octets before a fold (RFC 5545 3.1: "SHOULD NOT be longer than 75 octets"; each
# continuation line starts with a space, so a part holds at most 74).
FOLD_AT = 74
_CRLF = "\r\n"

# --- values (RFC 5545 3.3) ----------------------------------------------------------------------

# TEXT (3.3.11): backslash first, so that the escapes added after it are not escaped again; every
# line break becomes \n. Other control characters are not allowed in TEXT and are dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """A TEXT value: escaped, with every kind of line break written as \\n."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return value if value.isprintable() else _CONTROL.sub("", value)


def utc(value: dt.datetime) -> str:
    """A DATE-TIME in UTC ("20260907T040000Z"); seconds, no fraction."""
    return _basic(value.astimezone(dt.UTC)) + "Z"


def _basic(value: dt.datetime) -> str:
    """The wall-clock reading in the basic format ("20260907T090000"; isoformat is the fast way there)."""
    return value.replace(microsecond=0, tzinfo=None).isoformat().replace("-", "").replace(":", "")


def date(value: dt.date) -> str:
    return f"{value.year:04}{value.month:02}{value.day:02}"


def duration(value: dt.timedelta) -> str:
    """A DURATION (3.3.6) as the icalendar library writes it: "-P7D", "-P2DT15H", "PT1H"."""
    sign = ""
    if value.days < 0:
        sign, value = "-", -value
    time = ""
    if value.seconds:
        hours, rest = divmod(value.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        time = "T" + (f"{hours}H" if hours else "")
        time += f"{minutes}M" if minutes or (hours and seconds) else ""
        time += f"{seconds}S" if seconds else ""
    if value.days == 0 and time:
        return f"{sign}P{time}"
    return f"{sign}P{value.days}D{time}"


def _is_utc(tzid: str) -> bool:
    return tzid in ("UTC", "Etc/UTC", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu")


def zoned(name: str, value: dt.datetime, tzid: str) -> str:
    """A DATE-TIME property in the zone `tzid` (with its TZID parameter), or in UTC for the UTC zone."""
    if _is_utc(tzid):
        return f"{name}:{utc(value)}"
    return f"{name};TZID={tzid}:{_basic(value.astimezone(zone_of(tzid)))}"


# --- lines --------------------------------------------------------------------------------------

_ESCAPE_ENDS = (0x5C, 0x5E)  # "\" and "^": an escape is not split across a fold (as the library does)


def fold(line: bytes) -> bytes:
    """One content line (UTF-8) folded: parts of at most 74 octets, each after the first led by a space.

    A part never ends inside a UTF-8 character, nor with the backslash of an escape (some clients
    unfold badly), as the icalendar library folds.
    """
    if len(line) <= FOLD_AT:
        return line
    parts = []
    start, size = 0, len(line)
    while size - start > FOLD_AT:
        cut = start + FOLD_AT
        while line[cut] & 0xC0 == 0x80:  # a continuation byte: the character started earlier
            cut -= 1
        if line[cut - 1] in _ESCAPE_ENDS and cut - 1 > start:
            cut -= 1
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return b"\r\n ".join(parts)


def fit(line: str) -> str:
    """The line as it goes on the wire: itself when it fits in 74 octets, else folded (see `fold`)."""
    if len(line) <= FOLD_AT // 4:  # no character takes more than four octets
        return line
    if line.isascii():
        if len(line) <= FOLD_AT:
            return line
    elif len(line.encode()) <= FOLD_AT:
        return line
    return fold(line.encode()).decode()


def lines_to_bytes(lines: list[str]) -> bytes:
    """Content lines (already `fit`) to the wire: UTF-8, each ended by CRLF."""
    lines.append("")
    return "\r\n".join(lines).encode()


# --- the feed -----------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _vtimezone(tzid: str, first_year: int) -> bytes:
    """The VTIMEZONE of a zone from the year before the window to a few years after (built once: it is slow)."""
    component = Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(first_year + 4, 1, 1))
    return component.to_ical()


def _site_link(entry: CalendarEntry) -> str:
    return settings.SITE_URL + entry.url if entry.url else ""


class _Texts:
    """The feed's fixed phrases, translated once per feed (in the subscriber's language) rather than per event."""

    def __init__(self):
        self.matter = _("Matter %(number)s: %(title)s")
        self.case_number = _("Case number: %(number)s")
        self.room = _("Room: %(room)s")
        self.responsible = _("Responsible: %(name)s")
        self.represents = _("Represents the client: %(name)s")
        self.cancelled_because = _("Cancelled: %(reason)s")
        self.cancelled = _("Cancelled")
        self.done = _("Done")
        self.cancelled_title = _("Cancelled: %(title)s")
        self.done_title = _("Done: %(title)s")


def _description(entry: CalendarEntry, texts: _Texts, link: str) -> str:
    lines = [texts.matter % {"number": entry.matter_number, "title": entry.matter_title}, entry.client_name]
    if entry.case_number:
        lines.append(texts.case_number % {"number": entry.case_number})
    if entry.room:
        lines.append(texts.room % {"room": entry.room})
    if entry.person and entry.all_day:
        lines.append(texts.responsible % {"name": entry.person})
    elif entry.person:
        lines.append(texts.represents % {"name": entry.person})
    if entry.cancelled:
        lines.append(texts.cancelled_because % {"reason": entry.notes} if entry.notes else texts.cancelled)
    elif entry.done:
        lines.append(texts.done)
    if link:
        lines.append(link)
    return "\n".join(line for line in lines if line)


def _summary(entry: CalendarEntry, texts: _Texts) -> str:
    summary = f"{entry.title} · {entry.matter_number}"
    if entry.cancelled:
        return texts.cancelled_title % {"title": summary}
    if entry.done:
        return texts.done_title % {"title": summary}
    return summary


def _event(entry: CalendarEntry, out: list[str], stamp: str, texts: _Texts, triggers: dict[bool, list[str]]) -> None:
    """The VEVENT's lines, in the order the icalendar library wrote them (its canonical order).

    The lines of a fixed shape (dates, numbers, keywords) always fit; the others go through `fit`.
    """
    summary = text(_summary(entry, texts))
    link = _site_link(entry)
    out.append("BEGIN:VEVENT")
    out.append(fit(f"SUMMARY:{summary}"))
    if entry.all_day:
        out.append(f"DTSTART;VALUE=DATE:{date(entry.on)}")
        out.append(f"DTEND;VALUE=DATE:{date(entry.on + dt.timedelta(days=1))}")
    else:
        out.append(fit(zoned("DTSTART", entry.starts_at, entry.time_zone)))
        out.append(fit(zoned("DTEND", entry.ends_at or entry.starts_at + DEFAULT_LENGTH, entry.time_zone)))
    out.append(f"DTSTAMP:{stamp}")
    out.append(fit(f"UID:{text(entry.uid)}"))
    out.append(f"SEQUENCE:{entry.sequence}")
    out.append(fit(f"CATEGORIES:{text(entry.kind_label)}"))
    out.append(f"CREATED:{utc(entry.created_at)}")
    out.append(fit(f"DESCRIPTION:{text(_description(entry, texts, link))}"))
    out.append(f"LAST-MODIFIED:{utc(entry.last_modified)}")
    if entry.place:
        out.append(fit(f"LOCATION:{text(entry.place)}"))
    out.append("STATUS:CANCELLED" if entry.cancelled else "STATUS:CONFIRMED")
    if entry.all_day:
        out.append("TRANSP:TRANSPARENT")
    if link:
        out.append(fit(f"URL:{link}"))
    if not (entry.cancelled or entry.done):
        alarm = fit(f"DESCRIPTION:{summary}")
        for trigger in triggers[entry.all_day]:
            out += ("BEGIN:VALARM", "ACTION:DISPLAY", alarm, trigger, "END:VALARM")
    out.append("END:VEVENT")


def _triggers() -> dict[bool, list[str]]:
    """The alarms' TRIGGER lines: hearings' (all_day False) before their start, deadlines' at nine on the day."""
    hearing = [f"TRIGGER:{duration(-dt.timedelta(days=days))}" for days in reminder_days(APPEARANCE)]
    deadline = [
        f"TRIGGER:{duration(dt.timedelta(hours=DEADLINE_ALARM_HOUR) - dt.timedelta(days=days))}"
        for days in reminder_days(DEADLINE)
    ]
    return {False: hearing, True: deadline}


def feed_calendar(
    *, entries: list[CalendarEntry], name: str, first_day: dt.date, now: dt.datetime | None = None
) -> bytes:
    """The whole feed: the calendar's properties, the VTIMEZONEs its events use, one VEVENT each.

    `now` is its DTSTAMP (the moment the feed is built).
    """
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(PRODID)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(name)}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{duration(REFRESH)}",
        f"X-PUBLISHED-TTL:{duration(REFRESH)}",
        f"X-WR-TIMEZONE:{text(settings.TIME_ZONE)}",
    ]
    zones = dict.fromkeys([zone_of(settings.TIME_ZONE).key])
    zones.update(dict.fromkeys(e.time_zone for e in entries if not e.all_day))
    stamp = utc(now or timezone.now())
    texts, triggers = _Texts(), _triggers()
    events: list[str] = []
    for entry in entries:
        _event(entry, events, stamp, texts, triggers)
    events.append("END:VCALENDAR")
    return b"".join(
        [
            lines_to_bytes([fit(line) for line in head]),
            *(_vtimezone(tzid, first_day.year - 1) for tzid in zones),
            lines_to_bytes(events),
        ]
    )
