"""Reads of the users app that reach a user."""

from django.db.models import QuerySet
from django.utils import timezone

from .access import visible_tokens
from .models import LAWYER_ROLES, User


def user_find(pk) -> User | None:
    """A person by id, or None: for a service that then checks who the person may be (a listed lawyer…)."""
    return User.objects.filter(pk=pk).first()


def active_lawyers(pks) -> QuerySet[User]:
    """The firm's active lawyers among these ids."""
    return User.objects.filter(pk__in=pks, role__in=LAWYER_ROLES, is_active=True)


def token_list(*, user):
    """The caller's API tokens that still work, newest first (expired ones are dead and not shown)."""
    return visible_tokens(user).filter(expires_at__gt=timezone.now()).order_by("-created_at", "-id")
