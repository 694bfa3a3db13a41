"""The calendar's reads: the hearings and deadlines a user may see in a date range, as plain entries.

One list feeds the calendar page, its API and the iCalendar feed, so the three always agree. It is
read in two queries whatever the data (hearings with their matter, client and representative;
deadlines with their matter, client and responsible specialist), both scoped by `hearings.access`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst

from ..access import restrict_deadlines, restrict_hearings
from ..models import Deadline, Hearing

# The page names of the detail pages the entries link to (built in hearings/views by their owners).
HEARING_DETAIL = "hearings:hearing_detail"
DEADLINE_DETAIL = "hearings:deadline_detail"

# However wide a range a caller asks for, no more than this many of each kind are read.
MAX_ENTRIES = 2000

HEARING = "hearing"
DEADLINE = "deadline"


@dataclass(frozen=True)
class CalendarEntry:
    """One line of a calendar: a hearing (a timed event) or a deadline (a whole day)."""

    kind: str  # HEARING or DEADLINE
    pk: int
    title: str
    kind_label: str  # "court hearing", "procedural deadline"…
    all_day: bool
    starts_at: dt.datetime | None  # hearings: aware
    ends_at: dt.datetime | None
    on: dt.date | None  # deadlines: the last day
    time_zone: str  # the place's zone (hearings); the firm's for deadlines
    venue: str
    address: str
    room: str
    case_number: str
    matter_id: int
    matter_number: str
    matter_title: str
    client_name: str
    person: str  # who represents the client (hearings) or is responsible (deadlines)
    status: str
    status_label: str
    cancelled: bool
    done: bool
    notes: str
    url: str | None  # the detail page's path, when that page exists
    uid: str
    sequence: int
    created_at: dt.datetime
    last_modified: dt.datetime

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.venue, self.address, self.room) if part)

    def day(self, zone: dt.tzinfo) -> dt.date:
        """The day the entry falls on, in `zone` (a deadline's day is the same everywhere)."""
        return self.on if self.all_day else timezone.localtime(self.starts_at, zone).date()

    def sort_key(self, zone: dt.tzinfo) -> tuple:
        # Deadlines first on their day (the whole day is theirs), then hearings by time.
        return (self.day(zone), not self.all_day, self.starts_at or dt.datetime.min.replace(tzinfo=dt.UTC), self.pk)


# A pk no real row has: the detail path is reversed once per list with it, then filled in per row.
_MARK = 987654321


def _url_maker(name: str) -> Callable[[int], str | None]:
    """A function from a pk to the page's path; while no such page exists, to None.

    The path is reversed once (reverse() per row was a tenth of the month page's time).
    """
    try:
        head, _mark, tail = reverse(name, kwargs={"pk": _MARK}).rpartition(str(_MARK))
    except NoReverseMatch:
        return lambda pk: None
    return lambda pk: f"{head}{pk}{tail}"


def _labels(choices) -> dict[str, str]:
    """A choices class's labels in the current language, looked up once per list rather than per row."""
    return {value: str(label) for value, label in choices.choices}


def uid_host() -> str:
    """The host part of the entries' UIDs: the portal's address, so another system's UIDs never collide."""
    return urlsplit(settings.SITE_URL).hostname or "poruchenie.local"


def zone_of(name: str) -> ZoneInfo:
    """A place's zone, or the firm's when the stored name is unknown to this machine."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _bounds(start: dt.date, end: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    finish = dt.datetime.combine(end, dt.time.min, tzinfo=zone)
    return begin, finish


# What every entry shows of its row and its matter, hearing or deadline.
_ENTRY_FIELDS = (
    "sequence",
    "created_at",
    "updated_at",
    "matter_id",
    "matter__number",
    "matter__title",
    "matter__client__name",
    "matter__client__short_name",
)
_HEARING_FIELDS = (
    "id",
    "kind",
    "title",
    "venue",
    "address",
    "room",
    "case_number",
    "starts_at",
    "ends_at",
    "time_zone",
    "status",
    "cancel_reason",
    *_ENTRY_FIELDS,
    "representative__full_name",
)
_DEADLINE_FIELDS = (
    "id",
    "title",
    "due_on",
    "status",
    *_ENTRY_FIELDS,
    "responsible__full_name",
)


def _hearing_entries(user, begin, finish, *, include_cancelled: bool, host: str) -> list[CalendarEntry]:
    # The range and the scope pick the ids from one narrow index (hearing_range_idx) without the
    # table; only the rows shown are read whole. A lead's month on the bench firm: 3,000 pages → 650.
    ids = restrict_hearings(user, "view").filter(starts_at__gte=begin, starts_at__lt=finish)
    if not include_cancelled:
        ids = ids.exclude(status=Hearing.Status.CANCELLED)
    rows = (
        Hearing.objects.filter(pk__in=ids.values("pk"))
        .order_by("starts_at", "id")
        .values(*_HEARING_FIELDS)[:MAX_ENTRIES]
    )
    url = _url_maker(HEARING_DETAIL)
    kinds, statuses = _labels(Hearing.Kind), _labels(Hearing.Status)
    zones: dict[str, str] = {}
    entries = []
    for h in rows:
        kind = kinds.get(h["kind"], h["kind"])
        cancelled = h["status"] == Hearing.Status.CANCELLED
        zone = zones.get(h["time_zone"])
        if zone is None:
            zone = zones[h["time_zone"]] = zone_of(h["time_zone"]).key
        entries.append(
            CalendarEntry(
                kind=HEARING,
                pk=h["id"],
                title=h["title"] or capfirst(kind),
                kind_label=kind,
                all_day=False,
                starts_at=h["starts_at"],
                ends_at=h["ends_at"],
                on=None,
                time_zone=zone,
                venue=h["venue"],
                address=h["address"],
                room=h["room"],
                case_number=h["case_number"],
                matter_id=h["matter_id"],
                matter_number=h["matter__number"],
                matter_title=h["matter__title"],
                client_name=h["matter__client__short_name"] or h["matter__client__name"],
                person=h["representative__full_name"] or "",
                status=h["status"],
                status_label=statuses.get(h["status"], h["status"]),
                cancelled=cancelled,
                done=False,
                notes=h["cancel_reason"] if cancelled else "",
                url=url(h["id"]),
                uid=f"hearing-{h['id']}@{host}",
                sequence=h["sequence"],
                created_at=h["created_at"],
                last_modified=max(h["updated_at"], h["created_at"]),
            )
        )
    return entries


def _deadline_entries(user, start, end, *, include_cancelled: bool, host: str) -> list[CalendarEntry]:
    ids = restrict_deadlines(user, "view").filter(due_on__gte=start, due_on__lt=end)
    if not include_cancelled:
        ids = ids.exclude(status=Deadline.Status.CANCELLED)
    rows = (
        Deadline.objects.filter(pk__in=ids.values("pk"))
        .order_by("due_on", "id")
        .values(*_DEADLINE_FIELDS)[:MAX_ENTRIES]
    )
    url = _url_maker(DEADLINE_DETAIL)
    label = str(Deadline._meta.verbose_name)
    statuses = _labels(Deadline.Status)
    return [
        CalendarEntry(
            kind=DEADLINE,
            pk=d["id"],
            title=d["title"],
            kind_label=label,
            all_day=True,
            starts_at=None,
            ends_at=None,
            on=d["due_on"],
            time_zone=settings.TIME_ZONE,
            venue="",
            address="",
            room="",
            case_number="",
            matter_id=d["matter_id"],
            matter_number=d["matter__number"],
            matter_title=d["matter__title"],
            client_name=d["matter__client__short_name"] or d["matter__client__name"],
            person=d["responsible__full_name"],
            status=d["status"],
            status_label=statuses.get(d["status"], d["status"]),
            cancelled=d["status"] == Deadline.Status.CANCELLED,
            done=d["status"] == Deadline.Status.DONE,
            notes="",
            url=url(d["id"]),
            uid=f"deadline-{d['id']}@{host}",
            sequence=d["sequence"],
            created_at=d["created_at"],
            last_modified=max(d["updated_at"], d["created_at"]),
        )
        for d in rows
    ]


def calendar_entries(
    *, user, start: dt.date, end: dt.date, include_cancelled: bool = True, zone: dt.tzinfo | None = None
) -> list[CalendarEntry]:
    """The hearings and deadlines `user` may see from `start` to the day before `end`, in day order.

    Days are counted in `zone` (the viewer's; the current zone unless given). Cancelled ones are
    included (marked) unless `include_cancelled` is false: a feed must carry them to cancel them in
    the subscriber's calendar. Two queries; an inactive or anonymous user gets nothing.
    """
    if end <= start:
        return []
    zone = zone or timezone.get_current_timezone()
    begin, finish = _bounds(start, end, zone)
    host = uid_host()
    entries = [
        *_hearing_entries(user, begin, finish, include_cancelled=include_cancelled, host=host),
        *_deadline_entries(user, start, end, include_cancelled=include_cancelled, host=host),
    ]
    entries.sort(key=lambda e: e.sort_key(zone))
    return entries
