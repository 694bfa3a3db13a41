"""Timeline events as a reader sees them: in the reader's language, with a link to what each is about.

No queries: the selectors of the apps that show a timeline (matters.selectors.timeline, the dashboards)
load the events with EVENT_FIELDS and hand them here — as events (with their actors) or, cheaper, as the
rows `.values(*EVENT_FIELDS)` reads (the matter's timeline page and API: make bench, building fifty
events and their authors as model instances was a third of fetching the page).
"""

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import DEFERRED
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .models import TimelineEvent
from .services import TimelineTexts

EVENT_FIELDS = (
    "id",
    "matter_id",
    "kind",
    "occurred_at",
    "summary",
    "params",
    "detail",
    "client_visible",
    "ref_type",
    "ref_id",
    "actor_id",
    "actor__full_name",
    "actor__gender",
)

# Where the timeline links to the object a line is about: ref_type (the model's name) → its page.
# Each entry takes (ref_id, matter_id, client_id). A page that does not exist gives no link.
REF_ROUTES = {
    "task": lambda pk, matter_id, client_id: reverse("matters:task_detail", args=[pk]),
    "matter": lambda pk, matter_id, client_id: reverse("matters:matter_detail", args=[pk]),
    "disclosure": lambda pk, matter_id, client_id: reverse("clients:disclosure", args=[matter_id]),
    "disclosurequestion": lambda pk, matter_id, client_id: reverse("clients:disclosure", args=[matter_id]),
    "powerofattorney": lambda pk, matter_id, client_id: reverse("clients:power_detail", args=[pk]),
    "specialistrequest": lambda pk, matter_id, client_id: reverse("matters:matter_detail", args=[matter_id]),
    "subcontract": lambda pk, matter_id, client_id: reverse("matters:matter_detail", args=[matter_id]),
    "deliverable": lambda pk, matter_id, client_id: reverse("matters:deliverable_detail", args=[pk]),
    "helddocument": lambda pk, matter_id, client_id: reverse("matters:documents", args=[client_id]),
    "documentsubmission": lambda pk, matter_id, client_id: reverse("matters:matter_documents", args=[matter_id]),
    "message": lambda pk, matter_id, client_id: reverse("matters:message_detail", args=[pk]),
    "recommendation": lambda pk, matter_id, client_id: reverse("matters:risks", args=[matter_id]),
    "risknotice": lambda pk, matter_id, client_id: reverse("matters:risk_detail", args=[pk]),
    "hearing": lambda pk, matter_id, client_id: reverse("hearings:hearing_detail", args=[pk]),
}


def ref_url(ref_type: str, ref_id, matter_id, client_id=None) -> str | None:
    """The page of the object a timeline line is about; None when there is none to link to."""
    route = REF_ROUTES.get(ref_type or "")
    if route is None or ref_id is None:
        return None
    try:
        return route(ref_id, matter_id, client_id)
    except NoReverseMatch:
        return None


# A ref_id no row has: a page of lines reverses each route once with it, then puts each line's id in its place
# (a route passes its ref_id to reverse() as it is, so the marker is where the id goes in the URL).
_REF_MARK = 918273645


class _RefUrls:
    """ref_url for one page of lines: one reverse() per route (and matter), not one per line."""

    def __init__(self, clients: dict):
        self.clients = clients
        self.templates: dict = {}

    def __call__(self, ref_type: str, ref_id, matter_id) -> str | None:
        if ref_id is None:
            return None
        key = (ref_type, matter_id)
        try:
            template = self.templates[key]
        except KeyError:
            template = self.templates[key] = ref_url(ref_type, _REF_MARK, matter_id, self.clients.get(matter_id))
        if template is None:
            return None
        return template.replace(_MARK_TEXT, str(ref_id))


_MARK_TEXT = str(_REF_MARK)
_UNREAD = object()


