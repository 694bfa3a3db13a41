"""The secret calendar feed URL of each user: made on first use, reset by its owner.

A reset draws a new random key; the URL made from the old one stops working at the next request
(the token is checked before the cached feed is read, and the cached feed is the user's, not the
URL's). A reset also drops the cached feed, so the new address starts from a freshly built one.
"""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.caching import bump
from core.errors import NotPermitted

from ..models import CalendarFeedKey
from ..scopes import user_scope


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
    bump(user_scope(user.pk))
    return key
