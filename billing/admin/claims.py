"""Claims and what they granted, in the admin: read-only, for looking things up. The firm answers a
claim, and settles an adjustment, only through the portal (billing.services.claims), where the
deadline, the timeline and the notices go with the decision."""

from django.contrib import admin

from ..models import BillingAdjustment, Claim, ClaimAttachment
from .readonly import ReadOnlyAdmin, ReadOnlyInline


class ClaimAttachmentInline(ReadOnlyInline):
    model = ClaimAttachment
    fields = ("name", "size", "file")
    readonly_fields = fields


class AdjustmentInline(ReadOnlyInline):
    model = BillingAdjustment
    fields = ("kind", "amount", "settle", "status", "applied_invoice", "paid_out_at")
    readonly_fields = fields


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "matter", "subject", "regime", "status", "response_due_on", "filed_by")
    list_filter = ("status", "subject", "regime", "personal_needs")
    search_fields = ("description", "matter__number", "matter__title")
    list_select_related = ("matter", "filed_by")
    date_hierarchy = "filed_at"
    inlines = [ClaimAttachmentInline, AdjustmentInline]


@admin.register(BillingAdjustment)
class BillingAdjustmentAdmin(ReadOnlyAdmin):
    list_display = ("kind", "amount", "matter", "settle", "status", "applied_invoice", "paid_out_at", "created_at")
    list_filter = ("status", "kind", "settle")
    search_fields = ("matter__number", "matter__title", "paid_out_reference")
    list_select_related = ("matter", "applied_invoice")
