"""Who may read the access log: the one answer, by action (as clients.access and matters.access)."""

from django.db.models import QuerySet

from users.models import Role

from .models import AccessLogEntry

ACCESS_LOG_ACTIONS = ("view",)


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def restrict_access_log(user, action: str = "view") -> QuerySet[AccessLogEntry]:
    """ "view": a client's users see who at the firm looked at the client's data; partners see the whole log."""
    if action not in ACCESS_LOG_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = AccessLogEntry.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    return qs.none()


def visible_access_log(user) -> QuerySet[AccessLogEntry]:
    """The entries the user may read: restrict_access_log(user, "view")."""
    return restrict_access_log(user, "view")


def allowed(user, obj, action: str) -> bool:
    """Whether the user may `action` this entry; given the AccessLogEntry class, "view" asks whether the
    user has a log to read at all: client users (their own client's entries) and partners (the firm's).
    Other staff have none."""
    if action not in ACCESS_LOG_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if obj is AccessLogEntry:
        return not _inactive(user) and (user.sees_everything or user.role == Role.CLIENT)
    if isinstance(obj, AccessLogEntry):
        return restrict_access_log(user, action).filter(pk=obj.pk).exists()
    raise TypeError(f"no access rules for {type(obj).__name__}")
