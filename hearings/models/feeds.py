from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeedKey(models.Model):
    """The key behind a user's secret iCalendar feed URL (hearings/feeds.py makes the URL from it).

    The URL carries an HMAC of `key` under the project's SECRET_KEY, never the key itself: a copy of
    the database alone opens no feed. Resetting replaces the key, so the old URL stops at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed_key"
    )
    key = models.CharField(_("key"), max_length=64)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self) -> str:
        return f"{self.user_id}"
