import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Deliverable(models.Model):
    """A written result of the firm's work (rules 1 and 2): an opinion, a draft contract, a set of documents.

    A specialist prepares it as a draft; the matter's lead (or a partner) releases it to the client.
    Releasing one that answers a task marks the task answered.
    """

    class Kind(models.TextChoices):
        OPINION = "opinion", _("legal opinion")
        DRAFT_CONTRACT = "contract", _("draft contract")
        DOCUMENTS = "documents", _("set of documents")
        OTHER = "other", _("other result")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        RELEASED = "released", _("released to the client")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="deliverables"
    )
    task = models.ForeignKey(
        "matters.Task",
        verbose_name=_("answers task"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliverables",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("prepared"), default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("result of work")
        verbose_name_plural = _("results of work")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["matter", "status", "-created_at"], name="deliverable_matter_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="released") | Q(released_by__isnull=False, released_at__isnull=False),
                name="deliverable_released_has_releaser",
            )
        ]

    def __str__(self) -> str:
        return self.title


def deliverable_path(instance, filename):
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"deliverables/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class DeliverableFile(models.Model):
    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("result of work"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=deliverable_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=127, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("file of a result")
        verbose_name_plural = _("files of results")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Delivery(models.Model):
    """How a released result went out (rule 1), and the client's confirmation that it arrived."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("portal download")
        EMAIL = "email", _("e-mail")
        COURIER = "courier", _("courier")
        FAX = "fax", _("fax")
        POST = "post", _("post")

    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("result of work"), on_delete=models.PROTECT, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    recipient = models.CharField(
        _("to"), max_length=300, help_text=_("An e-mail address, a postal address, a fax number.")
    )
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    confirm_by = models.DateTimeField(_("confirmation expected by"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("receipt confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("receipt confirmed"), null=True, blank=True)
    notice = models.ForeignKey(
        "notices.Notice",
        verbose_name=_("e-mail"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["confirm_by"], name="delivery_unconfirmed_idx", condition=Q(confirmed_at__isnull=True))
        ]

    def __str__(self) -> str:
        return f"{self.deliverable} → {self.get_channel_display()}"
