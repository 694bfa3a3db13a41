"""Admin of deadlines (read-mostly: the portal's services write them) and of the production calendar's corrections."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AccessLoggedAdmin

from ..models import Deadline, WorkdayOverride
from ..periods import explain


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    """Corrections the firm enters when a decree is newer than the installed `holidays` package."""

    list_display = ("day", "is_working", "note")
    list_filter = ("is_working",)
    search_fields = ("note",)
    date_hierarchy = "day"


@admin.register(Deadline)
class DeadlineAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    """Deadlines are set, changed and closed in the portal (reminders and the timeline follow); here they are read."""

    list_display = ("due_on", "title", "matter", "responsible", "status", "rule")
    list_filter = ("status",)
    search_fields = ("title", "matter__number")
    list_select_related = ("matter", "responsible")
    date_hierarchy = "due_on"
    readonly_fields = [
        "matter",
        "title",
        "due_on",
        "responsible",
        "rule",
        "trigger_date",
        "arithmetic",
        "notes",
        "status",
        "done_at",
        "sequence",
        "created_by",
        "created_at",
        "updated_at",
    ]
    exclude = ("explanation",)

    @admin.display(description=_("How it was computed"))
    def arithmetic(self, obj) -> str:
        return "\n".join(explain(obj.explanation))

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
