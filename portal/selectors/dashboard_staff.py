"""The firm's dashboard: the work waiting for each person — a lawyer's own (tasks to accept and to
answer, results to release, unread messages, overdue confirmations), a partner's across the firm, a
secretary's front desk (intake, tasks registered). Every section is capped and one or two queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language

from clients.access import visible_intakes
from clients.models import Intake
from clients.selectors.powers import powers_expiring
from matters.access import visible_matters, visible_tasks
from matters.models import Assignment, Deliverable, Delivery, Matter, Message, Task
from matters.selectors import task_inbox, task_rows
from matters.selectors.deliverables import deliverables_to_release, overdue_confirmations
from matters.selectors.messages import unread_material_messages
from timeline.rendering import ref_url
from users.models import Role

STAFF_MATTERS = 20
TOP = 5  # rows of each "waiting for you" section

# Counts on the dashboard stop here ("99+"): counting every submitted task of a busy lead walked
# tens of thousands of rows (make bench: 150 ms) to print a number nobody reads past a hundred.
COUNT_CAP = 99


def _matter_url(matter_id) -> str:
    return reverse("matters:matter_detail", args=[matter_id])


def _task_url(task) -> str:
    return reverse("matters:task_detail", args=[task.pk])


@dataclass
class Section:
    """Work waiting for the user: how much in all (capped), and the first few."""

    total: int = 0
    items: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{COUNT_CAP}+" if self.total > COUNT_CAP else str(self.total)


def _section(queryset: QuerySet, shape, limit: int = TOP) -> Section:
    """The capped count and the first rows of a scoped, ordered queryset, its scope run once.

    The first COUNT_CAP + 1 ids in the page's order give both the count and which rows come first;
    `shape(Model.objects…)` then reads those few rows by primary key. The count and the rows used to
    be two queries each running the whole scope (for the inbox: the ORs of visible_tasks and
    acceptable_tasks_filter, planned and executed twice); the second is now a lookup of five ids.
    """
    ids = list(queryset.values_list("pk", flat=True)[: COUNT_CAP + 1])
    first = ids[:limit]
    rows = {row.pk: row for row in shape(queryset.model._default_manager.filter(pk__in=first))} if first else {}
    return Section(total=len(ids), items=[rows[pk] for pk in first if pk in rows])


@dataclass
class Panel:
    """A count of work waiting that an app above portal adds (billing: payments to match), with its page."""

    key: str
    title: str
    total: int
    url: str
    link: str
    # Optional: a line under the title (e.g. how many are overdue), and the first few rows as
    # {"text", "url", "note"} dicts (each opens its own page).
    note: str = ""
    items: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{COUNT_CAP}+" if self.total > COUNT_CAP else str(self.total)


# Panels the apps above portal add: portal may not import them, so they hand in a function
# `(user, make) -> Panel | None` from their AppConfig.ready() (one query; None when not the user's work).
_panels: dict = {}


def provide_panel(key: str, function) -> None:
    _panels[key] = function


@dataclass
class StaffDashboard:
    role: str
    matters: list[Matter] = field(default_factory=list)
    more_matters: bool = False
    to_accept: Section | None = None
    to_answer: Section | None = None
    to_release: Section | None = None
    unread: Section | None = None
    overdue: Section | None = None
    powers: list = field(default_factory=list)
    intake_counts: dict = field(default_factory=dict)
    intake: Section | None = None
    registered: Section | None = None
    panels: list[Panel] = field(default_factory=list)


def _led_matters(user):
    return Assignment.objects.filter(user=user, is_lead=True).values("matter_id")


def _staff_matters(user, language: str) -> tuple[list[Matter], bool]:
    rows = list(
        visible_matters(user)
        .filter(status=Matter.Status.OPEN)
        .select_related("client", "stage")
        .only(
            "id",
            "number",
            "title",
            "next_report_on",
            "opened_at",
            "stage_id",
            "client_id",
            "client__name",
            "client__short_name",
            "stage__name_ru",
            "stage__name_en",
        )
        .order_by(F("next_report_on").asc(nulls_last=True), "-opened_at", "-id")[: STAFF_MATTERS + 1]
    )
    today = timezone.localdate()
    for matter in rows:
        matter.stage_name = matter.stage.name(language) if matter.stage_id else ""
        matter.report_due = matter.next_report_on is not None and matter.next_report_on <= today
        matter.url = _matter_url(matter.pk)
        matter.report_on = (
            formats.date_format(matter.next_report_on, "SHORT_DATE_FORMAT") if matter.next_report_on else ""
        )
    return rows[:STAFF_MATTERS], len(rows) > STAFF_MATTERS


def _to_answer(user) -> QuerySet[Task]:
    qs = visible_tasks(user).filter(status=Task.Status.ACCEPTED)
    if not user.sees_everything:
        qs = qs.filter(accepted_by=user)
    return qs.order_by("accepted_at", "id")


# What each section shows of its first rows (read by primary key once the scoped query picked them).


def _release_rows(qs: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    return qs.select_related("matter").only("id", "title", "created_at", "matter_id", "matter__number", "matter__title")


def _unread(user) -> QuerySet[Message]:
    return unread_material_messages(user=user).order_by("created_at", "id")


def _unread_rows(qs: QuerySet[Message]) -> QuerySet[Message]:
    return qs.select_related("matter", "author").only(
        "id", "body", "created_at", "matter_id", "matter__number", "author__full_name"
    )


def _overdue(user) -> QuerySet[Delivery]:
    """Overdue confirmations on the matters the user leads (a partner: the firm's)."""
    qs = overdue_confirmations(user=user)
    if not user.sees_everything:
        qs = qs.filter(deliverable__matter_id__in=_led_matters(user))
    return qs


def _overdue_rows(qs: QuerySet[Delivery]) -> QuerySet[Delivery]:
    return qs.select_related("deliverable__matter").only(
        "id",
        "channel",
        "sent_at",
        "confirm_by",
        "deliverable_id",
        "deliverable__title",
        "deliverable__matter_id",
        "deliverable__matter__number",
    )


def _intake(user, dashboard: StaffDashboard) -> None:
    waiting = visible_intakes(user).filter(status__in=[Intake.Status.REQUESTED, Intake.Status.BLOCKED])
    counts = dict(waiting.order_by().values_list("status").annotate(n=Count("pk")))
    dashboard.intake_counts = {
        "requested": counts.get(Intake.Status.REQUESTED, 0),
        "blocked": counts.get(Intake.Status.BLOCKED, 0),
    }
    rows = list(
        waiting.select_related("client")
        .only("id", "kind", "status", "title", "created_at", "client_id", "client__name", "client__short_name")
        .order_by("created_at", "id")[:TOP]
    )
    dashboard.intake = Section(total=sum(dashboard.intake_counts.values()), items=rows)


def _with_links(section: Section, url_of) -> Section:
    for item in section.items:
        item.url = url_of(item)
    return section


def staff_dashboard(*, user) -> StaffDashboard:
    """The firm's dashboard: a lawyer's own work, a partner's across the firm, a secretary's front desk."""
    language = (get_language() or "ru").split("-")[0]
    dashboard = StaffDashboard(role=user.role)
    if user.is_lawyer:
        dashboard.matters, dashboard.more_matters = _staff_matters(user, language)
        dashboard.to_accept = _with_links(_section(task_inbox(user=user), task_rows), _task_url)
        dashboard.to_answer = _with_links(_section(_to_answer(user), task_rows), _task_url)
        dashboard.to_release = _with_links(
            _section(deliverables_to_release(user=user), _release_rows),
            lambda d: ref_url("deliverable", d.pk, d.matter_id) or _matter_url(d.matter_id),
        )
        dashboard.unread = _with_links(
            _section(_unread(user), _unread_rows),
            lambda m: ref_url("message", m.pk, m.matter_id) or _matter_url(m.matter_id),
        )
        dashboard.overdue = _with_links(
            _section(_overdue(user), _overdue_rows),
            lambda d: (
                ref_url("delivery", d.pk, d.deliverable.matter_id)
                or ref_url("deliverable", d.deliverable_id, d.deliverable.matter_id)
                or _matter_url(d.deliverable.matter_id)
            ),
        )
    if user.sees_everything or user.role == Role.SECRETARY:
        _intake(user, dashboard)
    if user.role == Role.SECRETARY:
        registered = visible_tasks(user).filter(registered_by=user).order_by("-created_at", "-id")
        dashboard.registered = Section(items=list(task_rows(registered)[:10]))
    dashboard.powers = powers_expiring(user=user)
    for function in _panels.values():
        panel = function(user=user, make=Panel)
        if panel is not None:
            dashboard.panels.append(panel)
    return dashboard
