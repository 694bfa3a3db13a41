"""The hearings in the Django admin: for looking things up and correcting a typo, not for scheduling.

Scheduling, moving and cancelling go through the portal's services, which tell the attendees and move
the reminders; so the admin cannot add hearings, and changes the text fields only. Looks are access-logged.
"""

from django.contrib import admin

from audit.admin_mixins import AccessLoggedAdmin
from core.caching import bump

from ..access import CALENDAR_SCOPE
from ..models import Attendee, Hearing


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    can_delete = False
    fields = ("kind", "user", "name", "email", "language", "response", "reason", "responded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Hearing)
class HearingAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    list_display = ("__str__", "matter", "starts_at", "time_zone", "status", "representative", "sequence")
    list_filter = ("status", "kind")
    search_fields = ("title", "venue", "case_number", "matter__number")
    date_hierarchy = "starts_at"
    list_select_related = ("matter", "representative")
    access_matter_path = "matter"
    readonly_fields = (
        "matter",
        "kind",
        "starts_at",
        "ends_at",
        "time_zone",
        "representative",
        "status",
        "cancel_reason",
        "sequence",
        "created_by",
        "created_at",
        "updated_at",
    )
    inlines = [AttendeeInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump(CALENDAR_SCOPE)  # a corrected title is what the calendar prints
