from django.contrib import admin

from .models import Assignment, Matter, Task, TaskAttachment, TaskReceipt


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "client", "status", "opened_at"]
    list_filter = ["status"]
    search_fields = ["number", "title", "client__name"]
    list_select_related = ["client"]
    autocomplete_fields = ["client"]
    inlines = [AssignmentInline]


class AttachmentInline(admin.TabularInline):
    model = TaskAttachment
    extra = 0
    readonly_fields = ["original_name", "size", "content_type", "uploaded_by", "uploaded_at", "file"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    """Read-only: tasks change state only through the portal's rules (matters.services)."""

    list_display = ["number", "subject", "client", "matter", "channel", "status", "created_at"]
    list_filter = ["status", "channel"]
    search_fields = ["number", "subject", "client__name"]
    list_select_related = ["client", "matter"]
    inlines = [AttachmentInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Task._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskReceipt)
class TaskReceiptAdmin(admin.ModelAdmin):
    list_display = ["task", "state", "language", "rendered_at"]
    list_select_related = ["task"]
    readonly_fields = ["task", "state", "language", "file", "rendered_at"]

    def has_add_permission(self, request):
        return False
