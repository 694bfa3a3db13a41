import uuid
from pathlib import PurePosixPath

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


def submission_path(instance: "DocumentSubmission", filename: str) -> str:
    # The stored name never contains the client's file name: it is kept in original_name.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class DocumentSubmission(models.Model):
    """A document the firm asked for, sent by the client as a file on the matter (rule 4: missing documents).

    The client uploads a scan against the requested item; the firm's people on the matter then mark
    it received: the copy sent is enough, or the original came in too (and is entered in the register).
    """

    class Status(models.TextChoices):
        SENT = "sent", _("sent by the client")
        ORIGINAL_RECEIVED = "original_received", _("original received")
        COPY_RECEIVED = "copy_received", _("copy received")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="document_submissions"
    )
    requested = models.CharField(_("requested document"), max_length=300)
    file = models.FileField(_("file"), upload_to=submission_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=127, blank=True)
    note = models.TextField(_("note"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("sent"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SENT)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked received by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("marked received"), null=True, blank=True)
    held_document = models.OneToOneField(
        HeldDocument,
        verbose_name=_("entry in the register"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submission",
    )

    class Meta:
        verbose_name = _("document sent by the client")
        verbose_name_plural = _("documents sent by the client")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["matter", "-uploaded_at"], name="doc_submission_matter_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="sent") | models.Q(received_by__isnull=False, received_at__isnull=False),
                name="doc_submission_received_has_who",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requested} ({self.original_name})"
