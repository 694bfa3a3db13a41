"""REST API of payments (rule 1): the list (queue and the rest), a payment recorded by hand, one payment,
match, ignore and unmatch, and a bank statement's upload. Partners and the secretary only."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.errors import NotPermitted

from ..access import handles_payments
from ..models import Payment
from ..selectors import payments as sel
from ..services import payments as services

MONEY = {"max_digits": 14, "decimal_places": 2}


class PaymentPagination(NewestFirstPagination):
    ordering = ("-recorded_at", "-id")


class UnmatchOutput(serializers.Serializer):
    invoice = serializers.IntegerField(source="invoice_id")
    invoice_number = serializers.CharField(source="invoice.number")
    amount = serializers.DecimalField(**MONEY)
    reason = serializers.CharField()
    matched_by = serializers.IntegerField(source="matched_by_id", allow_null=True)
    matched_at = serializers.DateTimeField(allow_null=True)
    unmatched_by = serializers.IntegerField(source="unmatched_by_id")
    unmatched_at = serializers.DateTimeField()


class PaymentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    amount = serializers.DecimalField(**MONEY)
    date = serializers.DateField()
    payer_name = serializers.CharField()
    payer_inn = serializers.CharField()
    payer_account = serializers.CharField()
    purpose = serializers.CharField()
    document_number = serializers.CharField()
    source = serializers.ChoiceField(choices=Payment.Source.choices)
    status = serializers.ChoiceField(choices=Payment.Status.choices)
    invoice_number = serializers.CharField()
    matched_invoice = serializers.IntegerField(source="matched_invoice_id", allow_null=True)
    matched_by = serializers.IntegerField(source="matched_by_id", allow_null=True)
    matched_at = serializers.DateTimeField(allow_null=True)
    ignore_reason = serializers.CharField()
    client = serializers.IntegerField(source="client_id", allow_null=True)
    recorded_at = serializers.DateTimeField()
    unmatches = UnmatchOutput(many=True, read_only=True, help_text="Corrections: the invoices it was taken off.")


class ImportOutput(serializers.Serializer):
    created = serializers.IntegerField(help_text="New payments.")
    duplicates = serializers.IntegerField(help_text="Documents imported before: skipped.")
    matched = serializers.IntegerField(help_text="New payments matched to invoices at once.")
    waiting = serializers.IntegerField(help_text="New payments waiting in the queue.")
    skipped_other = serializers.IntegerField(help_text="Documents that are not money received by the firm.")
    statement_import = serializers.SerializerMethodField()

    def get_statement_import(self, summary) -> int | None:
        return summary.statement_import.pk if summary.statement_import else None


def _out(request, pk) -> dict:
    return PaymentOutput(sel.payment_get(user=request.user, pk=pk)).data


class PaymentListApi(PortalAPIView):
    pagination_class = PaymentPagination

    class QueryInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=Payment.Status.choices, required=False)

    class PaymentCreateInput(serializers.Serializer):
        amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
        date = serializers.DateField()
        payer_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
        payer_inn = serializers.CharField(max_length=12, required=False, allow_blank=True)
        payer_account = serializers.CharField(max_length=20, required=False, allow_blank=True)
        purpose = serializers.CharField(max_length=500, required=False, allow_blank=True)
        invoice_number = serializers.CharField(max_length=30, required=False, allow_blank=True)

    @extend_schema(operation_id="payments_list", responses={200: PaymentOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The firm's payments, newest first; `status=unmatched` is the queue."""
        query = self.query(request)
        return self.paginated(
            request, sel.payment_list(user=request.user, status=query.get("status") or ""), PaymentOutput
        )

    @extend_schema(
        operation_id="payments_create", request=PaymentCreateInput, responses={201: PaymentOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        """Record a payment by hand (partners and the secretary)."""
        if not handles_payments(request.user, "record"):
            raise NotPermitted()
        data = self.validated(self.PaymentCreateInput, request.data)
        payment = services.payment_record(by=request.user, **data)
        return Response(_out(request, payment.pk), status=status.HTTP_201_CREATED)


class PaymentDetailApi(PortalAPIView):
    @extend_schema(operation_id="payments_retrieve", responses={200: PaymentOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(_out(request, pk))


class PaymentMatchApi(PortalAPIView):
    class MatchInput(serializers.Serializer):
        invoice_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
        invoice = IdField(required=False, allow_null=True, help_text="The invoice's id, instead of its number.")

    @extend_schema(operation_id="payments_match", request=MatchInput, responses={200: PaymentOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        """Match a payment waiting in the queue to an invoice, by the invoice's number or id."""
        payment = sel.payment_get(user=request.user, pk=pk, action="match")
        data = self.validated(self.MatchInput, request.data)
        services.payment_match(
            payment=payment,
            by=request.user,
            invoice_number=data.get("invoice_number") or "",
            invoice_id=data.get("invoice"),
        )
        return Response(_out(request, pk))


class PaymentIgnoreApi(PortalAPIView):
    class IgnoreInput(serializers.Serializer):
        reason = serializers.CharField(max_length=500)

    @extend_schema(
        operation_id="payments_ignore", request=IgnoreInput, responses={200: PaymentOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Take a payment out of the queue, with the reason."""
        payment = sel.payment_get(user=request.user, pk=pk, action="match")
        data = self.validated(self.IgnoreInput, request.data)
        services.payment_ignore(payment=payment, by=request.user, reason=data["reason"])
        return Response(_out(request, pk))


class PaymentUnmatchApi(PortalAPIView):
    class UnmatchInput(serializers.Serializer):
        reason = serializers.CharField(max_length=500)

    @extend_schema(
        operation_id="payments_unmatch", request=UnmatchInput, responses={200: PaymentOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Take a payment matched by mistake off its invoice, with the reason: the invoice's paid amount falls,
        its status goes back, the payment waits in the queue again; the correction is recorded (`unmatches`)."""
        payment = sel.payment_get(user=request.user, pk=pk, action="match")
        data = self.validated(self.UnmatchInput, request.data)
        services.payment_unmatch(payment=payment, by=request.user, reason=data["reason"])
        return Response(_out(request, pk))


class StatementImportApi(PortalAPIView):
    parser_classes = (MultiPartParser, FormParser)

    class StatementInput(serializers.Serializer):
        file = serializers.FileField(help_text="The statement in the 1C exchange format (1CClientBankExchange 1.03).")

    @extend_schema(
        operation_id="bank_statements_import",
        request={"multipart/form-data": StatementInput},
        responses={201: ImportOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """Import a bank statement: what it brought, what was imported before, what matched, what waits."""
        if not handles_payments(request.user, "import"):
            raise NotPermitted()
        data = self.validated(self.StatementInput, request.data)
        summary = services.statement_import(by=request.user, file=data["file"])
        return Response(ImportOutput(summary).data, status=status.HTTP_201_CREATED)
