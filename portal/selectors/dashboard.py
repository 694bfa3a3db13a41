"""The dashboards: what each person sees first every day.

A client sees, for each of its open matters, the four answers a client wants without asking:
what has happened since my last visit, what is needed from me now, what happens next and when,
and when the firm will next report. The firm's people see the work waiting for them.

Every list is bounded and every section is one or two queries across all matters (never one per
matter), so a dashboard costs the same number of queries whatever the size of the data.
The results of work, messages and risk notices come from the selectors of their areas
(selectors_deliverables, selectors_messages, selectors_risk), which start from their scoping functions.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clients.access import visible_intakes
from clients.models import Disclosure, DisclosureQuestion, Intake
from clients.selectors import MatterRequest, client_matter_requests
from clients.selectors.powers import powers_expiring
from matters.access import (
    confidential_matters,
    visible_matters,
    visible_recommendations,
    visible_tasks,
    visible_timeline,
)
from matters.models import (
    Assignment,
    Deliverable,
    Delivery,
    DocumentSubmission,
    Matter,
    MatterVisit,
    Message,
    Recommendation,
    SpecialistRequest,
    Stage,
    Subcontract,
    Task,
)
from matters.selectors import task_inbox, task_rows
from matters.selectors.deliverables import deliverables_to_release, deliveries_to_confirm, overdue_confirmations
from matters.selectors.messages import unread_material_messages
from matters.selectors.risk import risks_to_acknowledge
from matters.selectors.specialists import visible_specialist_requests
from matters.selectors.subcontracting import visible_subcontracts
from matters.selectors.timeline import StageStep, steps_of
from matters.services.documents import requested_items
from timeline.rendering import EVENT_FIELDS, Line, as_lines, ref_url
from users.models import Role

from .hearings import attendance_needed, upcoming_hearings

CLIENT_MATTERS = 20  # open matters shown on a client's dashboard (a link leads to the rest)
NEW_LINES = 3  # the latest lines since the last visit, per matter
NEEDED_ROWS = 50  # "needed from you" items of each kind, across the client's matters
CLIENT_TASKS = 10
DOCUMENT_ITEMS = 10  # documents to send, per matter
STAFF_MATTERS = 20
TOP = 5  # rows of each "waiting for you" section
EXCERPT = 140
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- hooks for what later issues bring ------------------------------------------------------------


def upcoming_events_for_matters(*, user, matter_ids: list[int]) -> dict[int, list[dict]]:
    """HOOK: the next hearings and deadlines of each matter, nearest first ({matter_id: [{"title", "at", "url"}]}).

    Hearings and meetings come from portal.selectors.hearings (rule 8). Keep it one query for all the matters.
    """
    return upcoming_hearings(user=user, matter_ids=matter_ids)


# --- the client ---------------------------------------------------------------------------------


# Every kind of thing that waits on the client, in the order a matter's card lists them.
NEEDED_KINDS = (
    "confirm",  # a result delivered: confirm receipt
    "risk",  # a risk notice to acknowledge
    "subcontract",  # an outside lawyer awaiting the client's consent
    "recommendation",  # the firm's recommendation awaiting the client's answer
    "message",  # a material message unread
    "question",  # the firm's question about the disclosure
    "specialist",  # the firm answered the client's request for a specialist (until the client looks)
    "documents",  # a document the firm needs: send it
    "attend",  # a hearing or meeting: confirm attendance (portal.selectors.hearings)
)


@dataclass
class Needed:
    """Something the client is asked to do now, with the page where it is done."""

    kind: str  # one of NEEDED_KINDS
    text: str
    url: str
    at: dt.datetime | None = None


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


def _matter_url(matter_id) -> str:
    return reverse("matters:matter_detail", args=[matter_id])


def _documents_url(matter: Matter) -> str:
    """The matter's requested documents, where the client sends them; else the disclosure."""
    try:
        return reverse("matters:matter_documents", args=[matter.pk])
    except NoReverseMatch:
        return reverse("clients:disclosure", args=[matter.pk])


