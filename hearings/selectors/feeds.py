"""Who a secret calendar feed URL belongs to.

The URL's token is `<user id>.<HMAC of the user's feed key>` (the key is in CalendarFeedKey; the HMAC
is keyed by the project's SECRET_KEY, so the database alone opens nothing). A token is compared in
constant time; a wrong, malformed or reset one, or one of an inactive user, belongs to nobody.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models import CalendarFeedKey

SALT = "hearings.calendar_feed"
MAX_TOKEN = 200  # longer is not ours: not even looked up


def feed_token(key: CalendarFeedKey) -> str:
    digest = salted_hmac(SALT, f"{key.user_id}:{key.key}", algorithm="sha256").hexdigest()
    return f"{key.user_id}.{digest}"


def feed_path(key: CalendarFeedKey) -> str:
    return reverse("hearings:calendar_feed", kwargs={"token": feed_token(key)})


def feed_url(key: CalendarFeedKey) -> str:
    """The absolute address a calendar application subscribes to."""
    return settings.SITE_URL + feed_path(key)


def feed_owner(token: str):
    """The active user the token opens the feed of, or None. One query."""
    if not token or len(token) > MAX_TOKEN:
        return None
    user_id, _dot, _digest = token.partition(".")
    if not user_id.isdigit() or len(user_id) > 18:
        return None
    key = CalendarFeedKey.objects.select_related("user").filter(user_id=int(user_id)).first()
    if key is None or not key.user.is_active:
        return None
    if not constant_time_compare(feed_token(key), token):
        return None
    return key.user


def feed_key_of(user) -> CalendarFeedKey | None:
    return CalendarFeedKey.objects.filter(user=user).first() if user.is_authenticated else None
