from django.db.models import Q, QuerySet

from core.errors import NotPermitted
from users.models import Role, User

from .access import allowed, visible_access_log
from .models import AccessLogEntry


def access_log_list(
    *,
    user,
    client_id: int | None = None,
    actor_id: int | None = None,
    kind: str | None = None,
    client_query: str = "",
) -> QuerySet[AccessLogEntry]:
    """The entries the user may read, newest first, with what each row shows; filters narrow a partner's view.

    Refuses (NotPermitted) a user who has no log to read, so that an empty page never pretends
    nobody looked.
    """
    if not allowed(user, AccessLogEntry, "view"):
        raise NotPermitted()
    qs = visible_access_log(user).select_related("user", "matter", "client")
    if client_id:
        qs = qs.filter(client_id=client_id)
    if actor_id:
        qs = qs.filter(user_id=actor_id)
    if kind in AccessLogEntry.Kind.values:
        qs = qs.filter(kind=kind)
    client_query = (client_query or "").strip()
    if client_query:
        if client_query.isdigit():
            qs = qs.filter(Q(client__inn__startswith=client_query) | Q(client__ogrn__startswith=client_query))
        else:
            qs = qs.filter(Q(client__name__icontains=client_query) | Q(client__short_name__icontains=client_query))
    return qs.order_by("-at", "-id")


def access_log_people(*, user) -> QuerySet[User]:
    """The firm's people a partner may filter the log by (a short list: the firm, not its clients)."""
    if not (getattr(user, "is_authenticated", False) and user.sees_everything):
        return User.objects.none()
    return User.objects.exclude(role=Role.CLIENT).order_by("full_name").only("pk", "full_name", "role")


def access_log_client(*, user, pk: int | None):
    """The client a partner's log is filtered by (its name heads the page), or None.

    Only partners and client users read the log (audit.access: "view"); of clients.access.visible_clients
    that is: every client for a partner, its own for a client user. audit sits below clients in the
    layers, so the client is reached through the log's own relation, not by importing clients.
    """
    if not pk or not allowed(user, AccessLogEntry, "view"):
        return None
    clients = AccessLogEntry._meta.get_field("client").related_model.objects.filter(pk=pk)
    if not user.sees_everything:
        clients = clients.filter(pk=user.client_id)
    return clients.only("pk", "name", "short_name").first()