def _client_matters(user) -> list[Matter]:
    seen = MatterVisit.objects.filter(user=user, matter=OuterRef("pk")).values("seen_at")[:1]
    new = (
        visible_timeline(user)
        .filter(matter=OuterRef("pk"), occurred_at__gt=OuterRef("since"))
        .exclude(actor=user)
        .order_by()
        .values("matter")
        .annotate(n=Count("pk"))
        .values("n")
    )
    missing = Disclosure.objects.filter(matter=OuterRef("pk")).values("missing_documents")[:1]
    return list(
        visible_matters(user)
        .filter(status=Matter.Status.OPEN)
        .annotate(
            seen_at=Subquery(seen),
            since=Coalesce(Subquery(seen), Value(NEVER)),
        )
        .annotate(new_count=Coalesce(Subquery(new), 0), missing_documents=Subquery(missing))
        .order_by("-opened_at", "-id")[: CLIENT_MATTERS + 1]
    )


def _stages_by_type(type_ids) -> dict[int, list[Stage]]:
    stages: dict[int, list[Stage]] = {}
    if not type_ids:
        return stages
    for stage in Stage.objects.filter(matter_type_id__in=set(type_ids)).order_by("matter_type_id", "order", "id"):
        stages.setdefault(stage.matter_type_id, []).append(stage)
    return stages


def _new_lines(user, matters: list[Matter]) -> dict[int, list[Line]]:
    """The latest few lines of each matter since the user's last visit there, not the user's own: one query."""
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
            row=Window(RowNumber(), partition_by=[F("matter_id")], order_by=[F("occurred_at").desc(), F("id").desc()])
        )
        .filter(row__lte=NEW_LINES)
        .order_by("matter_id", "-occurred_at", "-id")
    )
    lines: dict[int, list[Line]] = {}
    for line in as_lines(events, clients={m.pk: m.client_id for m in matters}):
        lines.setdefault(line.event.matter_id, []).append(line)
    return lines


