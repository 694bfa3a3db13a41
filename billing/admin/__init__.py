"""Admin of billing: the firm's requisites (versions), fee arrangements, time and expenses (read-mostly);
advances, acts, claims, work reports and terminations read-only (billing/admin/<x>.py)."""

from django.contrib import admin

from ..models import Expense, FeeArrangement, FeeRate, FeeStageAmount, FirmProfile, TimeEntry
from . import acts, advances, claims, reports  # noqa: F401


@admin.register(FirmProfile)
class FirmProfileAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "short_name", "inn", "tax_regime")
    readonly_fields = ("created_at", "created_by")

    def has_change_permission(self, request, obj=None):
        # A version is never edited: a change is a new version (the partner's page validates it).
        return obj is None and super().has_change_permission(request, obj)


class FeeStageAmountInline(admin.TabularInline):
    model = FeeStageAmount
    extra = 0


class FeeRateInline(admin.TabularInline):
    model = FeeRate
    extra = 0
    raw_id_fields = ("specialist",)


@admin.register(FeeArrangement)
class FeeArrangementAdmin(admin.ModelAdmin):
    list_display = ("matter", "version", "kind", "valid_from", "created_by")
    list_select_related = ("matter", "created_by")
    raw_id_fields = ("matter", "created_by")
    inlines = [FeeStageAmountInline, FeeRateInline]


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ("date", "matter", "specialist", "minutes", "status")
    list_filter = ("status",)
    list_select_related = ("matter", "specialist")
    raw_id_fields = ("matter", "specialist", "created_by", "reviewed_by")


@admin.register(Expense)
class ExpenseAdmin(admin.ModelAdmin):
    list_display = ("date", "matter", "category", "amount", "status")
    list_filter = ("status", "category")
    list_select_related = ("matter",)
    raw_id_fields = ("matter", "specialist", "created_by", "reviewed_by")
