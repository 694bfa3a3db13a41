"""Reads every app shares.

`get_visible` is the one "this object if the user may see it, else 404" (HackSoft's `get_object`
is the shape): the caller passes a queryset already scoped by its app's access gate, so a foreign
object and a missing one look the same — a domain NotFound, which pages and the API answer with 404.
"""

from django.db.models import Model, QuerySet

from .errors import NotFound


def get_visible[M: Model](queryset: QuerySet[M], **lookup) -> M:
    """The one object of `queryset` matching `lookup`, or NotFound (a malformed id is not found either)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
