"""The access log: every look by the firm at a client's confidential data is written down."""

from .models import AccessLogEntry


def client_ip(request) -> str | None:
    if request is None:
        return None
    # Behind the proxy of docker-compose/production the client's address is the first forwarded one.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR")) or None


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
