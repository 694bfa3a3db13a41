"""Advances in the admin: read-only, for looking things up (changes go through the portal's services)."""

from django.contrib import admin

from ..models import Advance, AdvanceSpending


class SpendingInline(admin.TabularInline):
    model = AdvanceSpending
    extra = 0
    can_delete = False
    readonly_fields = ("expense", "amount", "spent_on", "description", "recorded_by", "recorded_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Advance)
class AdvanceAdmin(admin.ModelAdmin):
    list_display = ("purpose", "matter", "amount", "due_on", "status", "payer")
    list_filter = ("status", "category", "payer")
    search_fields = ("purpose", "matter__number", "recipient_name")
    list_select_related = ("matter",)
    inlines = [SpendingInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
