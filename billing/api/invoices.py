"""REST API of invoices: list (matter, status), a staff draft and its editing (dates, lines), detail, issue,
cancel, the PDF."""

from decimal import Decimal

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.errors import InvalidState
from core.selectors import get_visible
from matters.selectors import matter_get

from ..models import Invoice, InvoiceLine
from ..selectors import invoices as sel
from ..services import invoice_lines as lines
from ..services import invoices as services

MONEY = {"max_digits": 12, "decimal_places": 2}


class InvoicePagination(NewestFirstPagination):
    ordering = ("-created_at", "-id")


class LineOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    source = serializers.ChoiceField(choices=InvoiceLine.Source.choices)
    description = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=12, decimal_places=4)
    unit_price = serializers.DecimalField(**MONEY)
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    net = serializers.DecimalField(**MONEY)
    vat = serializers.DecimalField(**MONEY)
    gross = serializers.DecimalField(**MONEY)
    time_entry = serializers.IntegerField(source="time_entry_id", allow_null=True)
    expense = serializers.IntegerField(source="expense_id", allow_null=True)
    advance = serializers.IntegerField(source="advance_id", allow_null=True)
    stage = serializers.IntegerField(source="stage_id", allow_null=True)


class InvoiceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    client = serializers.IntegerField(source="client_id")
    number = serializers.CharField(help_text="YYYY-NNNN once issued; empty on a draft.")
    status = serializers.ChoiceField(choices=Invoice.Status.choices)
    issue_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True, help_text="null: without VAT")
    net = serializers.DecimalField(**MONEY)
    vat = serializers.DecimalField(**MONEY)
    gross = serializers.DecimalField(**MONEY)
    paid = serializers.DecimalField(**MONEY)
    due = serializers.DecimalField(**MONEY)
    pdf_ready = serializers.SerializerMethodField()

    def get_pdf_ready(self, invoice) -> bool:
        return bool(invoice.pdf)


class InvoiceDetailOutput(InvoiceOutput):
    lines = LineOutput(many=True)
    requisites = serializers.DictField(help_text="The firm's requisites copied at issue.")
    payer = serializers.DictField(help_text="The client's requisites copied at issue.")


def _out(request, pk) -> dict:
    return InvoiceDetailOutput(sel.invoice_get(user=request.user, pk=pk)).data