def needed_from_client(*, user, matters: list[Matter]) -> dict[int, list[Needed]]:
    """Everything that waits on the client on each matter (NEEDED_KINDS): one query per kind, across all matters.

    The dashboard page and its API both read this; `matters` are the client's open matters as
    _client_matters gives them (with `since` and `missing_documents`).
    """
    ids = [m.pk for m in matters]
    needed: dict[int, list[Needed]] = {m.pk: [] for m in matters}
    if not ids:
        return needed

    deliveries = (
        deliveries_to_confirm(user=user)
        .filter(deliverable__matter_id__in=ids)
        .select_related(None)
        .select_related("deliverable")
        .only("id", "sent_at", "channel", "deliverable_id", "deliverable__title", "deliverable__matter_id")[
            :NEEDED_ROWS
        ]
    )
    for d in deliveries:
        matter_id = d.deliverable.matter_id
        needed[matter_id].append(
            Needed(
                kind="confirm",
                text=_("Confirm that you received «%(title)s»") % {"title": d.deliverable.title},
                url=ref_url("deliverable", d.deliverable_id, matter_id) or _matter_url(matter_id),
                at=d.sent_at,
            )
        )

    risks = (
        risks_to_acknowledge(user=user)
        .filter(matter_id__in=ids)
        .only("id", "matter_id", "subject", "created_at")[:NEEDED_ROWS]
    )
    for r in risks:
        needed[r.matter_id].append(
            Needed(
                kind="risk",
                text=_("Acknowledge the risk: %(subject)s") % {"subject": _excerpt(r.subject, 100)},
                url=ref_url("risknotice", r.pk, r.matter_id) or _matter_url(r.matter_id),
                at=r.created_at,
            )
        )

    subcontracts = (
        visible_subcontracts(user)
        .filter(matter_id__in=ids, status=Subcontract.Status.PROPOSED)
        .only("id", "matter_id", "contractor", "proposed_at")
        .order_by("proposed_at", "id")[:NEEDED_ROWS]
    )
    for sub in subcontracts:
        needed[sub.matter_id].append(
            Needed(
                kind="subcontract",
                text=_("Give or refuse your consent to involve %(contractor)s")
                % {"contractor": _excerpt(sub.contractor, 100)},
                url=reverse("matters:subcontract_detail", args=[sub.pk]),
                at=sub.proposed_at,
            )
        )

    recommendations = (
        visible_recommendations(user)
        .filter(matter_id__in=ids, side=Recommendation.Side.FIRM, responded_at__isnull=True)
        .only("id", "matter_id", "text", "created_at")
        .order_by("created_at", "id")[:NEEDED_ROWS]
    )
    for rec in recommendations:
        needed[rec.matter_id].append(
            Needed(
                kind="recommendation",
                text=_("Answer the firm's recommendation: %(text)s") % {"text": _excerpt(rec.text, 100)},
                url=ref_url("recommendation", rec.pk, rec.matter_id) or _matter_url(rec.matter_id),
                at=rec.created_at,
            )
        )

    unread = (
        unread_material_messages(user=user)
        .filter(matter_id__in=ids)
        .select_related("author")
        .only("id", "matter_id", "body", "created_at", "author__full_name")
        .order_by("created_at", "id")[:NEEDED_ROWS]
    )
    for message in unread:
        needed[message.matter_id].append(
            Needed(
                kind="message",
                text=_("Read the message from %(author)s: %(excerpt)s")
                % {"author": message.author.full_name, "excerpt": _excerpt(message.body, 100)},
                url=ref_url("message", message.pk, message.matter_id) or _matter_url(message.matter_id),
                at=message.created_at,
            )
        )

    questions = (
        DisclosureQuestion.objects.filter(
            matter__in=confidential_matters(user).filter(pk__in=ids), answered_at__isnull=True
        )
        .only("id", "matter_id", "question", "asked_at")
        .order_by("asked_at", "id")[:NEEDED_ROWS]
    )
    for q in questions:
        needed[q.matter_id].append(
            Needed(
                kind="question",
                text=_("Answer the firm's question: %(question)s") % {"question": _excerpt(q.question, 100)},
                url=reverse("clients:disclosure", args=[q.matter_id]),
                at=q.asked_at,
            )
        )

    # The firm's answers to the client's requests for a specialist, until the client next opens the matter.
    answered_since = Q(pk__in=[])
    for matter in matters:
        answered_since |= Q(matter_id=matter.pk, answered_at__gt=matter.since)
    answers = (
        visible_specialist_requests(user)
        .filter(answered_since)
        .exclude(status=SpecialistRequest.Status.PENDING)
        .select_related("specialist")
        .only("id", "matter_id", "status", "answered_at", "specialist__full_name")
        .order_by("answered_at", "id")[:NEEDED_ROWS]
    )
    for answer in answers:
        granted = answer.status == SpecialistRequest.Status.GRANTED
        text = (
            _("See the firm's answer: %(name)s will work on your matter as you asked")
            if granted
            else _("See the firm's answer to your request for %(name)s")
        )
        needed[answer.matter_id].append(
            Needed(
                kind="specialist",
                text=text % {"name": answer.specialist.full_name},
                url=reverse("matters:specialist_request_detail", args=[answer.pk]),
                at=answer.answered_at,
            )
        )

    # The documents the disclosure says are missing and the client has not sent yet.
    requested = {m.pk: requested_items(getattr(m, "missing_documents", "") or "") for m in matters}
    sent: set[tuple[int, str]] = set()
    if any(requested.values()):
        sent = set(
            DocumentSubmission.objects.filter(
                matter__in=confidential_matters(user).filter(pk__in=[pk for pk, items in requested.items() if items])
            ).values_list("matter_id", "requested")
        )
    for matter in matters:
        waiting = [item for item in requested[matter.pk] if (matter.pk, item) not in sent]
        for item in waiting[:DOCUMENT_ITEMS]:
            needed[matter.pk].append(
                Needed(
                    kind="documents",
                    text=_("Send the firm a document: %(document)s") % {"document": _excerpt(item, 200)},
                    url=_documents_url(matter),
                )
            )
    for matter_id, items in attendance_needed(user=user, matter_ids=ids, make=Needed).items():
        needed[matter_id].extend(items)
    return needed


