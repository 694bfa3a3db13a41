"""REST API of claims (rule 15): list, file, read (with the law that applies and why), the partner's
decision; the adjustments a claim grants and the record of a payout.

Filing through the API takes JSON, without attachments (files are attached on the claim's page)."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from matters.selectors import matter_get

from ..claim_law import regime_for
from ..models import BillingAdjustment, Claim
from ..selectors import claims as sel
from ..services import claims as services

MONEY = {"max_digits": 14, "decimal_places": 2}


class ClaimPagination(NewestFirstPagination):
    ordering = ("-filed_at", "-id")


class AdjustmentPagination(NewestFirstPagination):
    ordering = ("-created_at", "-id")


class RegimeOutput(serializers.Serializer):
    code = serializers.ChoiceField(choices=Claim.Regime.choices)
    response_days = serializers.IntegerField()
    title = serializers.CharField()
    why = serializers.CharField()
    articles = serializers.ListField(child=serializers.CharField())


class AdjustmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    claim = serializers.IntegerField(source="claim_id", allow_null=True)
    kind = serializers.ChoiceField(choices=BillingAdjustment.Kind.choices)
    amount = serializers.DecimalField(**MONEY)
    settle = serializers.ChoiceField(choices=BillingAdjustment.Settle.choices)
    status = serializers.ChoiceField(choices=BillingAdjustment.Status.choices)
    applied_invoice = serializers.IntegerField(source="applied_invoice_id", allow_null=True)
    paid_out_at = serializers.DateField(allow_null=True)
    paid_out_reference = serializers.CharField()
    created_at = serializers.DateTimeField()


class ClaimOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    subject = serializers.ChoiceField(choices=Claim.Subject.choices)
    description = serializers.CharField()
    personal_needs = serializers.BooleanField()
    ask_fee_reduction = serializers.DecimalField(**MONEY, allow_null=True)
    ask_fee_reduction_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    ask_refund = serializers.DecimalField(**MONEY, allow_null=True)
    ask_penalty = serializers.DecimalField(**MONEY, allow_null=True)
    ask_penalty_computed = serializers.BooleanField()
    agreed_on = serializers.DateField(allow_null=True)
    performed_on = serializers.DateField(allow_null=True)
    service_price = serializers.DecimalField(**MONEY, allow_null=True)
    statutory_penalty = serializers.SerializerMethodField(
        help_text="The consumer's delay penalty so far (3% of the price per day, at most the price), where it applies."
    )
    regime = serializers.SerializerMethodField()
    response_due_on = serializers.DateField()
    overdue = serializers.SerializerMethodField()
    filed_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_text = serializers.CharField()
    attachments = serializers.SerializerMethodField()

    def get_statutory_penalty(self, claim) -> str | None:
        value = sel.statutory_penalty(claim)
        return None if value is None else f"{value:.2f}"

    def get_regime(self, claim) -> RegimeOutput:
        regime = regime_for(
            client_is_person=claim.matter.client.is_person,
            personal_needs=claim.personal_needs,
            contract_days=claim.response_days,
        )
        return RegimeOutput(regime).data

    def get_overdue(self, claim) -> bool:
        return claim.is_overdue()

    def get_attachments(self, claim) -> list[str]:
        return [a.name for a in claim.attachments.all()]


def _out(request, pk) -> dict:
    claim = sel.claim_get(user=request.user, pk=pk)
    return ClaimOutput(claim).data


class ClaimListApi(PortalAPIView):
    pagination_class = ClaimPagination

    class QueryInput(serializers.Serializer):
        matter = IdField(required=False, help_text="Only this matter's claims.")
        status = serializers.ChoiceField(choices=Claim.Status.choices, required=False)
        overdue = serializers.BooleanField(required=False, allow_null=True, default=None)

    class ClaimCreateInput(serializers.Serializer):
        matter = IdField()
        subject = serializers.ChoiceField(choices=Claim.Subject.choices)
        description = serializers.CharField(max_length=5000)
        personal_needs = serializers.BooleanField(
            required=False, default=False, help_text="A person's services for personal, family, household needs."
        )
        ask_fee_reduction = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)
        ask_fee_reduction_percent = serializers.DecimalField(
            max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal(100), required=False
        )
        ask_refund = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)
        ask_penalty = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)
        ask_penalty_computed = serializers.BooleanField(required=False, default=False)
        agreed_on = serializers.DateField(required=False)
        performed_on = serializers.DateField(required=False)
        service_price = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)

    @extend_schema(operation_id="claims_list", responses={200: ClaimOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The claims the caller may see, newest first; `overdue` = not answered by the deadline."""
        query = self.query(request)
        ids = None
        if query.get("matter"):
            ids = [matter_get(user=request.user, pk=query["matter"]).pk]
        qs = sel.claim_list(
            user=request.user, matter_ids=ids, status=query.get("status") or "", overdue=query["overdue"]
        ).prefetch_related("attachments")
        return self.paginated(request, qs, ClaimOutput)

    @extend_schema(
        operation_id="claims_create", request=ClaimCreateInput, responses={201: ClaimOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        """A client user files a claim on its matter (the law that applies and the deadline are set now)."""
        data = self.validated(self.ClaimCreateInput, request.data)
        matter = matter_get(user=request.user, pk=data.pop("matter"), action="read")
        claim = services.claim_file(by=request.user, matter=matter, **data)
        return Response(_out(request, claim.pk), status=status.HTTP_201_CREATED)


class ClaimDetailApi(PortalAPIView):
    @extend_schema(operation_id="claims_retrieve", responses={200: ClaimOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(_out(request, pk))


class ClaimDecideApi(PortalAPIView):
    class ClaimDecideInput(serializers.Serializer):
        outcome = serializers.ChoiceField(choices=[("grant", "grant"), ("reject", "reject")])
        text = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
        fee_reduction = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)
        refund = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)
        penalty = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)
        fee_reduction_settle = serializers.ChoiceField(choices=BillingAdjustment.Settle.choices, required=False)
        refund_settle = serializers.ChoiceField(choices=BillingAdjustment.Settle.choices, required=False)
        penalty_settle = serializers.ChoiceField(choices=BillingAdjustment.Settle.choices, required=False)

    @extend_schema(
        operation_id="claims_decide", request=ClaimDecideInput, responses={200: ClaimOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """A partner answers: reject with the reasons, or grant amounts (each within the matter's limits)."""
        claim = sel.claim_get(user=request.user, pk=pk)  # another client's claim: 404 before any 400
        data = self.validated(self.ClaimDecideInput, request.data)
        services.claim_decide(by=request.user, claim=claim, **data)
        return Response(_out(request, pk))


class AdjustmentListApi(PortalAPIView):
    pagination_class = AdjustmentPagination

    class QueryInput(serializers.Serializer):
        matter = IdField(required=False, help_text="Only this matter's adjustments.")
        claim = IdField(required=False, help_text="Only those this claim granted.")

    @extend_schema(operation_id="adjustments_list", responses={200: AdjustmentOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """What granted claims owe the clients the caller sees: pending, applied to an invoice, paid out."""
        query = self.query(request)
        ids = claim = None
        if query.get("matter"):
            ids = [matter_get(user=request.user, pk=query["matter"]).pk]
        if query.get("claim"):
            claim = sel.claim_get(user=request.user, pk=query["claim"])
        return self.paginated(
            request, sel.adjustment_list(user=request.user, claim=claim, matter_ids=ids), AdjustmentOutput
        )


class AdjustmentPayOutApi(PortalAPIView):
    class AdjustmentPayOutInput(serializers.Serializer):
        paid_on = serializers.DateField()
        reference = serializers.CharField(max_length=100)

    @extend_schema(
        operation_id="adjustments_pay_out",
        request=AdjustmentPayOutInput,
        responses={200: AdjustmentOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """A partner records that the amount was paid to the client (date, payment reference)."""
        adjustment = sel.adjustment_get(user=request.user, pk=pk)  # another client's: 404 before any 400
        data = self.validated(self.AdjustmentPayOutInput, request.data)
        adjustment = services.adjustment_pay_out(by=request.user, adjustment=adjustment, **data)
        return Response(AdjustmentOutput(adjustment).data)