class InvoiceListApi(PortalAPIView):
    pagination_class = InvoicePagination

    class QueryInput(serializers.Serializer):
        matter = IdField(required=False, help_text="Only this matter's invoices.")
        status = serializers.ChoiceField(choices=Invoice.Status.choices, required=False)

    class InvoiceCreateInput(serializers.Serializer):
        matter = IdField()
        time_entries = serializers.ListField(child=IdField(), required=False, default=list, max_length=500)
        expenses = serializers.ListField(child=IdField(), required=False, default=list, max_length=500)
        fixed_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True, min_value=Decimal("0.01"))
        fixed_description = serializers.CharField(max_length=500, required=False, allow_blank=True)
        stages = serializers.ListField(
            child=IdField(), required=False, default=list, max_length=100, help_text="Stages of a fixed fee by stage."
        )
        advances = serializers.ListField(
            child=IdField(), required=False, default=list, max_length=100, help_text="Advances paid to the firm."
        )
        advance = IdField(required=False, allow_null=True, help_text="One advance (as `advances`).")

    @extend_schema(operation_id="invoices_list", responses={200: InvoiceOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The invoices the caller may see (a client: its issued ones), newest first."""
        query = self.query(request)
        matter = matter_get(user=request.user, pk=query["matter"]) if query.get("matter") else None
        qs = sel.invoice_list(user=request.user, matter=matter, status=query.get("status") or None)
        return self.paginated(request, qs, InvoiceOutput)

    @extend_schema(
        operation_id="invoices_create",
        request=InvoiceCreateInput,
        responses={201: InvoiceDetailOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """A draft invoice from approved time and expenses, a fixed fee and/or an advance (the matter's lawyers)."""
        data = self.validated(self.InvoiceCreateInput, request.data)
        matter = matter_get(user=request.user, pk=data.pop("matter"), action="read")
        invoice = services.invoice_draft(by=request.user, matter=matter, **data)
        return Response(_out(request, invoice.pk), status=status.HTTP_201_CREATED)


class InvoiceDetailApi(PortalAPIView):
    @extend_schema(operation_id="invoices_retrieve", responses={200: InvoiceDetailOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(_out(request, pk))

    class DatesInput(serializers.Serializer):
        issue_date = serializers.DateField(required=False, allow_null=True, help_text="null: the day it is issued.")
        due_date = serializers.DateField(required=False, allow_null=True)

    @extend_schema(
        operation_id="invoices_partial_update",
        request=DatesInput,
        responses={200: InvoiceDetailOutput, **ERROR_RESPONSES},
    )
    def patch(self, request, pk):
        """Plan a draft's issue and due dates (an issued invoice never changes: 409)."""
        invoice = sel.invoice_get(user=request.user, pk=pk)
        data = self.validated(self.DatesInput, request.data)
        lines.invoice_draft_dates(
            by=request.user, invoice=invoice, issue_date=data.get("issue_date"), due_date=data.get("due_date")
        )
        return Response(_out(request, pk))

    @extend_schema(operation_id="invoices_destroy", responses={204: None, **ERROR_RESPONSES})
    def delete(self, request, pk):
        """Delete a draft (issued invoices are never deleted: cancel them)."""
        services.invoice_delete(by=request.user, invoice=sel.invoice_get(user=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvoiceLinesApi(PortalAPIView):
    class ManualLineInput(serializers.Serializer):
        description = serializers.CharField(max_length=500)
        quantity = serializers.DecimalField(max_digits=12, decimal_places=4, min_value=Decimal("0.0001"))
        unit = serializers.CharField(max_length=16, required=False, allow_blank=True)
        unit_price = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), help_text="VAT included.")

    @extend_schema(
        operation_id="invoices_lines_create",
        request=ManualLineInput,
        responses={201: InvoiceDetailOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Add a line entered by hand to a draft."""
        invoice = sel.invoice_get(user=request.user, pk=pk)
        data = self.validated(self.ManualLineInput, request.data)
        lines.invoice_line_add(by=request.user, invoice=invoice, **data)
        return Response(_out(request, pk), status=status.HTTP_201_CREATED)


class InvoiceLinesIncludeApi(PortalAPIView):
    class IncludeInput(serializers.Serializer):
        time_entries = serializers.ListField(child=IdField(), required=False, default=list, max_length=500)
        expenses = serializers.ListField(child=IdField(), required=False, default=list, max_length=500)
        stages = serializers.ListField(child=IdField(), required=False, default=list, max_length=100)
        advances = serializers.ListField(child=IdField(), required=False, default=list, max_length=100)

    @extend_schema(
        operation_id="invoices_lines_include",
        request=IncludeInput,
        responses={200: InvoiceDetailOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Add lines to a draft for the matter's approved time and expenses, fixed-fee stages, advances."""
        invoice = sel.invoice_get(user=request.user, pk=pk)
        data = self.validated(self.IncludeInput, request.data)
        lines.invoice_lines_include(by=request.user, invoice=invoice, **data)
        return Response(_out(request, pk))


class InvoiceLineApi(PortalAPIView):
    class LineChangeInput(serializers.Serializer):
        description = serializers.CharField(max_length=500)
        quantity = serializers.DecimalField(
            max_digits=12, decimal_places=4, min_value=Decimal("0.0001"), required=False, allow_null=True
        )
        unit_price = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False, allow_null=True)

    def _line(self, request, pk, line_pk):
        invoice = sel.invoice_get(user=request.user, pk=pk)
        return invoice, get_visible(invoice.lines.all(), pk=line_pk)

    @extend_schema(
        operation_id="invoices_lines_partial_update",
        request=LineChangeInput,
        responses={200: InvoiceDetailOutput, **ERROR_RESPONSES},
    )
    def patch(self, request, pk, line_pk):
        """Change a draft's line: the description; quantity and price of a line by hand or a fixed fee."""
        invoice, line = self._line(request, pk, line_pk)
        data = self.validated(self.LineChangeInput, request.data)
        lines.invoice_line_change(by=request.user, invoice=invoice, line=line, **data)
        return Response(_out(request, pk))

    @extend_schema(operation_id="invoices_lines_destroy", responses={200: InvoiceDetailOutput, **ERROR_RESPONSES})
    def delete(self, request, pk, line_pk):
        """Take a line off a draft; what it billed becomes billable again."""
        invoice, line = self._line(request, pk, line_pk)
        lines.invoice_line_remove(by=request.user, invoice=invoice, line=line)
        return Response(_out(request, pk))


class InvoiceIssueApi(PortalAPIView):
    class InvoiceIssueInput(serializers.Serializer):
        due_date = serializers.DateField(required=False, allow_null=True)

    @extend_schema(
        operation_id="invoices_issue",
        request=InvoiceIssueInput,
        responses={200: InvoiceDetailOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Issue the draft today: its number, the firm's requisites and VAT copied, the entries locked."""
        data = self.validated(self.InvoiceIssueInput, request.data)
        services.invoice_issue(
            by=request.user, invoice=sel.invoice_get(user=request.user, pk=pk), due_date=data.get("due_date")
        )
        return Response(_out(request, pk))


class InvoiceCancelApi(PortalAPIView):
    @extend_schema(
        operation_id="invoices_cancel", request=None, responses={200: InvoiceDetailOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Cancel an issued, unpaid invoice (its number stays used)."""
        services.invoice_cancel(by=request.user, invoice=sel.invoice_get(user=request.user, pk=pk))
        return Response(_out(request, pk))


class InvoicePdfApi(PortalAPIView):
    @extend_schema(
        operation_id="invoices_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The invoice's PDF as stored; 409 while it is being prepared."""
        invoice = sel.invoice_get(user=request.user, pk=pk)
        handle = sel.invoice_pdf_file(invoice)
        if handle is None:
            raise InvalidState(_("The invoice's PDF is being prepared; try again in a minute."))
        return FileResponse(
            handle, as_attachment=True, filename=f"invoice-{invoice.number}.pdf", content_type="application/pdf"
        )
