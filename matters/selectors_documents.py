"""Reads of the documents register (rule 6), scoped by matters.access.visible_held_documents.

The register of a client opens to its own users, to the firm's people on one of its matters and to
partners; to anybody else the client's register does not exist (404). A look by the firm is written to
the access log: the register shows the documents missing from the client's disclosure questionnaires.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLogEntry
from audit.services import access_record, client_language
from clients.access import visible_clients
from clients.models import Client, Disclosure
from core.errors import NotFound
from users.models import Role

from .access import confidential_matters, visible_held_documents
from .models import Assignment, HeldDocument, Matter


def register_client_get(*, user, pk) -> Client:
    """The client whose register the user opens; 404 unless the user may see the client's papers."""
    try:
        client = visible_clients(user).get(pk=pk)
    except (Client.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
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
    try:
        return visible_held_documents(user).select_related("client", "matter").get(pk=pk)
    except (HeldDocument.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def missing_documents(*, user, client: Client) -> list[dict]:
    """The documents the client's disclosures say are missing, with where to get them: one row per matter."""
    return list(
        Disclosure.objects.filter(matter__in=confidential_matters(user).filter(client=client))
        .exclude(missing_documents="")
        .order_by("matter__number")
        .values("matter_id", "matter__number", "matter__title", "missing_documents")
    )


def register_matters(*, user, client: Client) -> QuerySet[Matter]:
    """The client's matters a paper may be tied to by this user (the record form's choices)."""
    qs = confidential_matters(user).filter(client=client).exclude(status=Matter.Status.CLOSED)
    return qs.order_by("number")


def register_viewed(*, user, client: Client, request=None) -> None:
    """Write the firm's look at the register (with the missing documents of the disclosures) to the access log."""
    if not user.is_firm:
        return
    with client_language(client):
        description = str(_("Register of the documents held for %(client)s") % {"client": client.name})
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=description,
        client_id=client.pk,
    )
