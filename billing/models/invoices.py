"""Invoices (счёт на оплату): a draft a lawyer assembles, issued once with a gapless number per year.

At issue the firm's requisites and the VAT rate are copied onto the invoice (`requisites`, `vat_rate`)
and the totals are fixed: nothing issued changes afterwards except the status (paid / cancelled).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fees import MONEY


def invoice_pdf_path(instance, filename: str) -> str:
    return f"billing/invoices/{instance.year}/{instance.number}.pdf"


class Invoice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ISSUED = "issued", _("issued")
        PARTLY_PAID = "partly_paid", _("partly paid")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    matter = models.ForeignKey("matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The number: YYYY-NNNN, allocated at issue from core.numbering (key "invoice:YYYY"), never reused.
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("number in the year"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=16, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ru")
    # Copied at issue: the firm's requisites (FirmProfile fields) and the VAT rate (null: without VAT).
    firm_profile = models.ForeignKey(
        "billing.FirmProfile", verbose_name=_("firm requisites"), on_delete=models.PROTECT, null=True, blank=True
    )
    requisites = models.JSONField(_("requisites on the invoice"), default=dict, blank=True)
    payer = models.JSONField(_("payer on the invoice"), default=dict, blank=True)
    vat_rate = models.DecimalField(_("VAT rate, percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    net = models.DecimalField(_("net"), default=0, **MONEY)
    vat = models.DecimalField(_("VAT"), default=0, **MONEY)
    gross = models.DecimalField(_("total"), default=0, **MONEY)
    paid = models.DecimalField(_("paid"), default=0, **MONEY)
    pdf = models.FileField(_("PDF"), upload_to=invoice_pdf_path, max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["matter", "status"], name="invoice_matter_status"),
            # The firm's list, newest first: page 1 reads 51 index entries instead of sorting every invoice.
            models.Index(fields=["-created_at", "-id"], name="invoice_created"),
            # The billed / paid totals (invoice_totals) and the partner's revenue by month and receivables by
            # age: index-only scans of this instead of reading every invoice's row (its JSON requisites).
            models.Index(
                fields=["status", "issue_date", "due_date", "gross", "paid", "id"], name="invoice_status_sums"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="invoice_year_seq_unique"),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="invoice_number_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(year__isnull=False) & Q(seq__isnull=False) & ~Q(number="")),
                name="invoice_issued_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"draft {self.pk}"

    @property
    def due(self):
        return self.gross - self.paid

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class InvoiceLine(models.Model):
    class Source(models.TextChoices):
        TIME = "time", _("time")
        EXPENSE = "expense", _("expense")
        FIXED = "fixed", _("fixed fee")
        ADVANCE = "advance", _("advance")
        MANUAL = "manual", _("entered by hand")
        ADJUSTMENT = "adjustment", _("set-off under a claim")

    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("position"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    description = models.CharField(_("description"), max_length=500)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    # Time is priced from the minutes (minutes × hourly rate / 60, rounded once): `quantity` shows hours.
    minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    unit_price = models.DecimalField(_("price"), **MONEY)
    vat_rate = models.DecimalField(_("VAT rate, percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    net = models.DecimalField(_("net"), default=0, **MONEY)
    vat = models.DecimalField(_("VAT"), default=0, **MONEY)
    gross = models.DecimalField(_("total"), default=0, **MONEY)
    time_entry = models.ForeignKey(
        "billing.TimeEntry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expense = models.ForeignKey("billing.Expense", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    advance = models.ForeignKey("billing.Advance", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A fixed fee by stage: the stage it bills (once per stage on the live invoices of a matter).
    stage = models.ForeignKey("matters.Stage", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A claim's fee reduction, penalty or refund set off on this invoice (rule 15): a negative line.
    adjustment = models.ForeignKey(
        "billing.BillingAdjustment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="invoice_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.description}"
