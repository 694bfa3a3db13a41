"""Who a secret calendar feed URL belongs to, and the feed itself (kept in the shared cache).

The URL's token is `<user id>.<HMAC of the user's feed key>` (the key is in CalendarFeedKey; the HMAC
is keyed by the project's SECRET_KEY, so the database alone opens nothing). A token is compared in
constant time; a wrong, malformed or reset one, or one of an inactive user, belongs to nobody.

The feed of a lead holds thousands of events (megabytes): it is built once and kept (gzipped, with
its ETag) in core.caching under its owner, the day and the language, until a service changes what
it shows (hearings.scopes). Calendar applications poll it hourly and mostly get a 304.
"""

import datetime as dt
import gzip
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from core import caching
from notices.kinds import APPEARANCE, DEADLINE, reminder_days

from .. import ical
from ..models import CalendarFeedKey
from ..scopes import calendar_scopes
from .calendar import calendar_entries

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


# The feed's window: what a subscriber's calendar keeps (recent past, the year ahead and a little more).
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 400
# A kept feed lives through a couple of the hourly polls (its generations keep it right; this only
# bounds memory). The day is part of its key, so it is rebuilt each day whatever this says.
FEED_CACHE_SECONDS = 2 * 60 * 60


@dataclass(frozen=True)
class FeedDocument:
    """A built feed: its weak ETag (a hash of the content, DTSTAMP aside) and its bytes, gzipped or not."""

    etag: str
    content: bytes
    gzipped: bool

    def body(self) -> bytes:
        """The iCalendar text itself."""
        return gzip.decompress(self.content) if self.gzipped else self.content


def _build(user, today: dt.date, *, compress: bool) -> FeedDocument:
    first = today - dt.timedelta(days=FEED_DAYS_BACK)
    entries = calendar_entries(
        user=user, start=first, end=today + dt.timedelta(days=FEED_DAYS_AHEAD), include_cancelled=True
    )
    name = _("%(portal)s: hearings and deadlines") % {"portal": _("Poruchenie")}
    now = timezone.now()
    body = ical.feed_calendar(entries=entries, name=name, first_day=first, now=now)
    # The same content built at another moment differs only in DTSTAMP: the ETag leaves it out, so a
    # rebuild of an unchanged feed still answers 304 to a client that has it.
    stamp = f"DTSTAMP:{ical.utc(now)}".encode()
    etag = 'W/"' + hashlib.blake2b(body.replace(stamp, b""), digest_size=20).hexdigest() + '"'
    if compress:
        return FeedDocument(etag=etag, content=gzip.compress(body, compresslevel=6, mtime=0), gzipped=True)
    return FeedDocument(etag=etag, content=body, gzipped=False)


def _kept(name: str, user, today: dt.date, compute):
    language = translation.get_language()
    return caching.cached(
        name,
        owner=f"user:{user.pk}",
        scopes=calendar_scopes(user),
        parts=[
            language,
            today.isoformat(),
            timezone.get_current_timezone_name(),
            settings.SITE_URL,
            # Who the user is, as visible_matters asks (the scopes follow from it too).
            f"{user.role}:{int(user.sees_everything)}:{user.client_id or ''}",
            # The alarms follow the firm's reminder schedule (notices.kinds: set in the admin).
            ",".join(map(str, reminder_days(APPEARANCE))),
            ",".join(map(str, reminder_days(DEADLINE))),
        ],
        compute=compute,
        timeout=FEED_CACHE_SECONDS,
    )


def feed_document(*, user, today: dt.date) -> FeedDocument:
    """`user`'s feed as of `today`, in the current language (the owner's: the caller sets it)."""
    if not caching.enabled():
        return _build(user, today, compress=False)
    return _kept("calendar-feed", user, today, lambda: _build(user, today, compress=True))


def _bare(etag: str) -> str:
    return etag.removeprefix("W/")


def feed_unless_known(*, user, today: dt.date, known: list[str]) -> tuple[str, FeedDocument | None]:
    """The feed's ETag, and the feed itself unless the client has it (its ETag among `known`, weakly).

    With the shared cache the ETag is a small value of its own, so a 304 never reads the feed (and a
    request without If-None-Match goes straight to the feed).
    """
    have = {_bare(etag) for etag in known}
    if not have or not caching.enabled():
        document = feed_document(user=user, today=today)
        return document.etag, None if {"*", _bare(document.etag)} & have else document
    etag = _kept("calendar-feed-etag", user, today, lambda: feed_document(user=user, today=today).etag)
    if {"*", _bare(etag)} & have:
        return etag, None
    document = feed_document(user=user, today=today)
    return document.etag, document
