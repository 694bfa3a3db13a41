from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MatterType(models.Model):
    """A kind of matter (litigation, tax audit, contract work…) with the stages the firm runs it through."""

    name_ru = models.CharField(_("name in Russian"), max_length=120, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120)

    class Meta:
        verbose_name = _("matter type")
        verbose_name_plural = _("matter types")
        ordering = ["name_ru"]

    def __str__(self) -> str:
        return self.name_ru

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ru


class Stage(models.Model):
    """One stage of a matter type, in order: analysis → pre-trial → first instance → appeal → enforcement."""

    matter_type = models.ForeignKey(
        MatterType, verbose_name=_("matter type"), on_delete=models.CASCADE, related_name="stages"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name_ru = models.CharField(_("name in Russian"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["matter_type", "order"]
        constraints = [models.UniqueConstraint(fields=["matter_type", "order"], name="stage_order_once")]

    def __str__(self) -> str:
        return f"{self.matter_type}: {self.order}. {self.name_ru}"

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ru


class Matter(models.Model):
    """A case or project the firm runs for one client."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SUSPENDED = "suspended", _("suspended")
        CLOSED = "closed", _("closed")

    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="matters"
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    matter_type = models.ForeignKey(
        MatterType, verbose_name=_("matter type"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stage = models.ForeignKey(
        Stage, verbose_name=_("current stage"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_report_on = models.DateField(
        _("next report by"), null=True, blank=True, help_text=_("When the firm will next report to the client.")
    )
    specialists = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Assignment", related_name="matters", verbose_name=_("specialists")
    )

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-opened_at"], name="matter_client_opened_idx"),
            # The lawyers' dashboards: open matters, the nearest report first.
            models.Index(
                fields=["next_report_on", "-opened_at", "-id"],
                condition=Q(status="open"),
                name="matter_open_report_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Assignment(models.Model):
    """A specialist working on a matter; exactly one of them may be its lead."""

    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    is_lead = models.BooleanField(_("lead"), default=False)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["matter", "user"], name="assignment_once_per_matter"),
            models.UniqueConstraint(fields=["matter"], condition=Q(is_lead=True), name="assignment_one_lead"),
        ]
        indexes = [
            # Covers "the matters this user is on / leads" (matters.access) without touching the table.
            models.Index(fields=["user", "matter", "is_lead"], name="assignment_user_matter_idx")
        ]

    def __str__(self) -> str:
        return f"{self.matter.number}: {self.user}{' (lead)' if self.is_lead else ''}"
