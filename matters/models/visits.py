from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MatterVisit(models.Model):
    """When a user last looked at a matter: what is new "since my last visit" is measured from here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("matter visit")
        verbose_name_plural = _("matter visits")
        constraints = [models.UniqueConstraint(fields=["user", "matter"], name="matter_visit_once")]

    def __str__(self) -> str:
        return f"{self.user} {self.matter_id} {self.seen_at:%Y-%m-%d %H:%M}"
