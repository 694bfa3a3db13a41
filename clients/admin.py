from django import forms
from django.contrib import admin, messages

from audit.admin_mixins import AccessLoggedAdmin
from core.errors import DomainError

from .models import (
    Client,
    ConflictCheck,
    ConflictDecision,
    ConflictHit,
    Intake,
    IntakeParty,
    Party,
    PowerOfAttorney,
    TermsVersion,
)
from .services.clients import FIELDS as CLIENT_FIELDS
from .services.clients import check_client_fields
from .services.conflicts import index_client, index_party
from .services.terms import terms_publish


class ClientAdminForm(forms.ModelForm):
    """Corrections in the admin obey the same requisites checks as intake (clients.services.clients)."""

    class Meta:
        model = Client
        fields = ["kind", "status", "name", *CLIENT_FIELDS, "upload_quota_bytes"]

    def clean(self):
        data = super().clean()
        fields = {k: data.get(k) for k in CLIENT_FIELDS if k in self.fields}
        try:
            cleaned = check_client_fields(data.get("kind", ""), data.get("name", ""), fields)
        except DomainError as error:
            for name, messages in error.fields.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, str(message))
        else:
            data.update(cleaned)
        return data


@admin.register(Client)
class ClientAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    """New clients come in through intake (its conflict check); the admin corrects existing records."""

    form = ClientAdminForm
    list_display = ["name", "kind", "status", "inn", "email", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "short_name", "inn", "ogrn", "email"]
    readonly_fields = ["search_key", "created_at"]

    access_log_lists = False

    def access_owner(self, obj):
        return obj.pk, None  # the record itself: passport, addresses, bank details

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        index_client(obj)  # the conflict check searches the new name from now on


@admin.register(Party)
class PartyAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    """Parties of matters. Their names are searched by every later conflict check: a change re-indexes."""

    list_display = ["name", "role", "kind", "matter", "inn", "ogrn"]
    list_filter = ["role", "kind"]
    search_fields = ["name", "inn", "ogrn", "matter__number"]
    list_select_related = ["matter"]
    raw_id_fields = ["matter"]
    readonly_fields = ["search_key", "created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        index_party(obj)


class _Evidence(admin.ModelAdmin):
    """Conflict checks and decisions are evidence (rule 13): the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _EvidenceInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ConflictHitInline(_EvidenceInline):
    model = ConflictHit
    fields = ["query", "query_role", "matched_name", "matched_role", "score", "reason", "client", "matter", "blocking"]


class ConflictDecisionInline(_EvidenceInline):
    model = ConflictDecision
    fields = ["decision", "reason", "decided_by", "decided_at"]


@admin.register(ConflictCheck)
class ConflictCheckAdmin(_Evidence):
    list_display = ["id", "purpose", "outcome", "blocking", "created_by", "created_at", "duration_ms"]
    list_filter = ["purpose", "outcome", "blocking"]
    list_select_related = ["created_by"]
    inlines = [ConflictHitInline, ConflictDecisionInline]


@admin.register(ConflictHit)
class ConflictHitAdmin(_Evidence):
    list_display = ["query", "matched_name", "matched_role", "score", "reason", "blocking", "conflict_check"]
    list_filter = ["matched_role", "blocking"]
    search_fields = ["query", "matched_name"]


@admin.register(ConflictDecision)
class ConflictDecisionAdmin(_Evidence):
    list_display = ["conflict_check", "decision", "decided_by", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["decided_by"]


class IntakePartyInline(_EvidenceInline):
    model = IntakeParty
    fields = ["role", "kind", "name", "inn", "ogrn", "note"]


@admin.register(Intake)
class IntakeAdmin(AccessLoggedAdmin, _Evidence):
    access_matter_path = None
    """Intake runs through the portal's pages and API (clients.services.intake); here it is only shown."""

    list_display = ["id", "kind", "status", "client", "title", "lead", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["client__name", "title"]
    list_select_related = ["client", "lead"]
    inlines = [IntakePartyInline]


@admin.register(PowerOfAttorney)
class PowerOfAttorneyAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    access_matter_path = None
    """Read-only: powers of attorney are drafted, signed and revoked through the portal (clients.services.powers)."""

    list_display = ["number", "client", "status", "issued_on", "valid_until", "notarised"]
    list_filter = ["status", "notarised"]
    search_fields = ["number", "client__name"]
    list_select_related = ["client"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in PowerOfAttorney._meta.fields] + ["specialists", "matters"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TermsVersionAdminForm(forms.ModelForm):
    class Meta:
        model = TermsVersion
        fields = ["text_ru", "text_en"]


@admin.register(TermsVersion)
class TermsVersionAdmin(admin.ModelAdmin):
    """A version clients have accepted is evidence: never changed or deleted. A new one is published
    through clients.services.terms.terms_publish, which sanitises its HTML (nh3) as the portal's page does."""

    form = TermsVersionAdminForm
    list_display = ["number", "published_at"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            version = terms_publish(
                by=request.user, text_ru=form.cleaned_data["text_ru"], text_en=form.cleaned_data["text_en"]
            )
        except DomainError as error:
            messages.error(request, str(error.message))
            raise
        obj.pk, obj.number, obj.text_ru, obj.text_en = version.pk, version.number, version.text_ru, version.text_en
