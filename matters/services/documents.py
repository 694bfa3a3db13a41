"""The register of the client's papers the firm holds (rule 6): what came in, from whom, where it is
kept, and when and to whom it went back. The client sees its register at any time; the firm writes it.

Who may write: a partner, or a person of the firm assigned to the matter the document belongs to
(for a document not tied to a matter, to one of the client's matters) — the same people who see it
(matters.access.visible_held_documents).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from users.models import Role

from .. import access
from ..models import Assignment, HeldDocument, Matter, TimelineEvent
from .timeline import timeline_record

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


def may_keep_register(user, client, matter: Matter | None = None) -> bool:
    """Whether the user writes the client's register (for a matter, or not tied to one)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_firm:
        return False
    if user.sees_everything:
        return True
    if matter is not None:
        return Assignment.objects.filter(user=user, matter=matter).exists()
    return Assignment.objects.filter(user=user, matter__client=client).exists()


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
    if not may_keep_register(by, client, matter):
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
    if not may_keep_register(by, document.client, document.matter):
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
