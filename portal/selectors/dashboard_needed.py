"""What waits on the client on each of its open matters ("needed from you" on the client's dashboard):
a result to confirm, a risk to acknowledge, an outside lawyer to consent to, a recommendation or the
firm's question to answer, a material message unread, a specialist request answered, documents to
send. One query per kind across all the matters, never one per matter.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from clients.models import DisclosureQuestion
from matters.access import confidential_matters, visible_recommendations
from matters.models import DocumentSubmission, Matter, Recommendation, SpecialistRequest, Subcontract
from matters.selectors.deliverables import deliveries_to_confirm
from matters.selectors.messages import unread_material_messages
from matters.selectors.risk import risks_to_acknowledge
from matters.selectors.specialists import visible_specialist_requests
from matters.selectors.subcontracting import visible_subcontracts
from matters.services.documents import requested_items
from timeline.rendering import ref_url

from .hearings import attendance_needed

NEEDED_ROWS = 50  # "needed from you" items of each kind, across the client's matters
DOCUMENT_ITEMS = 10  # documents to send, per matter
EXCERPT = 140


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
    "advance",  # an advance for a duty or cost to pay (provided by billing, see provide_needed)
    "invoice",  # an issued invoice not fully paid (provided by billing)
    "act",  # an act of services rendered to accept or object to (provided by billing)
)

# Kinds the apps above portal add (billing's advances): portal may not import them, so they hand in a
# function `(user, matter_ids, make) -> {matter_id: [Needed]}` from their AppConfig.ready(); each must
# answer with one query across all the matters.
_providers: dict = {}


def provide_needed(kind: str, function) -> None:
    if kind not in NEEDED_KINDS:
        raise ValueError(f"add {kind!r} to portal.selectors.dashboard_needed.NEEDED_KINDS")
    _providers[kind] = function


@dataclass
class Needed:
    """Something the client is asked to do now, with the page where it is done."""

    kind: str  # one of NEEDED_KINDS
    text: str
    url: str
    at: dt.datetime | None = None
    links: tuple = ()  # further (label, url) pairs shown after the item, e.g. an invoice's PDF


def _matter_url(matter_id) -> str:
    return reverse("matters:matter_detail", args=[matter_id])


def _documents_url(matter: Matter) -> str:
    """The matter's requested documents, where the client sends them; else the disclosure."""
    try:
        return reverse("matters:matter_documents", args=[matter.pk])
    except NoReverseMatch:
        return reverse("clients:disclosure", args=[matter.pk])


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
    for provider in _providers.values():
        for matter_id, items in provider(user=user, matter_ids=ids, make=Needed).items():
            needed[matter_id].extend(items)
    return needed
