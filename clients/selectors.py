from django.db.models import Q, QuerySet

from core.errors import NotFound

from .access import visible_clients
from .models import Client


def client_list(*, user) -> QuerySet[Client]:
    return visible_clients(user).order_by("name")


def client_get(*, user, pk) -> Client:
    try:
        return visible_clients(user).get(pk=pk)
    except (Client.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def client_search(*, user, query: str) -> QuerySet[Client]:
    """Clients by part of a name or by INN/OGRN, among those the user may see."""
    query = (query or "").strip()
    qs = visible_clients(user)
    if not query:
        return qs.none()
    if query.isdigit():
        return qs.filter(Q(inn__startswith=query) | Q(ogrn__startswith=query)).order_by("name")
    return qs.filter(Q(name__icontains=query) | Q(short_name__icontains=query)).order_by("name")
