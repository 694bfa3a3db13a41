from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Deadline(models.Model):
    """A procedural deadline on a matter: the last day to appeal, to object, to pay a duty.

    `due_on` is typed, or computed from `trigger_date` by `rule` (hearings/periods.py); the
    computation's steps are kept in `explanation` so that a lawyer can check the arithmetic.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.CASCADE, related_name="deadlines"
    )
    title = models.CharField(_("what is due"), max_length=300)
    due_on = models.DateField(_("last day"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible specialist"),
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    rule = models.CharField(_("rule"), max_length=64, blank=True)
    trigger_date = models.DateField(_("counted from"), null=True, blank=True)
    explanation = models.JSONField(_("how it was computed"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("procedural deadline")
        verbose_name_plural = _("procedural deadlines")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["matter", "due_on"], name="deadline_matter_idx"),
            models.Index(fields=["responsible", "due_on"], name="deadline_responsible_idx"),
            # The dashboard's "my deadlines": the open ones of a lawyer, soonest first (make bench, a lead's
            # 55 open of 410: 608 → 314 buffers).
            models.Index(
                fields=["responsible", "due_on", "id"],
                condition=Q(status="open"),
                name="deadline_open_responsible_idx",
            ),
            # The calendar's ranges (as hearing_range_idx): the user's deadlines of the range from the index alone.
            models.Index(fields=["due_on", "id", "matter", "status", "responsible"], name="deadline_range_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%Y-%m-%d})"


class WorkdayOverride(models.Model):
    """A correction to the production calendar the `holidays` package gives, entered by the firm.

    The package carries Russia's holidays and the government's transferred days off; a decree
    published after the installed release, or a regional day off, is entered here and wins.
    """

    day = models.DateField(_("day"), unique=True)
    is_working = models.BooleanField(_("working day"))
    note = models.CharField(_("source"), max_length=300, help_text=_("The decree or other source of the change."))

    class Meta:
        verbose_name = _("production calendar correction")
        verbose_name_plural = _("production calendar corrections")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
