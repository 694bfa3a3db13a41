"""The work report (rule 6): a PDF of what was done on a matter in a period, rendered in the worker.

A row is asked for by a user (a client's or the firm's) for a matter, a period and a language; the
worker renders it and moves `progress` from 0 to 100 as it goes, so the page shows how far it got.
`fingerprint` names the data the report was made from (counts and latest changes of the matter's
work, advances, invoices and payments): a second request with the same matter, period, language
and fingerprint gets the stored row — and its file — instead of a new rendering.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def report_pdf_path(instance, filename: str) -> str:
    return f"billing/reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class WorkReport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("report status", "queued")
        RENDERING = "rendering", pgettext_lazy("report status", "being prepared")
        READY = "ready", pgettext_lazy("report status", "ready")
        FAILED = "failed", pgettext_lazy("report status", "failed")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="work_reports"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    language = models.CharField(_("language"), max_length=8)
    fingerprint = models.CharField(_("data fingerprint"), max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, percent"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    pdf = models.FileField(_("PDF"), upload_to=report_pdf_path, max_length=255, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)

    class Meta:
        verbose_name = _("work report")
        verbose_name_plural = _("work reports")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(
                fields=["matter", "period_start", "period_end", "language", "fingerprint"], name="work_report_same"
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=models.F("period_end")), name="work_report_period"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="work_report_progress_range"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} {self.period_start}–{self.period_end} ({self.language})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.pdf)

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)
