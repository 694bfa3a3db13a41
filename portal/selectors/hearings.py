"""Hearings on the dashboards (issue 11, rule 8), kept apart from the dashboards' own modules.

The client's: the next hearings of each matter ("what comes next") and the answers it owes
("what is needed from you": confirm attendance). The lead's and partner's: this week's hearings on
their matters (a partner: the firm's) and the attendees who have not answered. Each is one or two
queries whatever the number of matters or hearings.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hearings.access import restrict_hearings
from hearings.models import Attendee, Hearing
from hearings.selectors.calendar import zone_of
from hearings.selectors.hearings import my_pending, poa_missing
from matters.models import Assignment

UPCOMING_PER_MATTER = 3
ROWS = 20
WEEK = dt.timedelta(days=7)


def _title(hearing: Hearing) -> str:
    kind = hearing.get_kind_display().capitalize()
    return f"{kind}: {hearing.title}" if hearing.title else kind


def upcoming_hearings(*, user, matter_ids: list[int]) -> dict[int, list[dict]]:
    """{matter_id: [{"title", "at", "url"}]}: the next scheduled hearings of each matter, nearest first (one query)."""
    rows = (
        restrict_hearings(user, "view")
        .filter(matter_id__in=matter_ids, status=Hearing.Status.SCHEDULED, starts_at__gte=timezone.now())
        .only("id", "matter_id", "kind", "title", "starts_at")
        .order_by("starts_at", "id")[: UPCOMING_PER_MATTER * max(len(matter_ids), 1) * 2]
    )
    upcoming: dict[int, list[dict]] = {}
    for hearing in rows:
        items = upcoming.setdefault(hearing.matter_id, [])
        if len(items) < UPCOMING_PER_MATTER:
            items.append(
                {
                    "title": _title(hearing),
                    "at": hearing.starts_at,
                    "url": reverse("hearings:hearing_detail", args=[hearing.pk]),
                }
            )
    return upcoming


def attendance_needed(*, user, matter_ids: list[int], make) -> dict[int, list]:
    """{matter_id: [make(kind="attend", text, url, at)]}: the hearings where the client user owes an answer."""
    needed: dict[int, list] = {}
    for row in my_pending(user=user).filter(hearing__matter_id__in=matter_ids)[:ROWS]:
        hearing = row.hearing
        when = formats.date_format(timezone.localtime(hearing.starts_at), "SHORT_DATETIME_FORMAT")
        item = make(
            kind="attend",
            text=_("Confirm your attendance: %(what)s, %(when)s") % {"what": _title(hearing), "when": when},
            url=reverse("hearings:hearing_detail", args=[hearing.pk]),
            at=hearing.starts_at,
        )
        # The dashboard answers right there: two buttons posting to the hearing's answer.
        item.hearing = hearing
        item.answer_url = reverse("hearings:hearing_answer", args=[hearing.pk])
        needed.setdefault(hearing.matter_id, []).append(item)
    return needed


@dataclass
class StaffHearings:
    """The firm's dashboard panel: this week's hearings and who has not answered."""

    week: list[Hearing] = field(default_factory=list)
    unconfirmed: list[Attendee] = field(default_factory=list)
    poa_missing: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.week or self.unconfirmed)


def _arranged_by(user):
    qs = restrict_hearings(user, "view").filter(status=Hearing.Status.SCHEDULED)
    if user.sees_everything:
        return qs
    mine = Assignment.objects.filter(user=user).values("matter_id")
    return qs.filter(Q(matter_id__in=mine) | Q(representative=user))


_WEEK_FIELDS = (
    "id",
    "matter_id",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "time_zone",
    "status",
    "representative_id",
    "matter__number",
    "matter__client_id",
    "matter__client__name",
    "representative__full_name",
)


def _when(hearing: Hearing, viewer_zone: str) -> dict:
    """What hearings/_when.html prints, formatted once here (the include and its tags per row were a
    third of the staff dashboard's template): the start in the viewer's zone, and the place's own time
    when the place is in another zone."""
    starts = timezone.localtime(hearing.starts_at)
    text = formats.date_format(starts, "j E Y, D, H:i")
    if hearing.ends_at:
        text += "–" + formats.date_format(timezone.localtime(hearing.ends_at), "H:i")
    place = ""
    if hearing.time_zone != viewer_zone:
        at = formats.date_format(timezone.localtime(hearing.starts_at, zone_of(hearing.time_zone)), "H:i")
        place = _("%(at)s local time of the place") % {"at": at}
    return {"iso": starts.isoformat(), "text": text, "place": place}


def staff_hearings(*, user) -> StaffHearings:
    """For a lawyer: the hearings of the coming seven days on its matters (a partner: the firm's), and the
    attendees of hearings to come who have not answered — a fixed number of queries."""
    if not user.is_lawyer:
        return StaffHearings()
    now = timezone.now()
    hearings = _arranged_by(user).filter(starts_at__gte=now)
    # The week's ids come from hearing_range_idx alone (range, scope, status and representative are
    # all in it); only the rows shown are read. Make bench, the lead's week: 1,547 → ~300 buffers.
    week_ids = hearings.filter(starts_at__lt=now + WEEK).values("pk")
    week = list(
        Hearing.objects.filter(pk__in=week_ids)
        .select_related("matter__client", "representative")
        .only(*_WEEK_FIELDS)
        .annotate(
            pending=Count("attendees", filter=Q(attendees__response=Attendee.Response.PENDING)),
        )
        .order_by("starts_at", "id")[:ROWS]
    )
    viewer_zone = timezone.get_current_timezone_name()
    kinds = {value: str(label) for value, label in Hearing.Kind.choices}
    for hearing in week:
        kind = capfirst(kinds.get(hearing.kind, hearing.kind))
        hearing.label = f"{kind}: {hearing.title}" if hearing.title else kind
        hearing.url = reverse("hearings:hearing_detail", args=[hearing.pk])
        hearing.when = _when(hearing, viewer_zone)
    unconfirmed = list(
        Attendee.objects.filter(hearing__in=hearings.values("pk"), response=Attendee.Response.PENDING)
        .select_related("hearing__matter", "user")
        .order_by("hearing__starts_at", "id")[:ROWS]
    )
    return StaffHearings(week=week, unconfirmed=unconfirmed, poa_missing=poa_missing(week))
