import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TermsVersion(models.Model):
    """A version of the firm's engagement terms (the fifteen rules), in Russian and English."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    text_ru = models.TextField(_("text in Russian"))
    text_en = models.TextField(_("text in English"))

    class Meta:
        verbose_name = _("engagement terms version")
        verbose_name_plural = _("engagement terms versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"v{self.number}"

    def text(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_ru


class TermsAcceptance(models.Model):
    """Evidence that a client user accepted a version of the terms: who, when, which, from where."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="terms_acceptances",
    )
    version = models.ForeignKey(
        TermsVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="acceptances"
    )
    language = models.CharField(_("language read"), max_length=8)
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("acceptance of the terms")
        verbose_name_plural = _("acceptances of the terms")
        ordering = ["-accepted_at"]
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="terms_accepted_once")]

    def __str__(self) -> str:
        return f"{self.user} v{self.version.number}"


def agreement_path(instance: "AgreementDocument", filename: str) -> str:
    return f"agreements/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class AgreementDocument(models.Model):
    """The rendered engagement agreement of a client, stored so that nobody waits twice for the same one.

    One per client, terms version, language and `state`: the acceptances it lists (a new
    acceptance by another of the client's people renders a new one).
    """

    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.CASCADE, related_name="agreements"
    )
    version = models.ForeignKey(
        TermsVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="agreements"
    )
    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(_("rendered for"), max_length=64)
    file = models.FileField(_("file"), upload_to=agreement_path, max_length=255)
    rendered_at = models.DateTimeField(_("rendered"), default=timezone.now)

    class Meta:
        verbose_name = _("engagement agreement")
        verbose_name_plural = _("engagement agreements")
        constraints = [
            models.UniqueConstraint(fields=["client", "version", "language", "state"], name="agreement_once_per_state"),
        ]

    def __str__(self) -> str:
        return f"{self.client} v{self.version.number} ({self.language})"
