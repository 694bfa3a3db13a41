"""hearings/ical.py writes the feed's RFC 5545 text itself: its escaping, folding and values, and the
whole feed byte for byte as the icalendar library's object model wrote it before (DTSTAMP aside)."""

import datetime as dt
import re
from dataclasses import replace
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.utils import timezone

from hearings import ical
from hearings.selectors.calendar import DEADLINE, HEARING, CalendarEntry
from notices.kinds import APPEARANCE, reminder_days
from notices.kinds import DEADLINE as DEADLINE_KIND

pytestmark = pytest.mark.django_db  # the reminder schedule is the firm's (a table)

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")


# --- values and lines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("plain", "plain"),
        ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
        ("tab\tstays, bell\x07 and nul\x00 go", "tab\tstays\\, bell and nul go"),
        ("ООО «Альфа», г. Екатеринбург", "ООО «Альфа»\\, г. Екатеринбург"),
        ("\\n is not a newline", "\\\\n is not a newline"),
    ],
)
def test_text_is_escaped_as_rfc_5545_says(value, escaped):
    assert ical.text(value) == escaped
    if value.isprintable() and not value.startswith("\\n"):  # (icalendar reads "\\\\n" back wrongly)
        event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\nSUMMARY:{escaped}\r\nEND:VEVENT\r\n")
        assert str(event["SUMMARY"]) == value.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(
    "delta",
    [
        -dt.timedelta(days=7),
        -dt.timedelta(days=1),
        dt.timedelta(hours=9) - dt.timedelta(days=3),
        dt.timedelta(hours=9) - dt.timedelta(days=1),
        dt.timedelta(hours=9),
        dt.timedelta(hours=1),
        dt.timedelta(days=2, minutes=30),
        -dt.timedelta(hours=1, seconds=5),
        dt.timedelta(0),
    ],
)
def test_durations_are_written_as_the_library_writes_them(delta):
    assert ical.duration(delta) == icalendar.vDuration(delta).to_ical().decode()
    assert icalendar.vDuration.from_ical(ical.duration(delta)) == delta


def test_date_times_are_utc_or_zoned():
    moment = dt.datetime(2026, 3, 9, 4, 5, 6, 789, tzinfo=dt.UTC)
    assert ical.utc(moment) == "20260309T040506Z"
    assert ical.utc(moment.astimezone(YEKATERINBURG)) == "20260309T040506Z"
    assert ical.zoned("DTSTART", moment, "Asia/Yekaterinburg") == "DTSTART;TZID=Asia/Yekaterinburg:20260309T090506"
    assert ical.zoned("DTSTART", moment, "UTC") == "DTSTART:20260309T040506Z"
    assert ical.date(dt.date(2026, 1, 2)) == "20260102"


def _unfold(data: bytes) -> bytes:
    return data.replace(b"\r\n ", b"")


@pytest.mark.parametrize(
    "line",
    [
        "DESCRIPTION:" + "x" * 200,
        "DESCRIPTION:" + "Взыскание задолженности — ООО «Уралстрой»\\n" * 6,
        "SUMMARY:" + "я" * 33 + "\\n" + "я" * 40,  # an escape right at a fold
        "LOCATION:" + "a" * 64 + "\\,b" * 20,
        "SUMMARY:" + "😀" * 40,  # four-octet characters
        "SUMMARY:" + "a" * 66,  # exactly 74 octets: no fold
    ],
)
def test_long_lines_fold_at_75_octets_on_character_boundaries(line):
    folded = ical.fit(line).encode()
    parts = folded.split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert all(len(part) <= 74 for part in parts[:1])
    for part in parts:
        part.decode()  # never splits a UTF-8 character
    assert not any(part.endswith(b"\\") for part in parts[:-1]), "an escape stays whole"
    assert _unfold(folded).decode() == line
    assert folded == icalendar.parser.string._foldline(line).encode()
    if len(line.encode()) <= 74:
        assert len(parts) == 1


# --- the whole feed, against the icalendar library ------------------------------------------------


