"""The client's dashboard: for each of its open matters, the four answers a client wants without asking.

What has happened since my last visit, what is needed from me now (portal.selectors.dashboard_needed),
what happens next and when, and when the firm will next report; and the client's tasks awaiting the
firm. Every list is bounded and every section is one or two queries across all matters.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from clients.models import Disclosure
from clients.selectors import MatterRequest, client_matter_requests
from matters.access import visible_matters, visible_tasks, visible_timeline
from matters.models import Matter, MatterVisit, Stage, Task
from matters.selectors import task_rows
from matters.selectors.timeline import StageStep, steps_of
from timeline.rendering import EVENT_FIELDS, Line, as_lines

from .dashboard_money import Money, money_for
from .dashboard_needed import Needed, needed_from_client
from .hearings import upcoming_hearings

CLIENT_MATTERS = 20  # open matters shown on a client's dashboard (a link leads to the rest)
NEW_LINES = 3  # the latest lines since the last visit, per matter
CLIENT_TASKS = 10
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


# --- hooks for what later issues bring ------------------------------------------------------------


def upcoming_events_for_matters(*, user, matter_ids: list[int]) -> dict[int, list[dict]]:
    """HOOK: the next hearings and deadlines of each matter, nearest first ({matter_id: [{"title", "at", "url"}]}).

    Hearings and meetings come from portal.selectors.hearings (rule 8). Keep it one query for all the matters.
    """
    return upcoming_hearings(user=user, matter_ids=matter_ids)


@dataclass
class ClientMatter:
    matter: Matter
    seen_at: dt.datetime | None
    new_count: int
    new_lines: list[Line]
    needed: list[Needed]
    steps: list[StageStep]
    current: StageStep | None
    next_step: StageStep | None
    upcoming: list[dict]
    money: Money | None = None
    urls: dict[str, str] = field(default_factory=dict)  # "matter", "timeline", "new_task": made once per page

    @property
    def next_report_on(self):
        return self.matter.next_report_on

    @property
    def report_due(self) -> bool:
        on = self.matter.next_report_on
        return on is not None and on <= timezone.localdate()


@dataclass
class ClientDashboard:
    matters: list[ClientMatter]
    more_matters: bool
    tasks: list[Task]
    needed_total: int = 0
    requests: list[MatterRequest] = field(default_factory=list)

    @property
    def money(self) -> list[ClientMatter]:
        """The matters with money to show (an invoice issued or an advance asked for), for the Money card."""
        return [card for card in self.matters if card.money is not None and not card.money.is_empty]


def _client_matters(user) -> list[Matter]:
    seen = MatterVisit.objects.filter(user=user, matter=OuterRef("pk")).values("seen_at")[:1]
    missing = Disclosure.objects.filter(matter=OuterRef("pk")).values("missing_documents")[:1]
    # How many lines are new is counted by _new_lines, in the query that reads the latest of them: a count
    # here, correlated on the visit's time, read every line of each matter's history (make bench: 4.5 ms).
    return list(
        visible_matters(user)
        .filter(status=Matter.Status.OPEN)
        .annotate(
            seen_at=Subquery(seen),
            since=Coalesce(Subquery(seen), Value(NEVER)),
        )
        .annotate(missing_documents=Subquery(missing))
        .order_by("-opened_at", "-id")[: CLIENT_MATTERS + 1]
    )


def _stages_by_type(type_ids) -> dict[int, list[Stage]]:
    stages: dict[int, list[Stage]] = {}
    if not type_ids:
        return stages
    for stage in Stage.objects.filter(matter_type_id__in=set(type_ids)).order_by("matter_type_id", "order", "id"):
        stages.setdefault(stage.matter_type_id, []).append(stage)
    return stages


def _new_lines(user, matters: list[Matter]) -> tuple[dict[int, list[Line]], dict[int, int]]:
    """The latest few lines of each matter since the user's last visit there, not the user's own, and how
    many such lines each matter has: one query."""
    unseen = ~Exists(
        MatterVisit.objects.filter(user=user, matter=OuterRef("matter"), seen_at__gte=OuterRef("occurred_at"))
    )
    # Each matter's lines after its own last visit, as index ranges on timeline_matter_idx: a long
    # history seen long ago is never read (make bench: a 2,000-line matter cost 5-7 ms without it).
    ranges = Q(pk__in=[])
    for matter in matters:
        ranges |= Q(matter_id=matter.pk, occurred_at__gt=matter.since)
    events = (
        visible_timeline(user)
        .filter(ranges)
        .filter(unseen)
        .exclude(actor=user)
        .select_related("actor")
        .only(*EVENT_FIELDS)
        .annotate(
            row=Window(RowNumber(), partition_by=[F("matter_id")], order_by=[F("occurred_at").desc(), F("id").desc()]),
            new_total=Window(Count("pk"), partition_by=[F("matter_id")]),
        )
        .filter(row__lte=NEW_LINES)
        .order_by("matter_id", "-occurred_at", "-id")
    )
    lines: dict[int, list[Line]] = {}
    counts: dict[int, int] = {}
    for line in as_lines(events, clients={m.pk: m.client_id for m in matters}):
        lines.setdefault(line.event.matter_id, []).append(line)
        counts[line.event.matter_id] = line.event.new_total
    return lines, counts


_PK_MARK = 918273645  # a pk no row has: each URL is reversed once per page and the pk put in its place


def _url_of(name: str):
    url = reverse(name, args=[_PK_MARK])
    return lambda pk: url.replace(str(_PK_MARK), str(pk))


def client_dashboard(*, user) -> ClientDashboard:
    """The client's four answers for each open matter, and its tasks awaiting the firm: a fixed number of queries."""
    language = (get_language() or "ru").split("-")[0]
    matters = _client_matters(user)
    more = len(matters) > CLIENT_MATTERS
    matters = matters[:CLIENT_MATTERS]
    ids = [m.pk for m in matters]
    stages = _stages_by_type(m.matter_type_id for m in matters if m.matter_type_id)
    lines, new_counts = _new_lines(user, matters) if matters else ({}, {})
    needed = needed_from_client(user=user, matters=matters)
    upcoming = upcoming_events_for_matters(user=user, matter_ids=ids) if ids else {}
    money = money_for(user=user, matter_ids=ids)
    matter_url, timeline_url = _url_of("matters:matter_detail"), _url_of("matters:timeline")
    task_url = _url_of("matters:task_detail")
    new_task_url = reverse("matters:task_new")
    cards = []
    for matter in matters:
        steps = steps_of(matter, stages.get(matter.matter_type_id, []), language)
        current = next((s for s in steps if s.state == "current"), None)
        following = next((s for s in steps if s.state == "next"), None) if current else None
        cards.append(
            ClientMatter(
                matter=matter,
                seen_at=matter.seen_at,
                new_count=new_counts.get(matter.pk, 0),
                new_lines=lines.get(matter.pk, []),
                needed=needed.get(matter.pk, []),
                steps=steps,
                current=current,
                next_step=following,
                upcoming=upcoming.get(matter.pk, []),
                money=money.get(matter.pk),
                urls={
                    "matter": matter_url(matter.pk),
                    "timeline": timeline_url(matter.pk),
                    "new_task": f"{new_task_url}?matter={matter.pk}",
                },
            )
        )
    tasks = list(
        task_rows(
            visible_tasks(user)
            .filter(status__in=[Task.Status.SUBMITTED, Task.Status.ACCEPTED])
            .order_by("-created_at", "-id")
        )[:CLIENT_TASKS]
    )
    for task in tasks:
        task.url = task_url(task.pk)
    return ClientDashboard(
        matters=cards,
        more_matters=more,
        tasks=tasks,
        needed_total=sum(len(c.needed) for c in cards),
        requests=client_matter_requests(user=user),
    )
