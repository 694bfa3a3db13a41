"""The access log: every look by the firm at a client's confidential data is written down."""

import ipaddress

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry


def client_ip(request) -> str | None:
    """The address the request came from, as evidence: not what the caller claims it is.

    X-Forwarded-For is written by whoever sends the request, so only the entries added by our own
    proxies count: with AUDIT_TRUSTED_PROXIES = n (0 by default: gunicorn faces the network), the
    n-th address from the right is the client's. Without trusted proxies the socket's address is used.
    """
    if request is None:
        return None
    proxies = int(getattr(settings, "AUDIT_TRUSTED_PROXIES", 0) or 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if proxies <= 0:
        return _valid_ip(remote)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= proxies:
        return _valid_ip(forwarded[-proxies]) or _valid_ip(remote)
    return _valid_ip(forwarded[0] if forwarded else remote) or _valid_ip(remote)


def _valid_ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def access_record(
    *, user, request, action: str, kind: str, description: str, client_id: int, matter_id=None, object_id=None
) -> AccessLogEntry | None:
    """Record that a person of the firm viewed or downloaded something of a client's.

    Client users looking at their own data are not logged: the log answers the client's question
    "who at the firm has looked at my data".
    """
    if not getattr(user, "is_authenticated", False) or not user.is_firm:
        return None
    return AccessLogEntry.objects.create(
        user=user,
        action=action,
        kind=kind,
        description=description[:500],
        client_id=client_id,
        matter_id=matter_id,
        object_id=object_id,
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:500],
    )


def client_language(client):
    """Write an entry's description in the client's language: the client is the one who reads it."""
    return translation.override(getattr(client, "language", None) or settings.LANGUAGE_CODE)


def task_document_record(*, user, request, task, attachment=None) -> AccessLogEntry | None:
    """A download of a task's attachment (or, without one, of its receipt) by the firm's people."""
    if not getattr(user, "is_authenticated", False) or not user.is_firm:
        return None
    with client_language(task.client):
        description = _task_description(task, attachment)
    return access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=description,
        client_id=task.client_id,
        matter_id=task.matter_id,
        object_id=attachment.pk if attachment is not None else task.pk,
    )


def _task_description(task, attachment) -> str:
    if attachment is not None:
        description = _("Attachment «%(name)s» of task %(number)s") % {
            "name": attachment.original_name,
            "number": task.number,
        }
    else:
        description = _("Receipt of task %(number)s") % {"number": task.number}
    return str(description)
