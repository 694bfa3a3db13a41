from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext
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
    # What was opened, as a message id (marked with gettext_noop) and its values: each reader sees it in
    # their own language (`text`). `description` keeps the same words rendered once, for the admin's search.
    code = models.CharField(_("message id"), max_length=500, blank=True)
    params = models.JSONField(_("values"), default=dict, blank=True)
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

    @property
    def text(self) -> str:
        """What was opened, in the active language (entries written before codes: as they were written)."""
        if not self.code:
            return self.description
        language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        params = {key: _value(value, language) for key, value in (self.params or {}).items()}
        try:
            return gettext(self.code) % params
        except (KeyError, TypeError, ValueError):
            return self.description or gettext(self.code)

    def text_in(self, language: str) -> str:
        with translation.override(language):
            return self.text


def _value(value, language: str) -> str:
    """A value given in every language (a label) is taken in the reader's; any other as it is."""
    if isinstance(value, dict):
        return value.get(language) or value.get(settings.LANGUAGE_CODE) or next(iter(value.values()), "")
    return value
