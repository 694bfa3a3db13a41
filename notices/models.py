from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One notice the portal owes somebody: the outbox row is the truth, the broker only a nudge.

    It is written in the same transaction as the event it reports, so it exists if and only if
    the event happened; a worker claims it, sends it, and marks it sent. The sweep re-dispatches
    rows the broker lost (a worker that died, a Redis that restarted).

    A notice to a user is also an entry of the user's in-portal inbox (`read_at`, `link`). A
    reminder days ahead is a row written now with `due_at` in the future and status SCHEDULED: the
    beat sweep claims it when it falls due — never a Celery ETA. `key` makes it exactly once per
    recipient and reason (a unique constraint, so two sweeps or two workers cannot write it twice);
    `group` names what it is about ("hearing:12") so that moving or cancelling that thing cancels
    its pending reminders.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        IN_PORTAL = "in_portal", _("in the portal only")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

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
    key = models.CharField(_("idempotency key"), max_length=200, blank=True, default="")
    group = models.CharField(_("about"), max_length=100, blank=True, default="")
    link = models.CharField(_("link"), max_length=500, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="notice_once_per_key"),
        ]
        indexes = [
            models.Index(
                fields=["status", "created_at"],
                name="notice_unsent_idx",
                condition=Q(status__in=["pending", "sending"]),
            ),
            models.Index(fields=["due_at"], name="notice_scheduled_idx", condition=Q(status="scheduled")),
            models.Index(fields=["group"], name="notice_group_idx", condition=Q(status="scheduled")),
            models.Index(fields=["recipient", "-due_at"], name="notice_inbox_idx"),
            models.Index(fields=["recipient"], name="notice_unread_idx", condition=Q(read_at__isnull=True)),
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


class NoticeKindSetting(models.Model):
    """The firm's choice for one kind of notice (the admin edits it): a schedule of reminders and
    whether the e-mail is mandatory. Without a row the kind's default in notices.kinds holds."""

    kind = models.CharField(_("kind"), max_length=64, unique=True)
    email_mandatory = models.BooleanField(
        _("e-mail is mandatory"), default=False, help_text=_("Sent by e-mail whatever the user chose.")
    )
    reminder_days = models.CharField(
        _("reminder days"),
        max_length=100,
        blank=True,
        help_text=_("How many days ahead reminders go out, separated by commas (for example 7, 1)."),
    )

    class Meta:
        verbose_name = _("setting of a kind of notice")
        verbose_name_plural = _("settings of kinds of notices")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.kind

    def days(self) -> tuple[int, ...]:
        """The schedule as numbers, furthest first (what the admin form lets through is clean)."""
        found = set()
        for part in self.reminder_days.replace(";", ",").split(","):
            part = part.strip()
            if part.isdigit() and 0 < int(part) <= 366:
                found.add(int(part))
        return tuple(sorted(found, reverse=True))


class NoticePreference(models.Model):
    """A user's choice for one kind: whether it also comes by e-mail. Only a choice that differs
    from the default (e-mail on) is stored; a mandatory kind ignores it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=64)
    email = models.BooleanField(_("by e-mail"), default=False)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
