"""Acts of services rendered in the admin: read-only. Every act stored is an issued act (`act_issue`
creates it numbered), and an issued act never changes: a correction is a new act (`act_correct`), an
answer comes from the client in the portal. So no add, change or delete here, for a superuser too."""

from django.contrib import admin

from ..models import Act, ActDispatch, ActLine, Upd
from .readonly import ReadOnlyAdmin, ReadOnlyInline


class ActLineInline(ReadOnlyInline):
    model = ActLine
    fields = ("position", "source", "description", "quantity", "unit", "unit_price", "vat_rate", "gross", "key")
    readonly_fields = fields
    ordering = ("position",)


class ActDispatchInline(ReadOnlyInline):
    model = ActDispatch
    fields = ("channel", "sent_on", "tracking_number", "address", "created_by", "created_at")
    readonly_fields = fields


class UpdInline(ReadOnlyInline):
    model = Upd
    fields = ("number", "upd_date", "pdf", "created_at")
    readonly_fields = fields


@admin.register(Act)
class ActAdmin(ReadOnlyAdmin):
    list_display = ("number", "act_date", "matter", "gross", "answer_display", "acceptance_due", "is_final")
    list_filter = ("answer", "is_final", "act_date")
    search_fields = ("number", "matter__number", "matter__title", "client__name")
    list_select_related = ("matter",)
    date_hierarchy = "act_date"
    inlines = [ActLineInline, ActDispatchInline, UpdInline]

    @admin.display(description=Act._meta.get_field("answer").verbose_name, ordering="answer")
    def answer_display(self, obj):
        # As of today: an unanswered act past its acceptance period reads as deemed accepted.
        return obj.answer_label()


@admin.register(Upd)
class UpdAdmin(ReadOnlyAdmin):
    list_display = ("number", "upd_date", "act")
    search_fields = ("number", "act__number")
    list_select_related = ("act",)
