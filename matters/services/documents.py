"""The register of the client's papers the firm holds (rule 6): what came in, from whom, where it is
kept, and when and to whom it went back. The client sees its register at any time; the firm writes it.

Who may write: a partner, or a person of the firm assigned to the matter the document belongs to
(for a document not tied to a matter, to one of the client's matters) — the same people who see it
(matters.access.visible_held_documents).
"""

from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audit.models import AccessLogEntry
from audit.services import access_record
from clients.models import Disclosure
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import Role

from .. import access
from ..models import DocumentSubmission, HeldDocument, Matter
from .uploads import check_files

TEXT_MAX = 300
PAGES_MAX = 100_000

_RECEIVED = {
    HeldDocument.Form.ORIGINAL: gettext_noop("The firm received the original of «%(title)s» from %(person)s"),
    HeldDocument.Form.COPY: gettext_noop("The firm received a certified copy of «%(title)s» from %(person)s"),
    HeldDocument.Form.PLAIN_COPY: gettext_noop("The firm received a copy of «%(title)s» from %(person)s"),
}
_RETURNED = {
    HeldDocument.Form.ORIGINAL: gettext_noop("The original of «%(title)s» was returned to %(person)s"),
    HeldDocument.Form.COPY: gettext_noop("The certified copy of «%(title)s» was returned to %(person)s"),
    HeldDocument.Form.PLAIN_COPY: gettext_noop("The copy of «%(title)s» was returned to %(person)s"),
}


def _text(value, name: str, message, errors: dict) -> str:
    value = (value or "").strip()
    if not value:
        errors[name] = [message]
    elif len(value) > TEXT_MAX:
        errors[name] = [_("Too long (300 characters at most).")]
    return value


def _timeline(document: HeldDocument, lines: dict, *, by, person: str) -> None:
    if document.matter_id is None:
        return  # a paper not tied to a matter has no timeline; the register itself shows it
    timeline_record(
        matter=document.matter,
        kind=TimelineEvent.Kind.DOCUMENT,
        actor=by,
        summary=lines[document.form],
        params={"title": document.title, "person": person},
        ref=document,
    )


@transaction.atomic
def held_document_record(
    *,
    by,
    client,
    title: str,
    received_from: str,
    location: str,
    form: str = HeldDocument.Form.ORIGINAL,
    pages: int | None = None,
    received_at=None,
    matter: Matter | None = None,
) -> HeldDocument:
    """The firm records a paper received from the client: what, in which form, from whom, where it is kept."""
    if matter is not None and matter.client_id != client.pk:
        raise ValidationError(fields={"matter": [_("The matter belongs to another client.")]})
    if not access.allowed(by, matter or client, "keep_register"):
        if getattr(by, "role", None) == Role.CLIENT and by.client_id == client.pk:
            raise NotPermitted(_("The register is kept by the firm: hand the document to your lawyer."))
        raise NotFound()
    errors: dict = {}
    title = _text(title, "title", _("Name the document."), errors)
    received_from = _text(received_from, "received_from", _("Say who handed it over."), errors)
    location = _text(location, "location", _("Say where the firm keeps it."), errors)
    if form not in HeldDocument.Form.values:
        errors["form"] = [_("Choose the form: original, certified copy or copy.")]
    if pages is not None and not (0 < int(pages) <= PAGES_MAX):
        errors["pages"] = [_("Give the number of pages (at least 1).")]
    if received_at is not None and received_at > timezone.now():
        errors["received_at"] = [_("A document cannot be received in the future.")]
    if errors:
        raise ValidationError(fields=errors)
    document = HeldDocument.objects.create(
        client=client,
        matter=matter,
        title=title,
        form=form,
        pages=pages,
        received_at=received_at or timezone.now(),
        received_from=received_from,
        location=location,
        recorded_by=by,
    )
    _timeline(document, _RECEIVED, by=by, person=received_from)
    return document


@transaction.atomic
def held_document_return(*, document: HeldDocument, by, returned_to: str, returned_at=None) -> HeldDocument:
    """The firm gives a paper back: when, to whom, by whom. A document is returned once."""
    if not access.visible_held_documents(by).filter(pk=document.pk).exists():
        raise NotFound()
    document = (
        HeldDocument.objects.select_for_update(of=("self",)).select_related("client", "matter").get(pk=document.pk)
    )
    if not access.allowed(by, document.matter or document.client, "keep_register"):
        raise NotPermitted(_("Documents are returned by the firm's people on the client's matters."))
    if document.returned_at is not None:
        raise InvalidState(_("This document has already been returned."))
    errors: dict = {}
    returned_to = _text(returned_to, "returned_to", _("Say to whom it was returned."), errors)
    now = timezone.now()
    returned_at = returned_at or now
    if returned_at > now:
        errors["returned_at"] = [_("A return cannot be recorded in the future.")]
    elif returned_at < document.received_at:
        errors["returned_at"] = [_("It cannot be returned before it was received.")]
    if errors:
        raise ValidationError(fields=errors)
    document.returned_at = returned_at
    document.returned_to = returned_to
    document.returned_by = by
    document.save(update_fields=["returned_at", "returned_to", "returned_by"])
    _timeline(document, _RETURNED, by=by, person=returned_to)
    return document


