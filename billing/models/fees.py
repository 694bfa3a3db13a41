"""A matter's fee arrangement, as versions: a change is a new version, the old ones stay."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 12, "decimal_places": 2}


class FeeArrangement(models.Model):
    class Kind(models.TextChoices):
        FIXED = "fixed", _("fixed fee")
        FIXED_STAGES = "stages", _("fixed fee by stage")
        HOURLY = "hourly", _("hourly")
        RETAINER = "retainer", _("monthly retainer")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.CASCADE, related_name="fee_arrangements"
    )
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    fixed_amount = models.DecimalField(_("fixed fee, roubles"), null=True, blank=True, **MONEY)
    default_rate = models.DecimalField(_("default hourly rate, roubles"), null=True, blank=True, **MONEY)
    monthly_amount = models.DecimalField(_("monthly retainer, roubles"), null=True, blank=True, **MONEY)
    success_fee_amount = models.DecimalField(_("success fee, roubles"), null=True, blank=True, **MONEY)
    success_fee_percent = models.DecimalField(
        _("success fee, percent"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    success_fee_condition = models.TextField(_("success fee condition"), blank=True)
    valid_from = models.DateField(_("valid from"))
    reason = models.TextField(_("reason for the change"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("fee arrangement")
        verbose_name_plural = _("fee arrangements")
        ordering = ["matter", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "version"], name="fee_arrangement_version_unique"),
            models.CheckConstraint(
                condition=Q(fixed_amount__isnull=True) | Q(fixed_amount__gt=0), name="fee_fixed_positive"
            ),
            models.CheckConstraint(
                condition=Q(default_rate__isnull=True) | Q(default_rate__gt=0), name="fee_rate_positive"
            ),
            models.CheckConstraint(
                condition=Q(monthly_amount__isnull=True) | Q(monthly_amount__gt=0), name="fee_monthly_positive"
            ),
            models.CheckConstraint(
                condition=Q(success_fee_amount__isnull=True) | Q(success_fee_percent__isnull=True),
                name="fee_success_amount_or_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} v{self.version} {self.get_kind_display()}"


class FeeStageAmount(models.Model):
    arrangement = models.ForeignKey(
        FeeArrangement, verbose_name=_("fee arrangement"), on_delete=models.CASCADE, related_name="stage_amounts"
    )
    stage = models.ForeignKey("matters.Stage", verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount, roubles"), **MONEY)

    class Meta:
        verbose_name = _("stage fee")
        verbose_name_plural = _("stage fees")
        ordering = ["stage__order"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "stage"], name="fee_stage_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_stage_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.stage_id}: {self.amount}"


class FeeRate(models.Model):
    arrangement = models.ForeignKey(
        FeeArrangement, verbose_name=_("fee arrangement"), on_delete=models.CASCADE, related_name="rates"
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("specialist"), on_delete=models.PROTECT, related_name="+"
    )
    rate = models.DecimalField(_("hourly rate, roubles"), **MONEY)

    class Meta:
        verbose_name = _("hourly rate")
        verbose_name_plural = _("hourly rates")
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "specialist"], name="fee_rate_unique"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="fee_specialist_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.specialist_id}: {self.rate}"
