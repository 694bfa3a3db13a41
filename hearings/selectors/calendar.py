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


def _url_maker(name: str) -> Callable[[int], str | None]:
    """A function from a pk to the page's path; while no such page exists, to None (one attempt per call)."""
    try:
        reverse(name, kwargs={"pk": 1})
    except NoReverseMatch:
        return lambda pk: None
    return lambda pk: reverse(name, kwargs={"pk": pk})


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


def _hearing_entries(user, begin, finish, *, include_cancelled: bool, host: str) -> list[CalendarEntry]:
    qs = restrict_hearings(user, "view").filter(starts_at__gte=begin, starts_at__lt=finish)
    if not include_cancelled:
        qs = qs.exclude(status=Hearing.Status.CANCELLED)
    qs = qs.select_related("matter__client", "representative").order_by("starts_at", "id")[:MAX_ENTRIES]
    url = _url_maker(HEARING_DETAIL)
    return [
        CalendarEntry(
            kind=HEARING,
            pk=h.pk,
            title=h.title or capfirst(h.get_kind_display()),
            kind_label=str(h.get_kind_display()),
            all_day=False,
            starts_at=h.starts_at,
            ends_at=h.ends_at,
            on=None,
            time_zone=zone_of(h.time_zone).key,
            venue=h.venue,
            address=h.address,
            room=h.room,
            case_number=h.case_number,
            matter_id=h.matter_id,
            matter_number=h.matter.number,
            matter_title=h.matter.title,
            client_name=str(h.matter.client),
            person=h.representative.full_name if h.representative else "",
            status=h.status,
            status_label=str(h.get_status_display()),
            cancelled=h.status == Hearing.Status.CANCELLED,
            done=False,
            notes=h.cancel_reason if h.status == Hearing.Status.CANCELLED else "",
            url=url(h.pk),
            uid=f"hearing-{h.pk}@{host}",
            sequence=h.sequence,
            created_at=h.created_at,
            last_modified=max(h.updated_at, h.created_at),
        )
        for h in qs
    ]


def _deadline_entries(user, start, end, *, include_cancelled: bool, host: str) -> list[CalendarEntry]:
    qs = restrict_deadlines(user, "view").filter(due_on__gte=start, due_on__lt=end)
    if not include_cancelled:
        qs = qs.exclude(status=Deadline.Status.CANCELLED)
    qs = qs.select_related("matter__client", "responsible").order_by("due_on", "id")[:MAX_ENTRIES]
    url = _url_maker(DEADLINE_DETAIL)
    label = str(Deadline._meta.verbose_name)
    return [
        CalendarEntry(
            kind=DEADLINE,
            pk=d.pk,
            title=d.title,
            kind_label=label,
            all_day=True,
            starts_at=None,
            ends_at=None,
            on=d.due_on,
            time_zone=settings.TIME_ZONE,
            venue="",
            address="",
            room="",
            case_number="",
            matter_id=d.matter_id,
            matter_number=d.matter.number,
            matter_title=d.matter.title,
            client_name=str(d.matter.client),
            person=d.responsible.full_name,
            status=d.status,
            status_label=str(d.get_status_display()),
            cancelled=d.status == Deadline.Status.CANCELLED,
            done=d.status == Deadline.Status.DONE,
            notes="",
            url=url(d.pk),
            uid=f"deadline-{d.pk}@{host}",
            sequence=d.sequence,
            created_at=d.created_at,
            last_modified=max(d.updated_at, d.created_at),
        )
        for d in qs
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
