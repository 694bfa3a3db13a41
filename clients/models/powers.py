import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCAN_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


def signed_scan_path(instance, filename):
    # The service has checked the file's content; the suffix tells the browser how to open it.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"powers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix if suffix in SCAN_SUFFIXES else '.pdf'}"


class PowerOfAttorney(models.Model):
    """A power of attorney the client gives the firm's specialists (rule 5).

    The firm drafts it (a PDF for the client to sign); a notarised one needs the client's visit to
    a notary. It is valid for the specialists and matters it names, from issue to expiry, once signed.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent for signature")
        SIGNED = "signed", _("signed")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="powers"
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    specialists = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("specialists"), related_name="powers_of_attorney"
    )
    matters = models.ManyToManyField(
        "matters.Matter",
        verbose_name=_("matters"),
        blank=True,
        related_name="powers_of_attorney",
        help_text=_("Leave empty for a general power covering all of the client's matters."),
    )
    scope = models.TextField(_("scope of authority"))
    notarised = models.BooleanField(_("notarised"), default=False)
    issued_on = models.DateField(_("date of issue"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    signed_scan = models.FileField(_("signed scan"), upload_to=signed_scan_path, max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("drafted"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)
    # The nearest expiry warning already sent (30, then 7 days ahead), so each goes out once.
    expiry_warned_days = models.PositiveSmallIntegerField(_("expiry warning sent, days ahead"), null=True, blank=True)
    draft_pdf = models.FileField(_("draft (PDF)"), upload_to=signed_scan_path, max_length=255, blank=True)

    class Meta:
        verbose_name = _("power of attorney")
        verbose_name_plural = _("powers of attorney")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["client", "status", "valid_until"], name="poa_client_status_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_until__gte=models.F("issued_on")), name="poa_dates_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.client})"

    def is_valid_on(self, day) -> bool:
        return self.status == self.Status.SIGNED and self.issued_on <= day <= self.valid_until