def client_dashboard(*, user) -> ClientDashboard:
    """The client's four answers for each open matter, and its tasks awaiting the firm: a fixed number of queries."""
    language = (get_language() or "ru").split("-")[0]
    matters = _client_matters(user)
    more = len(matters) > CLIENT_MATTERS
    matters = matters[:CLIENT_MATTERS]
    ids = [m.pk for m in matters]
    stages = _stages_by_type(m.matter_type_id for m in matters if m.matter_type_id)
    lines = _new_lines(user, matters) if matters else {}
    needed = needed_from_client(user=user, matters=matters)
    upcoming = upcoming_events_for_matters(user=user, matter_ids=ids) if ids else {}
    cards = []
    for matter in matters:
        steps = steps_of(matter, stages.get(matter.matter_type_id, []), language)
        current = next((s for s in steps if s.state == "current"), None)
        following = next((s for s in steps if s.state == "next"), None) if current else None
        cards.append(
            ClientMatter(
                matter=matter,
                seen_at=matter.seen_at,
                new_count=matter.new_count,
                new_lines=lines.get(matter.pk, []),
                needed=needed.get(matter.pk, []),
                steps=steps,
                current=current,
                next_step=following,
                upcoming=upcoming.get(matter.pk, []),
            )
        )
    tasks = list(
        task_rows(
            visible_tasks(user)
            .filter(status__in=[Task.Status.SUBMITTED, Task.Status.ACCEPTED])
            .order_by("-created_at", "-id")
        )[:CLIENT_TASKS]
    )
    return ClientDashboard(
        matters=cards,
        more_matters=more,
        tasks=tasks,
        needed_total=sum(len(c.needed) for c in cards),
        requests=client_matter_requests(user=user),
    )


# --- the firm -----------------------------------------------------------------------------------


# Counts on the dashboard stop here ("99+"): counting every submitted task of a busy lead walked
# tens of thousands of rows (make bench: 150 ms) to print a number nobody reads past a hundred.
COUNT_CAP = 99


@dataclass
class Section:
    """Work waiting for the user: how much in all (capped), and the first few."""

    total: int = 0
    items: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{COUNT_CAP}+" if self.total > COUNT_CAP else str(self.total)


def _section(queryset: QuerySet, limit: int = TOP) -> Section:
    return Section(total=queryset.order_by()[: COUNT_CAP + 1].count(), items=list(queryset[:limit]))


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
    return rows[:STAFF_MATTERS], len(rows) > STAFF_MATTERS


def _to_answer(user) -> QuerySet[Task]:
    qs = visible_tasks(user).filter(status=Task.Status.ACCEPTED)
    if not user.sees_everything:
        qs = qs.filter(accepted_by=user)
    return task_rows(qs.order_by("accepted_at", "id"))


def _to_release(user) -> QuerySet[Deliverable]:
    return (
        deliverables_to_release(user=user)
        .select_related(None)
        .select_related("matter")
        .only("id", "title", "created_at", "matter_id", "matter__number", "matter__title")
    )


def _unread(user) -> QuerySet[Message]:
    return (
        unread_material_messages(user=user)
        .select_related("matter", "author")
        .only("id", "body", "created_at", "matter_id", "matter__number", "author__full_name")
        .order_by("created_at", "id")
    )


def _overdue(user) -> QuerySet[Delivery]:
    """Overdue confirmations on the matters the user leads (a partner: the firm's)."""
    qs = overdue_confirmations(user=user)
    if not user.sees_everything:
        qs = qs.filter(deliverable__matter_id__in=_led_matters(user))
    return (
        qs.select_related(None)
        .select_related("deliverable__matter")
        .only(
            "id",
            "channel",
            "sent_at",
            "confirm_by",
            "deliverable_id",
            "deliverable__title",
            "deliverable__matter_id",
            "deliverable__matter__number",
        )
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
        inbox = task_rows(task_inbox(user=user))
        dashboard.to_accept = _section(inbox)
        dashboard.to_answer = _section(_to_answer(user))
        dashboard.to_release = _with_links(
            _section(_to_release(user)),
            lambda d: ref_url("deliverable", d.pk, d.matter_id) or _matter_url(d.matter_id),
        )
        dashboard.unread = _with_links(
            _section(_unread(user)),
            lambda m: ref_url("message", m.pk, m.matter_id) or _matter_url(m.matter_id),
        )
        dashboard.overdue = _with_links(
            _section(_overdue(user)),
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
    return dashboard


def dashboard_for(*, user):
    return client_dashboard(user=user) if user.is_client_user else staff_dashboard(user=user)
