"""REST API of the settlement, work reports (rule 6) and termination (rule 14).

A report is asked for with a POST that answers at once (202 while the worker prepares it, 200 when
the same report is already stored); the client polls the report and downloads its PDF when ready.
"""

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView
from core.errors import InvalidState, NotFound
from matters.selectors import matter_get

from ..access import restrict_terminations
from ..models import Termination, WorkReport
from ..selectors import reports as sel
from ..selectors.settlement import settlement_for
from ..services import reports as report_services
from ..services import termination as termination_services
from ..services.settlement import SECTIONS, Settlement

MONEY = {"max_digits": 14, "decimal_places": 2}


class SettlementLineOutput(serializers.Serializer):
    section = serializers.ChoiceField(choices=[(s, s) for s in SECTIONS])
    code = serializers.CharField(help_text="What the line is (hourly, retainer, stage, expense, advance_received…).")
    text = serializers.CharField(help_text="The line in the caller's language.")
    amount = serializers.DecimalField(**MONEY, help_text="+ owed by the client, − credited to it.")
    date = serializers.DateField(allow_null=True)


class SettlementOutput(serializers.Serializer):
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField()
    lines = SettlementLineOutput(many=True)
    fees = serializers.DecimalField(**MONEY)
    expenses = serializers.DecimalField(**MONEY)
    advances = serializers.DecimalField(**MONEY, help_text="Advances held: received less spent (≤ 0).")
    payments = serializers.DecimalField(**MONEY, help_text="Paid against invoices (≤ 0).")
    balance = serializers.DecimalField(**MONEY, help_text="+ due by the client, − refund to the client.")
    due_by_client = serializers.DecimalField(**MONEY)
    refund = serializers.DecimalField(**MONEY)


class MatterSettlementApi(PortalAPIView):
    class QueryInput(serializers.Serializer):
        end = serializers.DateField(required=False, help_text="Up to this date (today by default).")

    @extend_schema(operation_id="matter_settlement", responses={200: SettlementOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """The settlement of the matter up to a date: every line, the totals and the balance."""
        end = self.query(request).get("end") or timezone.localdate()
        _matter, settlement = settlement_for(user=request.user, pk=pk, end=end)
        return Response(SettlementOutput(settlement).data)


class ReportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    language = serializers.CharField()
    status = serializers.ChoiceField(choices=WorkReport.Status.choices)
    progress = serializers.IntegerField(help_text="0–100 while the worker prepares it.")
    pages = serializers.IntegerField()
    ready = serializers.BooleanField(source="is_ready")
    requested_at = serializers.DateTimeField()


class MatterReportsApi(PortalAPIView):
    class ReportRequestInput(serializers.Serializer):
        period_start = serializers.DateField(required=False, allow_null=True)
        period_end = serializers.DateField(required=False, allow_null=True)

    @extend_schema(operation_id="matter_reports_list", responses={200: ReportOutput(many=True), **ERROR_RESPONSES})
    def get(self, request, pk):
        """The reports made for the matter, newest first (at most 50)."""
        matter = sel.report_matter_get(user=request.user, pk=pk)
        return Response(ReportOutput(sel.report_list(user=request.user, matter=matter)[:50], many=True).data)

    @extend_schema(
        operation_id="matter_reports_create",
        request=ReportRequestInput,
        responses={200: ReportOutput, 202: ReportOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Ask for a report of the period (the whole matter up to today by default) in the caller's
        language: 200 with the stored one when nothing changed, else 202 while it is prepared."""
        data = self.validated(self.ReportRequestInput, request.data)
        matter = sel.report_matter_get(user=request.user, pk=pk)
        report = report_services.report_request(by=request.user, matter=matter, **data)
        code = status.HTTP_200_OK if report.is_ready else status.HTTP_202_ACCEPTED
        return Response(ReportOutput(report).data, status=code)


class ReportDetailApi(PortalAPIView):
    @extend_schema(operation_id="reports_retrieve", responses={200: ReportOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(ReportOutput(sel.report_get(user=request.user, pk=pk)).data)


class ReportPdfApi(PortalAPIView):
    @extend_schema(
        operation_id="reports_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The report's PDF; 409 while it is being prepared."""
        report = sel.report_get(user=request.user, pk=pk)
        handle = sel.report_pdf_file(report)
        if handle is None:
            raise InvalidState(_("The report is being prepared; try again in a moment."))
        return FileResponse(
            handle, as_attachment=True, filename=f"report-{report.pk}.pdf", content_type="application/pdf"
        )


class TerminationOutput(serializers.Serializer):
    matter = serializers.IntegerField(source="matter_id")
    terminated_on = serializers.DateField()
    reason = serializers.CharField()
    channel = serializers.ChoiceField(choices=Termination.Channel.choices)
    letter_date = serializers.DateField(allow_null=True)
    recorded_by = serializers.IntegerField(source="recorded_by_id")
    recorded_at = serializers.DateTimeField()
    balance = serializers.DecimalField(**MONEY, help_text="+ due by the client, − refund to the client.")
    settlement = serializers.SerializerMethodField()
    cancelled_hearings = serializers.SerializerMethodField()
    cancelled_deadlines = serializers.SerializerMethodField()
    awaiting_final_act = serializers.BooleanField()

    @extend_schema_field(SettlementOutput)
    def get_settlement(self, termination) -> dict:
        return SettlementOutput(Settlement.from_data(termination.settlement)).data

    def get_cancelled_hearings(self, termination) -> list[int]:
        return list((termination.cancelled or {}).get("hearings", []))

    def get_cancelled_deadlines(self, termination) -> list[int]:
        return list((termination.cancelled or {}).get("deadlines", []))


class MatterTerminationApi(PortalAPIView):
    class TerminationInput(serializers.Serializer):
        reason = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
        letter_date = serializers.DateField(
            required=False, allow_null=True, help_text="Staff recording the client's letter: its date."
        )
        expected_balance = serializers.DecimalField(
            **MONEY,
            required=False,
            allow_null=True,
            help_text="The balance of the preview (GET /settlement/): refused with 409 if it has changed since.",
        )

    @extend_schema(operation_id="matter_termination_retrieve", responses={200: TerminationOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """The matter's termination as recorded (404 when it has not been terminated)."""
        termination = restrict_terminations(request.user).filter(matter_id=pk).first()
        if termination is None:
            raise NotFound()
        return Response(TerminationOutput(termination).data)

    @extend_schema(
        operation_id="matter_termination_create",
        request=TerminationInput,
        responses={201: TerminationOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Terminate the engagement on the matter today (the client; its lead or a partner on the
        client's letter): the settlement is recorded, hearings and deadlines cancelled."""
        data = self.validated(self.TerminationInput, request.data)
        matter = matter_get(user=request.user, pk=pk, action="read")
        termination = termination_services.matter_terminate(by=request.user, matter=matter, **data)
        return Response(TerminationOutput(termination).data, status=status.HTTP_201_CREATED)
