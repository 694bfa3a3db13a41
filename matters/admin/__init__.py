from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AccessLoggedAdmin
from core.caching import bump
from core.errors import DomainError
from users.models import Role, User

from .. import services
from ..access import VISIBILITY_SCOPE
from ..models import (
    Assignment,
    Matter,
    Message,
    MessageAttachment,
    MessageReceipt,
    MessageRevision,
    PracticeArea,
    Recommendation,
    RiskAcknowledgement,
    RiskNotice,
    SpecialistProfile,
    SpecialistRequest,
    Subcontract,
    Task,
    TaskAttachment,
    TaskReceipt,
)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["user"]


class MatterOpenForm(forms.ModelForm):
    """Opening a matter from the admin goes through matters.services.matter_open (number, lead)."""

    lead = forms.ModelChoiceField(
        label=_("Lead specialist"),
        queryset=User.objects.filter(role__in=[Role.LEAD, Role.PARTNER], is_active=True),
    )

    class Meta:
        model = Matter
        fields = ["client", "title", "description"]


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "client", "status", "opened_at"]
    list_filter = ["status"]
    search_fields = ["number", "title", "client__name"]
    list_select_related = ["client"]
    autocomplete_fields = ["client"]
    readonly_fields = ["number"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = MatterOpenForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["client", "title", "description", "lead"]
        return ["number", "client", "title", "description", "status", "opened_at", "closed_at"]

    def get_inlines(self, request, obj):
        return [AssignmentInline] if obj is not None else []

    # The admin edits assignments (the inline), the client, and deletes matters outside the services:
    # each tells the caches of what people see (matters.access.VISIBILITY_SCOPE).
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump(VISIBILITY_SCOPE)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump(VISIBILITY_SCOPE)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump(VISIBILITY_SCOPE)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            bump(VISIBILITY_SCOPE)
            return None
        try:
            opened = services.matter_open(
                by=request.user,
                client=form.cleaned_data["client"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data.get("description", ""),
                lead=form.cleaned_data["lead"],
            )
        except DomainError as error:
            messages.error(request, str(error.message))
            raise
        obj.pk, obj.number = opened.pk, opened.number


class AttachmentInline(admin.TabularInline):
    model = TaskAttachment
    extra = 0
    readonly_fields = ["original_name", "size", "content_type", "uploaded_by", "uploaded_at", "file"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    """Read-only: tasks change state only through the portal's rules (matters.services). Looks are access-logged."""

    access_matter_path = None

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
class TaskReceiptAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    def access_owner(self, obj):
        return obj.task.client_id, obj.task.matter_id

    list_display = ["task", "state", "language", "rendered_at"]
    list_select_related = ["task"]
    readonly_fields = ["task", "state", "language", "file", "rendered_at"]

    def has_add_permission(self, request):
        return False


# --- specialists and subcontracting (rules 11, 12) ----------------------------------------------


@admin.register(PracticeArea)
class PracticeAreaAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "name_en"]
    search_fields = ["name_ru", "name_en"]


@admin.register(SpecialistProfile)
class SpecialistProfileAdmin(admin.ModelAdmin):
    """Lawyers keep their profiles in the portal (/specialists/me/); the admin is for corrections."""

    list_display = ["user", "position", "is_advocate", "advocate_registry_number", "is_listed"]
    list_filter = ["is_listed", "is_advocate", "practice_areas"]
    search_fields = ["user__full_name", "user__email", "advocate_registry_number"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["practice_areas"]


class _RecordAdmin(admin.ModelAdmin):
    """Requests and consents are evidence: read here, changed only through the portal's services."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SpecialistRequest)
class SpecialistRequestAdmin(_RecordAdmin):
    list_display = ["matter", "specialist", "event", "status", "requested_at", "answered_at"]
    list_filter = ["status"]
    search_fields = ["matter__number", "specialist__full_name"]
    list_select_related = ["matter", "specialist"]


@admin.register(Subcontract)
class SubcontractAdmin(_RecordAdmin):
    list_display = ["matter", "contractor", "kind", "status", "proposed_at", "answered_at", "engaged_at"]
    list_filter = ["status", "kind"]
    search_fields = ["matter__number", "contractor"]
    list_select_related = ["matter"]


# --- messages, recommendations, risk notices (rules 3, 9, 10): evidence, read-only ----------------


class _EvidenceAdmin(admin.ModelAdmin):
    """Nothing here is added, changed or deleted by hand: the portal's services write it, the admin shows it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MessageRevisionInline(admin.TabularInline):
    model = MessageRevision
    extra = 0
    fields = readonly_fields = ["replaced_at", "body"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MessageReceiptInline(MessageRevisionInline):
    model = MessageReceipt
    fields = readonly_fields = ["user", "read_at"]


class MessageAttachmentInline(MessageRevisionInline):
    model = MessageAttachment
    fields = readonly_fields = ["original_name", "size", "content_type"]


@admin.register(Message)
class MessageAdmin(AccessLoggedAdmin, _EvidenceAdmin):
    list_display = ["matter", "author", "side", "material", "created_at", "edited_at"]
    list_filter = ["side", "material"]
    search_fields = ["matter__number", "author__full_name"]
    list_select_related = ["matter", "author"]
    inlines = [MessageAttachmentInline, MessageRevisionInline, MessageReceiptInline]


@admin.register(MessageReceipt)
class MessageReceiptAdmin(AccessLoggedAdmin, _EvidenceAdmin):
    access_matter_path = "message__matter"
    list_display = ["message", "user", "read_at"]
    list_select_related = ["message", "user"]
    search_fields = ["user__full_name", "message__matter__number"]


@admin.register(MessageRevision)
class MessageRevisionAdmin(AccessLoggedAdmin, _EvidenceAdmin):
    access_matter_path = "message__matter"
    list_display = ["message", "replaced_at"]
    list_select_related = ["message"]


@admin.register(Recommendation)
class RecommendationAdmin(AccessLoggedAdmin, _EvidenceAdmin):
    list_display = ["matter", "side", "author", "created_at", "accepted", "responded_at"]
    list_filter = ["side", "accepted"]
    search_fields = ["matter__number", "author__full_name"]
    list_select_related = ["matter", "author"]


@admin.register(RiskNotice)
class RiskNoticeAdmin(AccessLoggedAdmin, _EvidenceAdmin):
    list_display = ["matter", "kind", "status", "created_by", "created_at", "reported_by_client"]
    list_filter = ["kind", "status", "reported_by_client"]
    search_fields = ["matter__number", "subject"]
    list_select_related = ["matter", "created_by"]


@admin.register(RiskAcknowledgement)
class RiskAcknowledgementAdmin(AccessLoggedAdmin, _EvidenceAdmin):
    access_matter_path = "notice__matter"
    list_display = ["notice", "user", "acknowledged_at", "ip_address", "text_sha256"]
    search_fields = ["user__full_name", "notice__matter__number", "text_sha256"]
    list_select_related = ["notice", "user"]


from . import (  # noqa: E402  (each area's admin in its own module, registered on import)
    deliverables,  # noqa: F401  (results of work, deliveries, documents register)
    matter_types,  # noqa: F401  (matter types and their stages)
)