# --- documents the firm asked for, sent by the client as files -------------------------------------

NOTE_MAX = 2000

_SENT = gettext_noop("%(person)s sent «%(title)s» through the portal")
_COPY_ACCEPTED = gettext_noop("The firm accepted the copy of «%(title)s» sent through the portal")


def requested_items(text: str) -> list[str]:
    """The documents a disclosure says are missing, one per line (list bullets dropped, duplicates once)."""
    items: list[str] = []
    for line in (text or "").splitlines():
        item = line.strip().lstrip("-•*–—·").strip()[:TEXT_MAX]
        if item and item not in items:
            items.append(item)
    return items


def matter_requested_documents(matter: Matter) -> list[str]:
    """What the matter's disclosure asks the client to bring (empty when it asks nothing)."""
    text = Disclosure.objects.filter(matter=matter).values_list("missing_documents", flat=True).first()
    return requested_items(text or "")


@transaction.atomic
def document_submit(*, by, matter: Matter, requested: str, file, note: str = "") -> DocumentSubmission:
    """A client user sends the firm a requested document (a scan or a file) on the matter."""
    if not access.confidential_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    if not access.allowed(by, matter, "send_documents"):
        if getattr(by, "is_firm", False):
            raise NotPermitted(_("The client sends the requested documents; the firm marks them received."))
        raise InvalidState(_("This matter is closed: documents are no longer collected on it."))
    items = matter_requested_documents(matter)
    requested = (requested or "").strip()
    errors: dict = {}
    if not items:
        raise InvalidState(_("The firm has not asked for any documents on this matter."))
    if requested not in items:
        errors["requested"] = [_("Choose one of the documents the firm asked for.")]
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        errors["note"] = [_("The note is too long (2,000 characters at most).")]
    if not file:
        errors["file"] = [_("Attach the document: a scan or a file.")]
    else:
        try:
            check_files([file], field="file", limit=1, uploader=by)
        except ValidationError as error:
            errors.update(error.fields)
    if errors:
        raise ValidationError(fields=errors)
    submission = DocumentSubmission.objects.create(
        matter=matter,
        requested=requested,
        file=file,
        original_name=PurePosixPath(file.name).name[:255],
        size=file.size,
        content_type=(getattr(file, "content_type", "") or "")[:127],
        note=note,
        uploaded_by=by,
    )
    timeline_record(
        matter=matter,
        kind=TimelineEvent.Kind.DOCUMENT,
        actor=by,
        summary=_SENT,
        params={"title": requested, "person": by.full_name},
        detail=note,
        ref=submission,
    )
    return submission


@transaction.atomic
def document_mark_received(
    *, submission: DocumentSubmission, by, status: str, location: str = "", pages: int | None = None
) -> DocumentSubmission:
    """The firm marks a sent document received: the copy is enough, or the original came in too.

    An original is entered in the register of papers held by the firm (rule 6), so `location` is needed.
    """
    if not access.confidential_matters(by).filter(pk=submission.matter_id).exists():
        raise NotFound()
    submission = (
        DocumentSubmission.objects.select_for_update(of=("self",))
        .select_related("matter", "matter__client", "uploaded_by")
        .get(pk=submission.pk)
    )
    matter = submission.matter
    if not access.allowed(by, matter, "keep_register"):
        raise NotPermitted(_("Documents are marked received by the firm's people on the matter."))
    if submission.status != DocumentSubmission.Status.SENT:
        raise InvalidState(_("This document is already marked received."))
    if status not in (DocumentSubmission.Status.ORIGINAL_RECEIVED, DocumentSubmission.Status.COPY_RECEIVED):
        raise ValidationError(fields={"status": [_("Choose: original received, or copy received.")]})
    if status == DocumentSubmission.Status.ORIGINAL_RECEIVED:
        if not (location or "").strip():
            raise ValidationError(fields={"location": [_("Say where the firm keeps the original.")]})
        submission.held_document = held_document_record(
            by=by,
            client=matter.client,
            matter=matter,
            title=submission.requested,
            received_from=submission.uploaded_by.full_name,
            location=location,
            pages=pages,
            form=HeldDocument.Form.ORIGINAL,
        )
    submission.status = status
    submission.received_by = by
    submission.received_at = timezone.now()
    submission.save(update_fields=["status", "received_by", "received_at", "held_document"])
    if status == DocumentSubmission.Status.COPY_RECEIVED:
        # an original has its own line from the register; a copy accepted says so here
        timeline_record(
            matter=matter,
            kind=TimelineEvent.Kind.DOCUMENT,
            actor=by,
            summary=_COPY_ACCEPTED,
            params={"title": submission.requested},
            ref=submission,
        )
    return submission


def document_submission_opened(*, user, request, submission: DocumentSubmission) -> None:
    """A download of a sent document by the firm's people goes to the access log."""
    if not getattr(user, "is_firm", False):
        return
    matter = submission.matter
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=gettext_noop("Document «%(title)s» sent by the client (file «%(name)s»)"),
        params={"title": submission.requested, "name": submission.original_name},
        client_id=matter.client_id,
        matter_id=matter.pk,
        object_id=submission.pk,
    )
