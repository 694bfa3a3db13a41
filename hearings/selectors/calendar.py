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
    """A function from a pk to the page's path; while no such page exists, to None.

    The pattern is reversed once, for a stand-in pk, and each entry's path is that with its own pk: a
    feed of thousands of entries would otherwise spend most of its time resolving the same URL.
    """
    try:
        path = reverse(name, kwargs={"pk": _STAND_IN_PK})
    except NoReverseMatch:
        return lambda pk: None
    before, _found, after = path.partition(str(_STAND_IN_PK))
    return lambda pk: f"{before}{pk}{after}"


_STAND_IN_PK = 987654321


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


def _labels(choices) -> dict[str, str]:
    """The choices' labels in the current language, translated once per read rather than once per row."""
    return {value: str(label) for value, label in choices}


HEARING_FIELDS = (
    "pk",
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
    "sequence",
    "created_at",
    "updated_at",
    "matter_id",
    "matter__number",
    "matter__title",
    "matter__client__name",
    "matter__client__short_name",
    "representative__full_name",
)
DEADLINE_FIELDS = (
    "pk",
    "title",
    "due_on",
    "status",
    "sequence",
    "created_at",
    "updated_at",
    "matter_id",
    "matter__number",
    "matter__title",
    "matter__client__name",
    "matter__client__short_name",
    "responsible__full_name",
)


def _hearing_entries(user, begin, finish, *, include_cancelled: bool, host: str) -> list[CalendarEntry]:
    # Only the columns an entry shows (values(): no model instances, no per-row label lookups): the
    # iCalendar feed reads thousands of these at a time.
    qs = restrict_hearings(user, "view").filter(starts_at__gte=begin, starts_at__lt=finish)
    if not include_cancelled:
        qs = qs.exclude(status=Hearing.Status.CANCELLED)
    rows = qs.order_by("starts_at", "id").values_list(*HEARING_FIELDS)[:MAX_ENTRIES]
    url = _url_maker(HEARING_DETAIL)
    kinds, statuses = _labels(Hearing.Kind.choices), _labels(Hearing.Status.choices)
    titles = {kind: capfirst(label) for kind, label in kinds.items()}
    zones: dict[str, str] = {}
    cancelled_status = Hearing.Status.CANCELLED
    entries = []
    for (
        pk,
        kind,
        title,
        venue,
        address,
        room,
        case_number,
        starts_at,
        ends_at,
        time_zone,
        status,
        cancel_reason,
        sequence,
        created_at,
        updated_at,
        matter_id,
        matter_number,
        matter_title,
        client_name,
        client_short_name,
        representative,
    ) in rows:
        if time_zone not in zones:
            zones[time_zone] = zone_of(time_zone).key
        cancelled = status == cancelled_status
        entries.append(
            CalendarEntry(
                kind=HEARING,
                pk=pk,
                title=title or titles.get(kind, kind),
                kind_label=kinds.get(kind, kind),
                all_day=False,
                starts_at=starts_at,
                ends_at=ends_at,
                on=None,
                time_zone=zones[time_zone],
                venue=venue,
                address=address,
                room=room,
                case_number=case_number,
                matter_id=matter_id,
                matter_number=matter_number,
                matter_title=matter_title,
                client_name=client_short_name or client_name,  # str(Client)
                person=representative or "",
                status=status,
                status_label=statuses.get(status, status),
                cancelled=cancelled,
                done=False,
                notes=cancel_reason if cancelled else "",
                url=url(pk),
                uid=f"hearing-{pk}@{host}",
                sequence=sequence,
                created_at=created_at,
                last_modified=max(updated_at, created_at),
            )
        )
    return entries


def _deadline_entries(user, start, end, *, include_cancelled: bool, host: str) -> list[CalendarEntry]:
    qs = restrict_deadlines(user, "view").filter(due_on__gte=start, due_on__lt=end)
    if not include_cancelled:
        qs = qs.exclude(status=Deadline.Status.CANCELLED)
    rows = qs.order_by("due_on", "id").values_list(*DEADLINE_FIELDS)[:MAX_ENTRIES]
    url = _url_maker(DEADLINE_DETAIL)
    label = str(Deadline._meta.verbose_name)
    statuses = _labels(Deadline.Status.choices)
    firm_zone = settings.TIME_ZONE
    return [
        CalendarEntry(
            kind=DEADLINE,
            pk=pk,
            title=title,
            kind_label=label,
            all_day=True,
            starts_at=None,
            ends_at=None,
            on=due_on,
            time_zone=firm_zone,
            venue="",
            address="",
            room="",
            case_number="",
            matter_id=matter_id,
            matter_number=matter_number,
            matter_title=matter_title,
            client_name=client_short_name or client_name,  # str(Client)
            person=responsible,
            status=status,
            status_label=statuses.get(status, status),
            cancelled=status == Deadline.Status.CANCELLED,
            done=status == Deadline.Status.DONE,
            notes="",
            url=url(pk),
            uid=f"deadline-{pk}@{host}",
            sequence=sequence,
            created_at=created_at,
            last_modified=max(updated_at, created_at),
        )
        for (
            pk,
            title,
            due_on,
            status,
            sequence,
            created_at,
            updated_at,
            matter_id,
            matter_number,
            matter_title,
            client_name,
            client_short_name,
            responsible,
        ) in rows
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
