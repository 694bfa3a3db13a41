from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    """A gapless counter per key (for example `task:2026`), advanced inside the caller's transaction."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    value = models.PositiveBigIntegerField(_("last value"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"
