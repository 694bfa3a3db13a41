"""Payments to the firm (rule 1): recorded by hand or imported from a bank statement, matched to invoices.

A matched payment points at its invoice (``matched_invoice``, PROTECT: an invoice with payments is never
deleted); billing.selectors.payments.find_invoice is how a number in a purpose finds it.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def statement_path(instance: "BankStatementImport", filename: str) -> str:
    # The stored name never contains the uploaded file's name (kept in file_name).
    return f"statements/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.txt"


class BankStatementImport(models.Model):
    """One uploaded 1C statement that brought new payments (an upload that brings none is not kept)."""

    file = models.FileField(_("file"), upload_to=statement_path)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    documents = models.PositiveIntegerField(_("incoming documents"), default=0)
    created = models.PositiveIntegerField(_("new payments"), default=0)
    duplicates = models.PositiveIntegerField(_("already imported"), default=0)
    matched = models.PositiveIntegerField(_("matched"), default=0)

    class Meta:
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")
        ordering = ("-uploaded_at", "-id")

    def __str__(self) -> str:
        return self.file_name or self.sha256[:12]


class Payment(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("recorded by hand")
        STATEMENT = "statement", _("bank statement")

    class Status(models.TextChoices):
        UNMATCHED = "unmatched", _("waiting to be matched")
        MATCHED = "matched", _("matched")
        IGNORED = "ignored", _("ignored")

    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    date = models.DateField(_("date"))
    payer_name = models.CharField(_("payer"), max_length=300, blank=True)
    payer_inn = models.CharField(_("payer's INN"), max_length=12, blank=True)
    payer_account = models.CharField(_("payer's account"), max_length=20, blank=True)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    document_number = models.CharField(_("document number"), max_length=30, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.MANUAL)
    # The import's idempotency: the statement document's key (Statement.document_keys()); NULL when by hand.
    statement_key = models.CharField(_("statement document key"), max_length=80, null=True, blank=True, unique=True)
    statement_import = models.ForeignKey(
        BankStatementImport,
        verbose_name=_("statement import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.UNMATCHED)
    invoice_number = models.CharField(_("invoice number"), max_length=30, blank=True)
    matched_invoice = models.ForeignKey(
        "billing.Invoice",
        verbose_name=_("matched invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("matched by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    ignore_reason = models.CharField(_("reason to ignore"), max_length=500, blank=True)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("-date", "-id")
        indexes = [models.Index(fields=["status", "-date"], name="payment_status_idx")]

    def __str__(self) -> str:
        return f"{self.amount} ({self.date:%d.%m.%Y}) {self.payer_name}"


class PaymentUnmatch(models.Model):
    """The record of a payment taken off an invoice it was matched to by mistake (append-only evidence:
    who matched it, who took it off, when and why; the payment itself goes back to the queue)."""

    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="unmatches")
    invoice = models.ForeignKey(
        "billing.Invoice", verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="unmatched_payments"
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=500)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("matched by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    unmatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("unmatched by"), on_delete=models.PROTECT, related_name="+"
    )
    unmatched_at = models.DateTimeField(_("unmatched at"), default=timezone.now)

    class Meta:
        verbose_name = _("payment unmatched")
        verbose_name_plural = _("payments unmatched")
        ordering = ("-unmatched_at", "-id")

    def __str__(self) -> str:
        return f"{self.payment} ✕ {self.invoice}"
