"""Work reports and terminations in the admin: read-only. A report is requested and rendered through
billing.services.reports; a termination is recorded by billing.services.termination with its settlement."""

from django.contrib import admin

from ..models import Termination, WorkReport
from .readonly import ReadOnlyAdmin


@admin.register(WorkReport)
class WorkReportAdmin(ReadOnlyAdmin):
    list_display = ("matter", "period_start", "period_end", "language", "status", "pages", "requested_at")
    list_filter = ("status", "language")
    search_fields = ("matter__number", "matter__title")
    list_select_related = ("matter",)
    exclude = ("fingerprint",)


@admin.register(Termination)
class TerminationAdmin(ReadOnlyAdmin):
    list_display = ("matter", "terminated_on", "channel", "balance", "final_act", "final_act_issued_at")
    list_filter = ("channel",)
    search_fields = ("matter__number", "matter__title")
    list_select_related = ("matter", "final_act")
