import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .matters import Matter


class Task(models.Model):
    """A written question or assignment from the client (rule 2 of the firm's rules).

    It records the channel it came through; one that came by phone may be registered by a
    secretary but accepted only by the matter's lead or a partner (matters.services.tasks).
    """

    class Channel(models.TextChoices):
        PORTAL = "portal", _("portal")
        EMAIL = "email", _("e-mail")
        LETTER = "letter", _("letter")
        PHONE = "phone", _("phone")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        ANSWERED = "answered", _("answered")
        DECLINED = "declined", _("declined")

    number = models.CharField(_("number"), max_length=32, unique=True)
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="tasks"
    )
    matter = models.ForeignKey(
        Matter,
        verbose_name=_("matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
    )
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.PORTAL)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    requested_by_name = models.CharField(
        _("given by"), max_length=255, blank=True, help_text=_("The client's person who gave the task.")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_tasks",
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accepted_tasks",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declined by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declined_tasks",
    )
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answered_tasks",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("follows up on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        help_text=_("The answered task the client replied to with this one."),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-created_at", "-id"], name="task_client_created_idx"),
            models.Index(fields=["matter", "status", "-created_at"], name="task_matter_status_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="task_status_created_idx"),
            # The dashboards: accepted tasks waiting for their acceptor's answer.
            models.Index(
                fields=["accepted_by", "accepted_at", "id"],
                condition=Q(status="accepted"),
                name="task_to_answer_idx",
            ),
            # The inboxes: submitted tasks of the matters a lawyer is on, oldest first.
            models.Index(
                fields=["matter", "created_at", "id"],
                condition=Q(status="submitted"),
                name="task_submitted_matter_idx",
            ),
            # The inbox oldest first and the dashboard's capped count of it: which submitted tasks
            # the user may accept is answered from this index alone (matter, client and channel are
            # all the acceptance rule reads), so the walk never touches the table. Make bench: the
            # lead's capped count 38-58 ms (a seq scan of the tasks) → 3 ms.
            models.Index(
                fields=["created_at", "id", "matter", "client", "channel"],
                condition=Q(status="submitted"),
                name="task_inbox_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "answered"])
                | Q(accepted_by__isnull=False, accepted_at__isnull=False),
                name="task_accepted_has_acceptor",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | (Q(declined_by__isnull=False) & ~Q(decline_reason="")),
                name="task_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(answered_by__isnull=False, answered_at__isnull=False),
                name="task_answered_has_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.SUBMITTED


def attachment_path(instance: "TaskAttachment", filename: str) -> str:
    # The stored name never contains the client's file name: it is kept in original_name.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"tasks/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class TaskAttachment(models.Model):
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=127, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    with_answer = models.BooleanField(_("sent with the answer"), default=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


def receipt_path(instance: "TaskReceipt", filename: str) -> str:
    return f"receipts/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class TaskReceipt(models.Model):
    """The rendered PDF receipt of a task, stored so a client never waits twice for the same one.

    `state` is the task state it was rendered for; a new state renders a new receipt.
    """

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="receipts")
    state = models.CharField(_("rendered for"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    file = models.FileField(_("file"), upload_to=receipt_path, max_length=255)
    rendered_at = models.DateTimeField(_("rendered"), default=timezone.now)

    class Meta:
        verbose_name = _("task receipt")
        verbose_name_plural = _("task receipts")
        constraints = [
            models.UniqueConstraint(fields=["task", "state", "language"], name="receipt_once_per_state"),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} ({self.state}, {self.language})"
