"""Every read of matters and tasks that reaches a user. Each starts from matters.access."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from core import caching
from core.errors import NotFound
from core.paging import Page, page_number, page_of
from core.selectors import get_visible

from ..access import (
    SUBMITTED_SCOPE,
    VISIBILITY_SCOPE,
    accepts_by_assignment,
    allowed,
    restrict_matters,
    restrict_tasks,
    visible_matters,
    visible_tasks,
)
from ..models import Assignment, Matter, Task, TaskAttachment

TASK_LIST_RELATED = ("client", "matter", "registered_by", "accepted_by")
# What a list page shows of each task: no texts (up to 20,000 characters each), no people.
TASK_ROW_FIELDS = (
    "id",
    "number",
    "subject",
    "channel",
    "status",
    "created_at",
    "client_id",
    "matter_id",
    "client__name",
    "client__short_name",
    "matter__number",
)


def matter_list(*, user, status: str | None = None) -> QuerySet[Matter]:
    qs = visible_matters(user).select_related("client")
    if status in Matter.Status.values:
        qs = qs.filter(status=status)
    return qs.prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(is_lead=True).select_related("user"),
            to_attr="leads",
        )
    ).order_by("-opened_at", "-id")


def matter_get(*, user, pk, action: str = "view", with_client: bool = True) -> Matter:
    """The matter, if the user may `action` it (matters.access.restrict_matters), else NotFound.

    "view" for its heading (the matter page); "read" where the page shows its confidential content
    (the thread, the timeline, results of work, the disclosure, risks): a secretary only where assigned.
    `with_client=False` where nothing reads `matter.client` (only client_id): its row is not read along
    (make bench, the timeline: the client's two dozen columns were ~0.3 ms of the matter's 0.7).
    """
    matters = restrict_matters(user, action)
    return get_visible(matters.select_related("client") if with_client else matters, pk=pk)


def matter_choices_for_task(*, user) -> QuerySet[Matter]:
    """The open matters a user may put a new task on."""
    return visible_matters(user).exclude(status=Matter.Status.CLOSED).select_related("client").order_by("number")


def task_list(
    *, user, status: str | None = None, matter: Matter | None = None, channel: str | None = None
) -> QuerySet[Task]:
    qs = visible_tasks(user).select_related(*TASK_LIST_RELATED)
    if status in Task.Status.values:
        qs = qs.filter(status=status)
    if channel in Task.Channel.values:
        qs = qs.filter(channel=channel)
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs.order_by("-created_at", "-id")


# What the API's task list writes of each task (matters.api.tasks.TaskOutput), read as plain values.
TASK_API_VALUES = (
    "id",
    "number",
    "client_id",
    "client__name",
    "matter_id",
    "matter__number",
    "matter__title",
    "subject",
    "text",
    "channel",
    "status",
    "requested_by_name",
    "registered_by_id",
    "registered_by__full_name",
    "created_at",
    "accepted_by_id",
    "accepted_by__full_name",
    "accepted_at",
    "declined_at",
    "decline_reason",
    "answer",
    "answered_at",
    "follow_up_of_id",
)


def task_api_values(queryset: QuerySet[Task]) -> QuerySet[Task]:
    """A scoped, ordered task list (task_list) as dicts of TASK_API_VALUES: the same rows and joins, but no task,
    client, matter and two users built per row (about 250 model instances on a page of 50)."""
    return queryset.select_related(None).values(*TASK_API_VALUES)


def attachment_values(task_ids) -> dict[int, list[dict]]:
    """The attachments of these tasks (ids from a scoped list's page), in their order, by task id: one query."""
    by_task: dict[int, list[dict]] = {}
    rows = TaskAttachment.objects.filter(task_id__in=task_ids).values(
        "id", "task_id", "original_name", "size", "with_answer"
    )
    for row in rows:
        by_task.setdefault(row["task_id"], []).append(row)
    return by_task


def task_rows(queryset: QuerySet[Task]) -> QuerySet[Task]:
    """Narrow a task list to what a list page shows (see TASK_ROW_FIELDS)."""
    return queryset.select_related(None).select_related("client", "matter").only(*TASK_ROW_FIELDS)


@dataclass(slots=True)
class TaskRow:
    """A task as a list's row shows it (matters/jinja2/matters/_task_rows.html): plain values, not a task with
    its client and matter (three model instances a row, the larger part of a list page's time in Python)."""

    pk: int
    number: str
    subject: str
    client: str  # as Client.__str__ writes it: the short name, else the name
    matter_id: int | None
    matter_number: str
    channel: str
    status: str
    created_at: dt.datetime


_ROW_VALUES = ("id", "number", "subject", "client__short_name", "client__name", "matter_id", "matter__number")


def _task_row_values(queryset: QuerySet[Task]) -> QuerySet:
    return queryset.select_related(None).values_list(*_ROW_VALUES, "channel", "status", "created_at")


def _as_task_rows(values) -> list[TaskRow]:
    return [
        TaskRow(pk, number, subject, short or name, matter_id, matter_number or "", channel, status, created)
        for pk, number, subject, short, name, matter_id, matter_number, channel, status, created in values
    ]


def task_row_page(queryset: QuerySet[Task], page=None) -> Page:
    """A page of a scoped, ordered task list (task_list, task_inbox) as TaskRows, one query."""
    result = page_of(_task_row_values(queryset), page)
    result.items = _as_task_rows(result.items)
    return result


def task_inbox(*, user) -> QuerySet[Task]:
    """Tasks waiting for this user to accept or decline them, oldest first: first come, first served.

    Whoever may accept a task may see it (a partner sees the firm's; a specialist or lead accepts only on
    the matters or clients they see; a client user or secretary accepts nothing), so the "accept" scope
    alone scopes the inbox: AND-ing visible_tasks too only made the query carry its subqueries twice.
    """
    return (
        restrict_tasks(user, "accept")
        .filter(status=Task.Status.SUBMITTED)
        .select_related(*TASK_LIST_RELATED)
        .order_by("created_at", "id")
    )


# Seconds. Correctness comes from the scopes; this only bounds memory, and how long a write that forgot to
# bump (none does: the model signals catch every save and delete) could go unseen.
INBOX_TIMEOUT = 120


def task_inbox_page(*, user, page=None) -> Page:
    """A page of the user's inbox (task_inbox) as TaskRows: one query, whether kept or not.

    For a specialist or a lead, which tasks are on the page — their ids in order, and whether a next page
    exists — is kept per user and page (core.caching) under the scopes of all that decides it: which tasks
    are submitted where (SUBMITTED_SCOPE: every save and delete of a task) and who is on which matter as
    what (VISIBILITY_SCOPE: every save and delete of an assignment, a matter moved to another client). The
    rows are then read by their ids, so their subjects, numbers and names are always as they are now, and
    only while still submitted: an id kept from before a write that forgot to bump (none does) falls out,
    and the page is computed afresh rather than shown short.

    Why not the "accept" gate again on the ids: its cost is fixed, not in the walk. Make bench, the lead of
    2,500 matters: the walk of ~1,300 submitted tasks is ~1 ms of the ~6 ms the inbox query takes in
    Python and PostgreSQL; building the gate's four subqueries in the ORM is ~2 ms, planning them ~0.7 ms,
    hashing the 2 × 2,500 assignments ~0.4 ms, by id as much as by walk. Kept ids read through the gate
    again: 5.1 ms; by id alone: 1.6 ms.

    A partner's inbox is the firm's first submitted tasks straight off one index: nothing worth keeping.
    """
    if not caching.enabled() or not accepts_by_assignment(user):
        return task_row_page(task_inbox(user=user), page)
    number = page_number(page)
    computed: list[Page] = []

    def compute() -> tuple[list[int], bool]:
        computed.append(task_row_page(task_inbox(user=user), number))
        return [row.pk for row in computed[0].items], computed[0].has_next

    ids, has_next = caching.cached(
        "task_inbox",
        owner=f"user:{user.pk}",
        scopes=(SUBMITTED_SCOPE, VISIBILITY_SCOPE),
        parts=(user.role, number),
        compute=compute,
        timeout=INBOX_TIMEOUT,
    )
    if computed:
        return computed[0]
    kept = Task.objects.filter(pk__in=ids, status=Task.Status.SUBMITTED).order_by()  # in the kept order below
    rows = {row.pk: row for row in _as_task_rows(_task_row_values(kept))}
    if len(rows) != len(ids):
        return task_row_page(task_inbox(user=user), number)
    return Page(items=[rows[pk] for pk in ids], number=number, has_next=has_next)


def task_get(*, user, pk) -> Task:
    return get_visible(
        visible_tasks(user)
        .select_related(*TASK_LIST_RELATED, "declined_by", "answered_by")
        .prefetch_related(Prefetch("attachments", queryset=TaskAttachment.objects.select_related("uploaded_by"))),
        pk=pk,
    )


def task_attachment_get(*, user, task_pk, pk) -> TaskAttachment:
    task = task_get(user=user, pk=task_pk)
    return get_visible(task.attachments, pk=pk)


def task_permissions(*, user, task: Task) -> dict[str, bool]:
    """What the user may do with the task now: what the page shows as buttons."""
    submitted = task.status == Task.Status.SUBMITTED
    may_accept = submitted and allowed(user, task, "accept")
    return {
        "accept": may_accept,
        "decline": may_accept,
        "answer": task.status == Task.Status.ACCEPTED and allowed(user, task, "answer"),
    }


def matter_team(*, user, matter: Matter) -> list[Assignment]:
    """The people working on a matter the user can see, lead first."""
    if not visible_matters(user).filter(pk=matter.pk).exists():
        raise NotFound()
    return list(matter.assignments.select_related("user").order_by("-is_lead", "user__full_name"))
