"""Reads of the users app that reach a user."""

from django.utils import timezone

from .access import visible_tokens


def token_list(*, user):
    """The caller's API tokens that still work, newest first (expired ones are dead and not shown)."""
    return visible_tokens(user).filter(expires_at__gt=timezone.now()).order_by("-created_at", "-id")
