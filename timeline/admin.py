"""The timeline in the admin: read only, every look written to the access log (confidential content)."""

from django.contrib import admin

from audit.admin_mixins import AccessLoggedAdmin

from .models import TimelineEvent


@admin.register(TimelineEvent)
class TimelineEventAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    """The timeline is written by the services; here it is read only."""

    list_display = ["occurred_at", "matter", "kind", "summary", "actor", "client_visible"]
    list_filter = ["kind", "client_visible"]
    search_fields = ["matter__number", "search_text"]
    list_select_related = ["matter", "actor"]
    date_hierarchy = "occurred_at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in TimelineEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
