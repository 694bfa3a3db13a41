from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HeldDocument(models.Model):
    """A paper document the firm holds for a client (rule 6): what, when, from whom, where, and its return."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("original")
        COPY = "copy", _("certified copy")
        PLAIN_COPY = "plain_copy", _("copy")

    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="held_documents"
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_documents",
    )
    title = models.CharField(_("document"), max_length=300)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices, default=Form.ORIGINAL)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    received_from = models.CharField(_("received from"), max_length=300)
    location = models.CharField(
        _("kept at"), max_length=300, help_text=_("Where the firm keeps it: office, safe, file.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_to = models.CharField(_("returned to"), max_length=300, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document held by the firm")
        verbose_name_plural = _("documents held by the firm")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["client", "-received_at"], name="held_document_client_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_held(self) -> bool:
        return self.returned_at is None
