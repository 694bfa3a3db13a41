"""The secret calendar feed URL of each user: made on first use, reset by its owner.

A reset draws a new random key; the URL made from the old one stops working at the next request,
with nothing else to invalidate (no cache holds a feed).
"""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import NotPermitted

from ..models import CalendarFeedKey


def _new_key() -> str:
    return secrets.token_hex(32)


def _check(user) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise NotPermitted(_("Only a signed-in user has a calendar feed."))


def feed_key_ensure(*, user) -> CalendarFeedKey:
    """The user's feed key, made now if it has none yet."""
    _check(user)
    key, _created = CalendarFeedKey.objects.get_or_create(user=user, defaults={"key": _new_key()})
    return key


@transaction.atomic
def feed_key_reset(*, user) -> CalendarFeedKey:
    """A new key for the user's feed: the old URL stops working at once."""
    _check(user)
    key, created = CalendarFeedKey.objects.select_for_update().get_or_create(user=user, defaults={"key": _new_key()})
    if not created:
        key.key = _new_key()
        key.created_at = timezone.now()
        key.save(update_fields=["key", "created_at"])
    return key
