"""Reads of the documents register (rule 6), scoped by matters.access.visible_held_documents.

The register of a client opens to its own users, to the firm's people on one of its matters and to
partners; to anybody else the client's register does not exist (404). A look by the firm is written to
the access log: the register shows the documents missing from the client's disclosure questionnaires.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from audit.models import AccessLogEntry
from audit.services import access_record
from clients.access import visible_clients
from clients.models import Client, Disclosure
from core.errors import NotFound
from core.selectors import get_visible
from users.models import Role

from ..access import allowed, confidential_matters, visible_document_submissions, visible_held_documents
from ..models import Assignment, DocumentSubmission, HeldDocument, Matter
from ..selectors import matter_get
from ..services.documents import matter_requested_documents


def register_client_get(*, user, pk) -> Client:
    """The client whose register the user opens; 404 unless the user may see the client's papers."""
    client = get_visible(visible_clients(user), pk=pk)
    if user.role == Role.CLIENT or user.sees_everything:
        return client
    if not Assignment.objects.filter(user=user, matter__client=client).exists():
        raise NotFound()
    return client


def held_documents(*, user, client: Client, held: bool | None = None) -> QuerySet[HeldDocument]:
    qs = visible_held_documents(user).filter(client=client)
    if held is True:
        qs = qs.filter(returned_at__isnull=True)
    elif held is False:
        qs = qs.filter(returned_at__isnull=False)
    return qs.select_related("matter", "recorded_by", "returned_by").order_by("-received_at", "-id")


def held_document_get(*, user, pk) -> HeldDocument:
    return get_visible(visible_held_documents(user).select_related("client", "matter"), pk=pk)


def held_document_detail_get(*, user, pk) -> HeldDocument:
    """One document of the register with the people its API answer names (who recorded and returned it)."""
    return get_visible(visible_held_documents(user).select_related("recorded_by", "returned_by"), pk=pk)


def missing_documents(*, user, client: Client, request=None, log: bool = True) -> list[dict]:
    """The documents the client's disclosures say are missing, with where to get them: one row per matter.

    They are the client's disclosure answers: a look by the firm is written to the access log here,
    whichever door asks. `log=False` only where the look is already recorded with them — the register
    page, whose register_viewed entry covers the missing documents it shows.
    """
    rows = list(
        Disclosure.objects.filter(matter__in=confidential_matters(user).filter(client=client))
        .exclude(missing_documents="")
        .order_by("matter__number")
        .values("matter_id", "matter__number", "matter__title", "missing_documents")
    )
    if log and user.is_firm:
        access_record(
            user=user,
            request=request,
            action=AccessLogEntry.Action.VIEW,
            kind=AccessLogEntry.Kind.DISCLOSURE,
            description=gettext_noop("Documents missing according to the disclosure questionnaires of %(client)s"),
            params={"client": client.name},
            client_id=client.pk,
        )
    return rows


def held_documents_all(*, user, held: bool | None = None) -> QuerySet[HeldDocument]:
    """Every document of the registers the user may see (a client user: its own), newest first.

    The firm's look at a page of them is written to the access log by documents_viewed.
    """
    qs = visible_held_documents(user).select_related("recorded_by", "returned_by")
    if held is not None:
        qs = qs.filter(returned_at__isnull=held)
    return qs.order_by("-received_at", "-id")


def documents_viewed(*, user, documents, request=None) -> list[HeldDocument]:
    """Write the firm's look at these documents to the access log: one entry per client they belong to."""
    documents = list(documents)
    if not user.is_firm or not documents:
        return documents
    names = dict(Client.objects.filter(pk__in={d.client_id for d in documents}).values_list("pk", "name"))
    for client_id in sorted(names):
        access_record(
            user=user,
            request=request,
            action=AccessLogEntry.Action.VIEW,
            kind=AccessLogEntry.Kind.DOCUMENT,
            description=gettext_noop("Register of the documents held for %(client)s"),
            params={"client": names[client_id]},
            client_id=client_id,
        )
    return documents


def register_matters(*, user, client: Client) -> QuerySet[Matter]:
    """The client's matters a paper may be tied to by this user (the record form's choices)."""
    qs = confidential_matters(user).filter(client=client).exclude(status=Matter.Status.CLOSED)
    return qs.order_by("number")


def register_viewed(*, user, client: Client, request=None) -> None:
    """Write the firm's look at the register (with the missing documents of the disclosures) to the access log."""
    if not user.is_firm:
        return
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=gettext_noop("Register of the documents held for %(client)s"),
        params={"client": client.name},
        client_id=client.pk,
    )


# --- documents the firm asked for, sent by the client as files -------------------------------------


@dataclass
class RequestedDocument:
    """One document the firm asked for, and what the client has sent for it so far (latest first)."""

    title: str
    submissions: list = field(default_factory=list)

    @property
    def sent(self) -> bool:
        return bool(self.submissions)


@dataclass
class MatterDocuments:
    matter: Matter
    requested: list[RequestedDocument]
    others: list  # sent against an item the disclosure no longer lists
    may_send: bool
    may_mark: bool


def matter_documents(*, user, pk) -> MatterDocuments:
    """The matter's requested documents with what was sent for each: 404 unless the user sees its secrets."""
    matter = matter_get(user=user, pk=pk, action="read")
    submissions = list(
        visible_document_submissions(user)
        .filter(matter=matter)
        .select_related("uploaded_by", "received_by", "held_document")
        .order_by("-uploaded_at", "-id")
    )
    requested = [RequestedDocument(title=title) for title in matter_requested_documents(matter)]
    by_title = {item.title: item for item in requested}
    others = []
    for submission in submissions:
        item = by_title.get(submission.requested)
        (item.submissions if item else others).append(submission)
    return MatterDocuments(
        matter=matter,
        requested=requested,
        others=others,
        may_send=allowed(user, matter, "send_documents"),
        may_mark=allowed(user, matter, "keep_register"),
    )


def document_submission_get(*, user, pk) -> DocumentSubmission:
    return get_visible(visible_document_submissions(user).select_related("matter", "matter__client"), pk=pk)


def document_submission_detail_get(*, user, pk) -> DocumentSubmission:
    """One sent document with the people its API answer names (who sent it, who marked it received)."""
    return get_visible(visible_document_submissions(user).select_related("uploaded_by", "received_by"), pk=pk)


def matter_documents_viewed(*, user, matter: Matter, request=None) -> None:
    """Write the firm's look at a matter's requested and sent documents to the access log."""
    if not user.is_firm:
        return
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=gettext_noop("Documents requested from the client and sent on matter %(number)s"),
        params={"number": matter.number},
        client_id=matter.client_id,
        matter_id=matter.pk,
    )
