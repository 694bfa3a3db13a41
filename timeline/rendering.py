"""Timeline events as a reader sees them: in the reader's language, with a link to what each is about.

No queries: the selectors of the apps that show a timeline (matters.selectors.timeline, the dashboards)
load the events with EVENT_FIELDS and hand them here.
"""

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
        "_local",
        "client_visible",
        "detail",
        "event",
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
        self.event = event
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


def _kind_label(kind: str) -> str:
    return str(_KIND_LABELS.get(kind, ""))


def as_lines(events, *, clients: dict | None = None) -> list[Line]:
    """Events rendered in the active language, with links; no queries. `clients`: {matter_id: client_id}.

    Per page, not per line: each route is reversed once, each kind's label and each summary's
    translation (in the actor's gender) looked up once.
    """
    urls = _RefUrls(clients or {})
    labels: dict = {}
    texts = TimelineTexts()
    lines = []
    for e in events:
        kind = e.kind
        label = labels.get(kind)
        if label is None:
            label = labels[kind] = _kind_label(kind)
        lines.append(Line(e, texts(e), urls(e.ref_type, e.ref_id, e.matter_id), label))
    return lines