class Line:
    """A timeline event as a reader sees it: in the reader's language, with its link.

    What a page shows of it is worked out once, here (a page has fifty lines and a template reads each
    attribute once or twice): the fields are plain attributes, the local time and its day are computed
    when first read.
    """

    __slots__ = (
        "_actor",
        "_event",
        "_local",
        "_row",
        "client_visible",
        "detail",
        "id",
        "kind",
        "kind_label",
        "occurred_at",
        "ref_id",
        "ref_type",
        "text",
        "url",
    )  # fmt: skip

    def __init__(self, event: TimelineEvent, text: str, url: str | None, kind_label: str | None = None):
        self._event = event
        self._row = None
        self.text = text
        self.url = url
        self.id = event.pk
        self.kind = event.kind
        self.kind_label = _kind_label(event.kind) if kind_label is None else kind_label
        self.occurred_at = event.occurred_at
        # The actor as loaded with the event (the selectors' select_related); otherwise read when asked, as before.
        self._actor = None if event.actor_id is None else (event.actor if _ACTOR.is_cached(event) else _UNREAD)
        self.detail = event.detail
        self.client_visible = event.client_visible
        self.ref_type = event.ref_type
        self.ref_id = event.ref_id
        self._local = None

    @classmethod
    def of_row(cls, row: dict, text: str, url: str | None, kind_label: str, actor) -> "Line":
        """A line of a row of `.values(*EVENT_FIELDS)`; `actor` the author as a user (None: nobody)."""
        line = cls.__new__(cls)
        line._event = None
        line._row = row
        line.text = text
        line.url = url
        line.id = row["id"]
        line.kind = row["kind"]
        line.kind_label = kind_label
        line.occurred_at = row["occurred_at"]
        line._actor = actor
        line.detail = row["detail"]
        line.client_visible = row["client_visible"]
        line.ref_type = row["ref_type"]
        line.ref_id = row["ref_id"]
        line._local = None
        return line

    @property
    def event(self) -> TimelineEvent:
        """The event itself (with its actor), as the selectors load it; of a row, built when first asked."""
        if self._event is None:
            self._event = _event_of_row(self._row, self._actor)
        return self._event

    def __repr__(self) -> str:
        return f"Line(id={self.id!r}, text={self.text!r}, url={self.url!r})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return (self.event, self.text, self.url) == (other.event, other.text, other.url)

    __hash__ = None

    @property
    def actor(self):
        if self._actor is _UNREAD:
            return self.event.actor
        return self._actor

    @property
    def local_at(self):
        """When it happened, in the reader's time zone."""
        if self._local is None:
            self._local = timezone.localtime(self.occurred_at)
        return self._local

    @property
    def day(self):
        """The day in the reader's time zone (the timeline groups its lines by day)."""
        return self.local_at.date()


_ACTOR = TimelineEvent._meta.get_field("actor")
_KIND_LABELS = dict(TimelineEvent.Kind.choices)
_EVENT_COLUMNS = [f.attname for f in TimelineEvent._meta.concrete_fields]
_ACTOR_FIELDS = {"id": "actor_id", "full_name": "actor__full_name", "gender": "actor__gender"}


def _event_of_row(row: dict, actor) -> TimelineEvent:
    """The event a row was read from, as `.select_related("actor").only(*EVENT_FIELDS)` would have built it."""
    event = TimelineEvent(*[row.get(name, DEFERRED) for name in _EVENT_COLUMNS])
    event._state.adding = False
    event._state.db = DEFAULT_DB_ALIAS
    _ACTOR.set_cached_value(event, actor)
    return event


def _actor_of_row(row: dict):
    """The author of a row as a user with the fields EVENT_FIELDS reads (id, name, gender), the rest deferred."""
    user_model = get_user_model()
    names = [f.attname for f in user_model._meta.concrete_fields if f.attname in _ACTOR_FIELDS]
    return user_model.from_db(DEFAULT_DB_ALIAS, names, [row[_ACTOR_FIELDS[name]] for name in names])


def _kind_label(kind: str) -> str:
    return str(_KIND_LABELS.get(kind, ""))


def as_lines(events, *, clients: dict | None = None) -> list[Line]:
    """Events rendered in the active language, with links; no queries. `clients`: {matter_id: client_id}.

    `events`: TimelineEvents (their actors selected with them) or rows of `.values(*EVENT_FIELDS)`.

    Per page, not per line: each route is reversed once, each kind's label and each summary's
    translation (in the actor's gender) looked up once.
    """
    urls = _RefUrls(clients or {})
    labels: dict = {}
    texts = TimelineTexts()
    actors: dict = {None: None}  # of rows: one user per author, not one per line
    lines = []
    for e in events:
        row = e if isinstance(e, dict) else None
        kind = e["kind"] if row is not None else e.kind
        label = labels.get(kind)
        if label is None:
            label = labels[kind] = _kind_label(kind)
        if row is None:
            lines.append(Line(e, texts(e), urls(e.ref_type, e.ref_id, e.matter_id), label))
            continue
        actor_id = row["actor_id"]
        actor = actors.get(actor_id)
        if actor is None and actor_id is not None:
            actor = actors[actor_id] = _actor_of_row(row)
        text = texts.text(row["summary"], row["params"], (row["actor__gender"] or "") if actor_id is not None else "")
        lines.append(Line.of_row(row, text, urls(row["ref_type"], row["ref_id"], row["matter_id"]), label, actor))
    return lines


LINES_TEMPLATE = "timeline/lines.html"  # the Jinja2 fragment (timeline/jinja2/): it reads `lines` and `compact`


def lines_html(lines: list[Line], *, compact: bool = False) -> str:
    """The lines as HTML, as `{% include "timeline/lines.html" %}` renders them (without its final newline):
    the Jinja2 fragment alone, autoescaped, no request (no form in it: nothing of one request's)."""
    from django.template import engines

    return engines["jinja2"].get_template(LINES_TEMPLATE).template.render({"lines": lines, "compact": compact})
