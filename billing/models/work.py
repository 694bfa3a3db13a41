"""Time entries and expenses recorded on a matter, reviewed by its lead, then billed (and locked)."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fees import MONEY


class WorkStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    BILLED = "billed", _("billed")


def receipt_path(instance, filename: str) -> str:
    # The stored name never contains the uploader's file name: it is kept in receipt_name.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"billing/receipts/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class _Work(models.Model):
    matter = models.ForeignKey("matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="+")
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("specialist"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("description"))
    internal_note = models.TextField(_("internal note"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.DRAFT)
    return_reason = models.TextField(_("reason for return"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    billed_at = models.DateTimeField(_("billed"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def locked(self) -> bool:
        return self.status == WorkStatus.BILLED


class TimeEntry(_Work):
    minutes = models.PositiveIntegerField(_("duration, minutes"))
    billable = models.BooleanField(_("billable"), default=True)

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["matter", "status", "date"], name="time_matter_status"),
            models.Index(fields=["specialist", "date"], name="time_specialist_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gte=1, minutes__lte=1440), name="time_minutes_range"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.minutes} min"


class Expense(_Work):
    class Category(models.TextChoices):
        STATE_DUTY = "state_duty", _("state duty")
        TRAVEL = "travel", _("travel")
        EXPERT = "expert", _("expert")
        NOTARY = "notary", _("notary")
        POSTAGE = "postage", _("postage")
        COURIER = "courier", _("courier")
        OTHER = "other", _("other")

    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    amount = models.DecimalField(_("amount, roubles"), **MONEY)
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, max_length=255, blank=True)
    receipt_name = models.CharField(_("receipt file name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["matter", "status", "date"], name="expense_matter_status")]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive")]

    def __str__(self) -> str:
        return f"{self.date} {self.amount}"
