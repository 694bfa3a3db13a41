"""Timeline events as a reader sees them: in the reader's language, with a link to what each is about.

No queries: the selectors of the apps that show a timeline (matters.selectors.timeline, the dashboards)
load the events with EVENT_FIELDS and hand them here.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .models import TimelineEvent
from .services import timeline_text

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


@dataclass
class Line:
    """A timeline event as a reader sees it: in the reader's language, with its link."""

    event: TimelineEvent
    text: str
    url: str | None

    @property
    def id(self):
        return self.event.pk

    @property
    def kind(self):
        return self.event.kind

    @property
    def kind_label(self):
        return _KIND_LABELS.get(self.event.kind, "")

    @property
    def occurred_at(self):
        return self.event.occurred_at

    @property
    def day(self):
        """The day in the reader's time zone (the timeline groups its lines by day)."""
        return timezone.localtime(self.event.occurred_at).date()

    @property
    def actor(self):
        return self.event.actor

    @property
    def detail(self):
        return self.event.detail

    @property
    def client_visible(self):
        return self.event.client_visible

    @property
    def ref_type(self):
        return self.event.ref_type

    @property
    def ref_id(self):
        return self.event.ref_id


_KIND_LABELS = dict(TimelineEvent.Kind.choices)


def as_lines(events, *, clients: dict | None = None) -> list[Line]:
    """Events rendered in the active language, with links; no queries. `clients`: {matter_id: client_id}."""
    clients = clients or {}
    return [
        Line(event=e, text=timeline_text(e), url=ref_url(e.ref_type, e.ref_id, e.matter_id, clients.get(e.matter_id)))
        for e in events
    ]
