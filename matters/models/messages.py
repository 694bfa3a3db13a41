import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """A message in a matter's thread, either way (rule 9). Never deleted; an edit keeps a revision.

    A material message tells the other side at once (every assigned lawyer, or every user of the
    client) and records when each of them read it.
    """

    class Side(models.TextChoices):
        FIRM = "firm", _("the firm")
        CLIENT = "client", _("the client")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    body = models.TextField(_("text"))
    material = models.BooleanField(_("material"), default=False, help_text=_("Material information for the matter."))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["matter", "-created_at", "-id"], name="message_matter_idx")]

    def __str__(self) -> str:
        return self.body[:80]


class MessageRevision(models.Model):
    """The text a message had before an edit: nothing is changed silently."""

    message = models.ForeignKey(Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("earlier text"))
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        verbose_name = _("earlier text of a message")
        verbose_name_plural = _("earlier texts of messages")
        ordering = ["message", "replaced_at", "id"]

    def __str__(self) -> str:
        return f"{self.message_id} @ {self.replaced_at:%Y-%m-%d %H:%M}"


class MessageReceipt(models.Model):
    """One recipient of a message and when they read it."""

    message = models.ForeignKey(Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="message_receipts"
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message recipient")
        verbose_name_plural = _("message recipients")
        constraints = [models.UniqueConstraint(fields=["message", "user"], name="message_receipt_once")]
        indexes = [models.Index(fields=["user", "read_at"], name="message_receipt_unread_idx")]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.user_id}"


def message_file_path(instance, filename):
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"messages/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=message_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=127, blank=True)

    class Meta:
        verbose_name = _("attachment of a message")
        verbose_name_plural = _("attachments of messages")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
