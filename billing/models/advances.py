"""Advances for duties and costs (rule 7): the firm asks the client to pay ahead for an action.

An advance funds one legally significant action (a task, a hearing, or a filing named in words). The
client pays either a third party directly (the treasury for a state duty, an expert, a notary: then the
advance carries that party's payment details) or the firm, at the client's expense. The client says it
paid and attaches the payment order; staff confirm the amount that actually arrived. Spending against
a confirmed advance is recorded by staff as the expense it paid; the balance is requested / paid / spent / left
(billing.selectors.advances.advance_balance).
"""

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MIN_AMOUNT = Decimal("0.01")


def payment_order_path(instance: "Advance", filename: str) -> str:
    # The stored name never contains the client's file name: it is kept in payment_order_name.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"advances/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Advance(models.Model):
    class Category(models.TextChoices):
        STATE_DUTY = "state_duty", _("state duty")
        EXPERT = "expert", _("expert")
        NOTARY = "notary", _("notary")
        TRAVEL = "travel", _("travel")
        OTHER = "other", _("other")

    class Payer(models.TextChoices):
        CLIENT_TO_THIRD_PARTY = "third_party", _("the client pays the third party directly")
        FIRM_AT_CLIENT_EXPENSE = "firm", _("the client pays the firm, which pays on its behalf")

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("advance status", "requested")
        PAID_CLAIMED = "paid_claimed", pgettext_lazy("advance status", "paid, awaiting confirmation")
        CONFIRMED = "confirmed", pgettext_lazy("advance status", "confirmed")
        CANCELLED = "cancelled", pgettext_lazy("advance status", "cancelled")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="advances"
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(MIN_AMOUNT)]
    )
    purpose = models.CharField(_("purpose"), max_length=500)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.OTHER)
    due_on = models.DateField(_("pay by"))
    # The action it funds: a task, a hearing, or a filing named in words.
    task = models.ForeignKey(
        "matters.Task", verbose_name=_("task"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hearing = models.ForeignKey(
        "hearings.Hearing",
        verbose_name=_("hearing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filing = models.CharField(_("filing"), max_length=300, blank=True)
    payer = models.CharField(_("who pays"), max_length=16, choices=Payer.choices)
    # The third party's payment details (payer = third_party).
    recipient_name = models.CharField(_("recipient"), max_length=300, blank=True)
    recipient_inn = models.CharField(_("recipient's INN"), max_length=12, blank=True)
    recipient_kpp = models.CharField(_("recipient's KPP"), max_length=9, blank=True)
    recipient_account = models.CharField(_("account"), max_length=20, blank=True)
    recipient_bik = models.CharField(_("bank BIK"), max_length=9, blank=True)
    recipient_corr_account = models.CharField(_("correspondent account"), max_length=20, blank=True)
    recipient_bank = models.CharField(_("bank"), max_length=300, blank=True)
    kbk = models.CharField(_("KBK"), max_length=20, blank=True)
    oktmo = models.CharField(_("OKTMO"), max_length=11, blank=True)
    uin = models.CharField(_("UIN"), max_length=25, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    # The client's word that it paid, with the payment order.
    paid_amount = models.DecimalField(_("amount paid"), max_digits=12, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked paid by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payment_order = models.FileField(_("payment order"), upload_to=payment_order_path, max_length=255, blank=True)
    payment_order_name = models.CharField(_("file name"), max_length=255, blank=True)
    payment_order_size = models.PositiveBigIntegerField(_("size"), default=0)
    # Staff's confirmation: the amount that actually arrived (it may differ from the amount asked).
    confirmed_amount = models.DecimalField(
        _("amount confirmed"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason the payment was not confirmed"), max_length=1000, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=1000, blank=True)
    # A partner lets the action go ahead unpaid.
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    overridden_at = models.DateTimeField(_("overridden"), null=True, blank=True)
    override_reason = models.CharField(_("reason for going ahead unpaid"), max_length=1000, blank=True)
    # Bumped on every change of amount or date: reminders' keys name it.
    sequence = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("advance")
        verbose_name_plural = _("advances")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["matter", "status"], name="billing_adv_matter_status")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_advance_amount_positive"),
            models.CheckConstraint(
                condition=Q(confirmed_amount__isnull=True) | Q(confirmed_amount__gte=0),
                name="billing_advance_confirmed_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.amount})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.PAID_CLAIMED)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.overridden_by_id is None and self.due_on < today

    @property
    def action_label(self) -> str:
        if self.task_id:
            return str(self.task)
        if self.hearing_id:
            return str(self.hearing)
        return self.filing


class AdvanceSpending(models.Model):
    """Money spent out of a confirmed advance: the Expense it paid, recorded with it or linked to it.

    "Spent (against expenses actually incurred)" is literally these expenses: a spending's amount is
    its expense's amount, each expense is paid from one advance at most, and an expense paid from an
    advance is never billed again (billing.services.invoice_lines.billable_expenses)."""

    advance = models.ForeignKey(Advance, verbose_name=_("advance"), on_delete=models.PROTECT, related_name="spendings")
    expense = models.OneToOneField(
        "billing.Expense", verbose_name=_("expense"), on_delete=models.PROTECT, related_name="advance_spending"
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(MIN_AMOUNT)]
    )
    spent_on = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("spending from an advance")
        verbose_name_plural = _("spendings from advances")
        ordering = ["spent_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="billing_spending_amount_positive")]

    def __str__(self) -> str:
        return f"{self.description} ({self.amount})"
