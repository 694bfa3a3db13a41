"""Admin for results of work, deliveries and the documents register: read-only.

They are evidence of what the firm gave the client and what it holds (rules 1 and 6); every change
goes through matters.services.deliverables / documents, which check the rules and write the timeline.
Every look here is written to the access log (audit.admin_mixins).
"""

from django.contrib import admin

from audit.admin_mixins import AccessLoggedAdmin

from ..models import Deliverable, DeliverableFile, Delivery, HeldDocument


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DeliverableFileInline(admin.TabularInline):
    model = DeliverableFile
    extra = 0
    fields = ["original_name", "size", "content_type", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DeliveryInline(DeliverableFileInline):
    model = Delivery
    fields = ["channel", "recipient", "tracking_number", "sent_at", "delivered_at", "confirm_by", "confirmed_at"]
    readonly_fields = fields


@admin.register(Deliverable)
class DeliverableAdmin(AccessLoggedAdmin, _ReadOnlyAdmin):
    list_display = ["title", "matter", "kind", "status", "prepared_by", "released_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "matter__number"]
    list_select_related = ["matter", "prepared_by"]
    inlines = [DeliverableFileInline, DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(AccessLoggedAdmin, _ReadOnlyAdmin):
    access_matter_path = "deliverable__matter"
    list_display = ["deliverable", "channel", "recipient", "tracking_number", "sent_at", "confirm_by", "confirmed_at"]
    list_filter = ["channel"]
    search_fields = ["deliverable__title", "recipient", "tracking_number"]
    list_select_related = ["deliverable"]


@admin.register(HeldDocument)
class HeldDocumentAdmin(AccessLoggedAdmin, _ReadOnlyAdmin):
    access_matter_path = None
    list_display = ["title", "client", "matter", "form", "received_at", "location", "returned_at"]
    list_filter = ["form"]
    search_fields = ["title", "client__name", "received_from"]
    list_select_related = ["client", "matter"]
