from django.db.models import QuerySet

from users.models import Role

from .models import AccessLogEntry


def visible_access_log(user) -> QuerySet[AccessLogEntry]:
    """A client's users see who at the firm looked at the client's data; partners see the whole log."""
    qs = AccessLogEntry.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    return qs.none()


def access_log_list(*, user, client=None) -> QuerySet[AccessLogEntry]:
    qs = visible_access_log(user).select_related("user", "matter", "client")
    if client is not None:
        qs = qs.filter(client=client)
    return qs.order_by("-at", "-id")
