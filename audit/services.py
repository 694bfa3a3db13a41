"""The access log: every look by the firm at a client's confidential data is written down."""

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_noop

from users.client_address import client_ip

from .models import AccessLogEntry


def access_record(
    *,
    user,
    request,
    action: str,
    kind: str,
    description: str,
    client_id: int,
    matter_id=None,
    object_id=None,
    params: dict | None = None,
) -> AccessLogEntry | None:
    """Record that a person of the firm viewed or downloaded something of a client's.

    `description` is a message id marked with gettext_noop and `params` its values, so that the client
    and the partners each read the entry in their own language; without `params`, a plain text.
    Client users looking at their own data are not logged: the log answers the client's question
    "who at the firm has looked at my data".
    """
    if not getattr(user, "is_authenticated", False) or not user.is_firm:
        return None
    code = ""
    if params is not None:
        code, params = description, {key: _param(value) for key, value in params.items()}
        description = AccessLogEntry(description="", code=code, params=params).text_in(settings.LANGUAGE_CODE)
    return AccessLogEntry.objects.create(
        user=user,
        action=action,
        kind=kind,
        description=description[:500],
        code=code if len(code) <= 500 else "",
        params=params or {},
        client_id=client_id,
        matter_id=matter_id,
        object_id=object_id,
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:500],
    )


def _param(value):
    """A value of an entry's description: a translatable label (a model's verbose name…) in every language."""
    if isinstance(value, Promise):
        values = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                values[code] = str(value)
        return values
    return str(value) if value is not None else ""


def client_language(client):
    """Kept for callers that still render a description themselves: the client's language."""
    return translation.override(getattr(client, "language", None) or settings.LANGUAGE_CODE)


def task_document_record(*, user, request, task, attachment=None) -> AccessLogEntry | None:
    """A download of a task's attachment (or, without one, of its receipt) by the firm's people."""
    if not getattr(user, "is_authenticated", False) or not user.is_firm:
        return None
    if attachment is not None:
        description = gettext_noop("Attachment «%(name)s» of task %(number)s")
        params = {"name": attachment.original_name, "number": task.number}
    else:
        description = gettext_noop("Receipt of task %(number)s")
        params = {"number": task.number}
    return access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=description,
        params=params,
        client_id=task.client_id,
        matter_id=task.matter_id,
        object_id=attachment.pk if attachment is not None else task.pk,
    )


def admin_view_record(*, user, request, obj, client_id: int, matter_id=None) -> AccessLogEntry | None:
    """A look at one of a client's records (a task, a message, a result, a document…) in the Django admin."""
    return access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=gettext_noop("%(model)s #%(id)s, in the administration"),
        params={"model": obj._meta.verbose_name, "id": obj.pk},
        client_id=client_id,
        matter_id=matter_id,
        object_id=obj.pk,
    )


def admin_list_record(*, user, request, model, client_ids) -> None:
    """A list of a client's records in the Django admin: one entry per client whose rows were shown."""
    for client_id in sorted(set(client_ids)):
        access_record(
            user=user,
            request=request,
            action=AccessLogEntry.Action.VIEW,
            kind=AccessLogEntry.Kind.DOCUMENT,
            description=gettext_noop("List of %(models)s, in the administration"),
            params={"models": model._meta.verbose_name_plural},
            client_id=client_id,
        )
