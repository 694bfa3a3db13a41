from django.contrib import admin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogAdmin(admin.ModelAdmin):
    """Evidence: readable, never editable."""

    list_display = ["at", "user", "action", "kind", "description", "client", "ip_address"]
    list_filter = ["action", "kind"]
    search_fields = ["description", "user__full_name", "client__name"]
    list_select_related = ["user", "client"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
