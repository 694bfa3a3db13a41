"""Claims about the quality or timeliness of services (rule 15), and the adjustments they grant.

A client user files a claim on a matter: what went wrong, what it asks for (a fee reduction by an
amount or a percentage, a refund, a penalty — an amount, or for a consumer's delay the statutory one
computed from the dates and the price). Which law applies and the last day for the answer are fixed on
filing (billing.claim_law). A partner decides: rejected with reasons, or granted — each amount granted
becomes a BillingAdjustment that billing applies to the next invoice (a negative line) or pays out.
"""

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MONEY = {"max_digits": 14, "decimal_places": 2}


def claim_file_path(instance, filename: str) -> str:
    # The stored name never contains the client's file name: it is kept in `name`.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"claims/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Claim(models.Model):
    class Subject(models.TextChoices):
        QUALITY = "quality", _("quality of the services")
        TIMELINESS = "timeliness", _("timeliness (a delay)")
        OTHER = "other", _("something else")

    class Regime(models.TextChoices):
        CONSUMER = "consumer", _("consumer protection law")
        CONTRACT = "contract", _("engagement terms")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("claim status", "awaiting the answer")
        REJECTED = "rejected", pgettext_lazy("claim status", "rejected")
        GRANTED = "granted", pgettext_lazy("claim status", "granted")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="claims"
    )
    subject = models.CharField(_("what went wrong"), max_length=16, choices=Subject.choices)
    description = models.TextField(_("description"), max_length=5000)
    personal_needs = models.BooleanField(_("for personal, family, household needs"), default=False)
    # What the client asks for: any of them.
    ask_fee_reduction = models.DecimalField(_("fee reduction asked, ₽"), null=True, blank=True, **MONEY)
    ask_fee_reduction_percent = models.DecimalField(
        _("fee reduction asked, %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    ask_refund = models.DecimalField(_("refund asked, ₽"), null=True, blank=True, **MONEY)
    ask_penalty = models.DecimalField(_("penalty asked, ₽"), null=True, blank=True, **MONEY)
    ask_penalty_computed = models.BooleanField(_("the statutory penalty for the delay"), default=False)
    # A delay: the date agreed, the date the service was rendered (blank: not yet), its price.
    agreed_on = models.DateField(_("agreed date"), null=True, blank=True)
    performed_on = models.DateField(_("rendered on"), null=True, blank=True)
    service_price = models.DecimalField(_("price of the service, ₽"), null=True, blank=True, **MONEY)
    # Fixed on filing (billing.claim_law.regime_for).
    regime = models.CharField(_("law that applies"), max_length=16, choices=Regime.choices)
    response_days = models.PositiveSmallIntegerField(_("days to answer"))
    response_due_on = models.DateField(_("answer by"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_text = models.TextField(_("the firm's answer"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-filed_at", "-id"]
        indexes = [
            models.Index(fields=["matter", "status"], name="billing_claim_matter_status"),
            models.Index(fields=["status", "response_due_on"], name="billing_claim_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="billing_claim_decided_has_who",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_text=""), name="billing_claim_rejection_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} ({self.filed_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.response_due_on < today

    @property
    def is_consumer(self) -> bool:
        return self.regime == self.Regime.CONSUMER


class ClaimAttachment(models.Model):
    claim = models.ForeignKey(Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=claim_file_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("attachment to a claim")
        verbose_name_plural = _("attachments to claims")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class BillingAdjustment(models.Model):
    """An amount the firm owes the client on a matter: set off against the next invoice or paid out.

    Pending until billing applies it to an invoice (a negative line; `applied_invoice`) or the firm
    records the payout (date and payment reference).
    """

    class Kind(models.TextChoices):
        FEE_REDUCTION = "fee_reduction", _("fee reduction")
        REFUND = "refund", _("refund")
        PENALTY = "penalty", _("penalty")

    class Settle(models.TextChoices):
        INVOICE = "invoice", _("set off against the next invoice")
        PAYOUT = "payout", _("paid out to the client")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("adjustment status", "pending")
        APPLIED = "applied", pgettext_lazy("adjustment status", "applied to an invoice")
        PAID_OUT = "paid_out", pgettext_lazy("adjustment status", "paid out")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="billing_adjustments"
    )
    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.PROTECT, null=True, blank=True, related_name="adjustments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    settle = models.CharField(_("how it is settled"), max_length=16, choices=Settle.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    applied_invoice = models.ForeignKey(
        "billing.Invoice",
        verbose_name=_("applied to invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    paid_out_at = models.DateField(_("paid out on"), null=True, blank=True)
    paid_out_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("granted"), default=timezone.now)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("billing adjustment")
        verbose_name_plural = _("billing adjustments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["matter", "status"], name="billing_adj_matter_status")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_adjustment_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="applied") | Q(applied_invoice__isnull=False, settle="invoice"),
                name="billing_adjustment_applied_has_invoice",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid_out") | Q(paid_out_at__isnull=False, settle="payout"),
                name="billing_adjustment_paid_out_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    @property
    def signed_amount(self) -> Decimal:
        """As a line of an invoice: negative (it reduces what the client owes)."""
        return -self.amount