def _reference(entries, *, name, first_day, now):
    """The feed as hearings/ical.py built it with the icalendar library's objects (before it wrote text)."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    def summary(e):
        s = f"{e.title} · {e.matter_number}"
        if e.cancelled:
            return _("Cancelled: %(title)s") % {"title": s}
        if e.done:
            return _("Done: %(title)s") % {"title": s}
        return s

    def description(e):
        lines = [_("Matter %(number)s: %(title)s") % {"number": e.matter_number, "title": e.matter_title}]
        lines.append(e.client_name)
        if e.case_number:
            lines.append(_("Case number: %(number)s") % {"number": e.case_number})
        if e.room:
            lines.append(_("Room: %(room)s") % {"room": e.room})
        if e.person and e.all_day:
            lines.append(_("Responsible: %(name)s") % {"name": e.person})
        elif e.person:
            lines.append(_("Represents the client: %(name)s") % {"name": e.person})
        if e.cancelled:
            lines.append(_("Cancelled: %(reason)s") % {"reason": e.notes} if e.notes else _("Cancelled"))
        elif e.done:
            lines.append(_("Done"))
        if e.url:
            lines.append(settings.SITE_URL + e.url)
        return "\n".join(line for line in lines if line)

    calendar = icalendar.Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", ical.REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(ical.REFRESH))
    zones = dict.fromkeys([settings.TIME_ZONE, *(e.time_zone for e in entries if not e.all_day)])
    for tzid in zones:
        calendar.add_component(icalendar.Timezone.from_ical(ical._vtimezone(tzid, first_day.year - 1)))
    for e in entries:
        event = icalendar.Event()
        event.add("uid", e.uid)
        event.add("sequence", e.sequence)
        event.add("dtstamp", now.astimezone(dt.UTC).replace(microsecond=0))
        event.add("created", e.created_at.astimezone(dt.UTC))
        event.add("last-modified", e.last_modified.astimezone(dt.UTC))
        if e.all_day:
            event.add("dtstart", e.on)
            event.add("dtend", e.on + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            start = timezone.localtime(e.starts_at, ZoneInfo(e.time_zone))
            event.add("dtstart", start)
            event.add(
                "dtend",
                timezone.localtime(e.ends_at, ZoneInfo(e.time_zone)) if e.ends_at else start + ical.DEFAULT_LENGTH,
            )
        event.add("summary", summary(e))
        if e.place:
            event.add("location", e.place)
        event.add("description", description(e))
        event.add("categories", [e.kind_label])
        event.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        if e.url:
            event.add("url", settings.SITE_URL + e.url)
        if not (e.cancelled or e.done):
            for days in reminder_days(DEADLINE_KIND if e.all_day else APPEARANCE):
                alarm = icalendar.Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", summary(e))
                offset = -dt.timedelta(days=days) + (
                    dt.timedelta(hours=ical.DEADLINE_ALARM_HOUR) if e.all_day else dt.timedelta()
                )
                alarm.add("trigger", offset)
                event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _entry(**changes) -> CalendarEntry:
    start = dt.datetime(2026, 9, 7, 10, tzinfo=YEKATERINBURG)
    entry = CalendarEntry(
        kind=HEARING,
        pk=7,
        title="Предварительное судебное заседание по делу о взыскании задолженности",
        kind_label="court hearing",
        all_day=False,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        on=None,
        time_zone="Asia/Yekaterinburg",
        venue="Арбитражный суд Свердловской области",
        address="г. Екатеринбург, ул. Шарташская, 4",
        room="1204",
        case_number="А60-1000/2026",
        matter_id=1,
        matter_number="2026/0001",
        matter_title="Взыскание задолженности; договор № 5, пени \\ штраф",
        client_name="ООО «Альфа»",
        person="Иванов Иван Иванович",
        status="scheduled",
        status_label="scheduled",
        cancelled=False,
        done=False,
        notes="",
        url="/hearings/7/",
        uid="hearing-7@portal.example.ru",
        sequence=2,
        created_at=dt.datetime(2026, 8, 1, 3, 4, 5, 600, tzinfo=dt.UTC),
        last_modified=dt.datetime(2026, 8, 2, 3, 4, 5, tzinfo=dt.UTC),
    )
    return replace(entry, **changes)


def _entries() -> list[CalendarEntry]:
    moscow = dt.datetime(2026, 9, 8, 11, tzinfo=ZoneInfo("Europe/Moscow"))
    return [
        _entry(),
        _entry(pk=8, uid="hearing-8@portal.example.ru", title="Встреча", ends_at=None, room="", case_number=""),
        _entry(
            pk=9,
            uid="hearing-9@portal.example.ru",
            starts_at=moscow,
            ends_at=None,
            time_zone="Europe/Moscow",
            cancelled=True,
            status="cancelled",
            notes="Судья в отпуске,\nзаседание отложено; новая дата — позже",
            url=None,
        ),
        _entry(
            kind=DEADLINE,
            pk=3,
            uid="deadline-3@portal.example.ru",
            title="Подать апелляционную жалобу",
            kind_label="procedural deadline",
            all_day=True,
            starts_at=None,
            ends_at=None,
            on=dt.date(2026, 9, 20),
            venue="",
            address="",
            room="",
            case_number="",
            url="/deadlines/3/",
        ),
        _entry(
            kind=DEADLINE,
            pk=4,
            uid="deadline-4@portal.example.ru",
            title="Отзыв",
            kind_label="procedural deadline",
            all_day=True,
            starts_at=None,
            ends_at=None,
            on=dt.date(2026, 8, 20),
            venue="",
            address="",
            room="",
            case_number="",
            done=True,
            status="done",
            url="/deadlines/4/",
        ),
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_feed_is_what_the_icalendar_library_wrote(settings, language):
    from django.utils import translation

    settings.SITE_URL = "https://portal.example.ru"
    now = dt.datetime(2026, 9, 1, 12, 0, 0, 123, tzinfo=dt.UTC)
    with translation.override(language):
        ours = ical.feed_calendar(
            entries=_entries(), name="Поручение: заседания", first_day=dt.date(2026, 6, 1), now=now
        )
        theirs = _reference(_entries(), name="Поручение: заседания", first_day=dt.date(2026, 6, 1), now=now)
    assert ours == theirs
    assert all(len(line) <= 75 for line in ours.split(b"\r\n"))
    assert not re.search(rb"[^\r]\n", ours), "every line ends with CRLF"
    calendar = vobject.readOne(ours.decode())
    cancelled = next(e for e in calendar.vevent_list if e.uid.value == "hearing-9@portal.example.ru")
    assert "Судья в отпуске,\nзаседание отложено; новая дата — позже" in cancelled.description.value
    assert {tz.tzid.value for tz in calendar.vtimezone_list} == {
        settings.TIME_ZONE,
        "Asia/Yekaterinburg",
        "Europe/Moscow",
    }
