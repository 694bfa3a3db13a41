from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One e-mail the portal owes somebody: the outbox row is the truth, the broker only a nudge.

    It is written in the same transaction as the event it reports, so it exists if and only if
    the event happened; a worker claims it, sends it, and marks it sent. The sweep re-dispatches
    rows the broker lost (a worker that died, a Redis that restarted).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    to_email = models.EmailField(_("to"))
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["status", "created_at"],
                name="notice_unsent_idx",
                condition=Q(status__in=["pending", "sending"]),
            ),
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"


class NoticeAttachment(models.Model):
    """A file sent with a notice, read from storage when the e-mail goes out (a result of work, say)."""

    notice = models.ForeignKey(Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="attachments")
    path = models.CharField(_("stored file"), max_length=255)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=127, blank=True)

    class Meta:
        verbose_name = _("attachment of a notice")
        verbose_name_plural = _("attachments of notices")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename
