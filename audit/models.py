from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    """One look by the firm at a client's confidential data (rule 4): who, what, when, from where.

    Written by audit.services.access_record whenever staff open a disclosure or download a
    document or a report; the client sees its own entries. Nobody edits or deletes them.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        DOWNLOAD = "download", _("downloaded")

    class Kind(models.TextChoices):
        DISCLOSURE = "disclosure", _("disclosure questionnaire")
        DOCUMENT = "document", _("document")
        REPORT = "report", _("report")
        POWER = "power", _("power of attorney")
        AGREEMENT = "agreement", _("engagement agreement")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    kind = models.CharField(_("what"), max_length=16, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=500)
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="access_log"
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("object"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "-at", "-id"], name="accesslog_client_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user}: {self.get_action_display()} {self.description}"
