"""REST API of advances (rule 7): list, request, change while unpaid, the client's payment, staff's
confirmation or refusal, a partner's override, spending, and the matter's balance."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from matters.selectors import matter_get

from ..models import Advance
from ..selectors import advances as sel
from ..selectors.firm import firm_payee
from ..services import advances as services

MONEY = {"max_digits": 12, "decimal_places": 2}


class AdvancePagination(NewestFirstPagination):
    ordering = ("-requested_at", "-id")


class SpendingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    expense = serializers.IntegerField(source="expense_id", help_text="The expense the advance paid.")
    amount = serializers.DecimalField(**MONEY)
    spent_on = serializers.DateField()
    description = serializers.CharField()


class PayeeOutput(serializers.Serializer):
    name = serializers.CharField()
    short_name = serializers.CharField()
    inn = serializers.CharField()
    kpp = serializers.CharField()
    bank_name = serializers.CharField()
    bik = serializers.CharField()
    corr_account = serializers.CharField()
    account = serializers.CharField()


class AdvanceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    amount = serializers.DecimalField(**MONEY)
    purpose = serializers.CharField()
    category = serializers.ChoiceField(choices=Advance.Category.choices)
    due_on = serializers.DateField()
    task = serializers.IntegerField(source="task_id", allow_null=True)
    hearing = serializers.IntegerField(source="hearing_id", allow_null=True)
    filing = serializers.CharField()
    payer = serializers.ChoiceField(choices=Advance.Payer.choices)
    recipient_name = serializers.CharField()
    recipient_inn = serializers.CharField()
    recipient_kpp = serializers.CharField()
    recipient_account = serializers.CharField()
    recipient_bik = serializers.CharField()
    recipient_corr_account = serializers.CharField()
    recipient_bank = serializers.CharField()
    kbk = serializers.CharField()
    oktmo = serializers.CharField()
    uin = serializers.CharField()
    status = serializers.ChoiceField(choices=Advance.Status.choices)
    overdue = serializers.SerializerMethodField()
    requested_at = serializers.DateTimeField()
    paid_amount = serializers.DecimalField(**MONEY, allow_null=True)
    paid_on = serializers.DateField(allow_null=True)
    confirmed_amount = serializers.DecimalField(**MONEY, allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField()
    overridden = serializers.SerializerMethodField(help_text="A partner let the funded action go ahead unpaid.")
    payee = serializers.SerializerMethodField(
        help_text="Paid to the firm: the firm's bank details in force today (null when the client pays a third party)."
    )

    def get_overdue(self, advance) -> bool:
        return advance.is_overdue()

    def get_overridden(self, advance) -> bool:
        return advance.overridden_by_id is not None

    @extend_schema_field(PayeeOutput(allow_null=True))
    def get_payee(self, advance):
        if advance.payer != Advance.Payer.FIRM_AT_CLIENT_EXPENSE:
            return None
        if "payee" not in self.context:  # once per response, however many advances it lists
            self.context["payee"] = firm_payee()
        return self.context["payee"]


class BalanceOutput(serializers.Serializer):
    matter = serializers.IntegerField()
    requested = serializers.DecimalField(**MONEY)
    paid = serializers.DecimalField(**MONEY)
    spent = serializers.DecimalField(**MONEY)
    left = serializers.DecimalField(**MONEY)


def _out(request, pk) -> dict:
    return AdvanceOutput(sel.advance_get(user=request.user, pk=pk)).data


class _Fields(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
    purpose = serializers.CharField(max_length=500)
    category = serializers.ChoiceField(choices=Advance.Category.choices)
    due_on = serializers.DateField()
    task = IdField(required=False, allow_null=True)
    hearing = IdField(required=False, allow_null=True)
    filing = serializers.CharField(max_length=300, required=False, allow_blank=True)
    payer = serializers.ChoiceField(choices=Advance.Payer.choices)
    recipient_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
    recipient_inn = serializers.CharField(max_length=12, required=False, allow_blank=True)
    recipient_kpp = serializers.CharField(max_length=9, required=False, allow_blank=True)
    recipient_account = serializers.CharField(max_length=20, required=False, allow_blank=True)
    recipient_bik = serializers.CharField(max_length=9, required=False, allow_blank=True)
    recipient_corr_account = serializers.CharField(max_length=20, required=False, allow_blank=True)
    recipient_bank = serializers.CharField(max_length=300, required=False, allow_blank=True)
    kbk = serializers.CharField(max_length=20, required=False, allow_blank=True)
    oktmo = serializers.CharField(max_length=11, required=False, allow_blank=True)
    uin = serializers.CharField(max_length=25, required=False, allow_blank=True)


def _resolve(data: dict, matter) -> dict:
    if "task" in data or "hearing" in data:
        task, hearing = services.task_or_hearing(
            matter=matter, task_id=data.get("task"), hearing_id=data.get("hearing")
        )
        if "task" in data:
            data["task"] = task
        if "hearing" in data:
            data["hearing"] = hearing
    return data


class AdvanceListApi(PortalAPIView):
    pagination_class = AdvancePagination

    class QueryInput(serializers.Serializer):
        matter = IdField(required=False, help_text="Only this matter's advances.")
        status = serializers.ChoiceField(choices=Advance.Status.choices, required=False)
        overdue = serializers.BooleanField(required=False, allow_null=True, default=None)

    class AdvanceCreateInput(_Fields):
        matter = IdField()

    @extend_schema(operation_id="advances_list", responses={200: AdvanceOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The advances the caller may see, newest first; `overdue` = unpaid past the due date, not overridden."""
        query = self.query(request)
        ids = None
        if query.get("matter"):
            ids = [matter_get(user=request.user, pk=query["matter"]).pk]
        qs = sel.advance_list(
            user=request.user, matter_ids=ids, status=query.get("status") or "", overdue=query["overdue"]
        )
        return self.paginated(request, qs, AdvanceOutput)

    @extend_schema(
        operation_id="advances_create", request=AdvanceCreateInput, responses={201: AdvanceOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        """Ask the client for an advance (the matter's lawyers and partners)."""
        data = self.validated(self.AdvanceCreateInput, request.data)
        matter = matter_get(user=request.user, pk=data.pop("matter"), action="read")
        advance = services.advance_request(matter=matter, by=request.user, **_resolve(data, matter))
        return Response(_out(request, advance.pk), status=status.HTTP_201_CREATED)


class AdvancePatchInput(_Fields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class AdvanceDetailApi(PortalAPIView):
    @extend_schema(operation_id="advances_retrieve", responses={200: AdvanceOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(_out(request, pk))

    @extend_schema(
        operation_id="advances_partial_update",
        request=AdvancePatchInput,
        responses={200: AdvanceOutput, **ERROR_RESPONSES},
    )
    def patch(self, request, pk):
        """Change an advance while it is unpaid (409 once paid, confirmed or cancelled)."""
        data = self.validated(AdvancePatchInput, request.data)
        advance = sel.advance_get(user=request.user, pk=pk)
        services.advance_change(advance=advance, by=request.user, **_resolve(data, advance.matter))
        return Response(_out(request, pk))


class AdvancePaidApi(PortalAPIView):
    parser_classes = [MultiPartParser, FormParser]

    class AdvancePaidInput(serializers.Serializer):
        paid_amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
        paid_on = serializers.DateField()
        payment_order = serializers.FileField()

    @extend_schema(
        operation_id="advances_paid",
        request={"multipart/form-data": AdvancePaidInput},
        responses={200: AdvanceOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """The client says it paid, with the payment order."""
        data = self.validated(self.AdvancePaidInput, request.data)
        advance = sel.advance_get(user=request.user, pk=pk)
        services.advance_mark_paid(
            advance=advance,
            by=request.user,
            amount=data["paid_amount"],
            paid_on=data["paid_on"],
            payment_order=data["payment_order"],
        )
        return Response(_out(request, pk))


class AdvanceConfirmApi(PortalAPIView):
    class AdvanceConfirmInput(serializers.Serializer):
        confirmed_amount = serializers.DecimalField(
            **MONEY, min_value=Decimal("0.01"), required=False, allow_null=True, help_text="Default: the amount paid."
        )

    @extend_schema(
        operation_id="advances_confirm", request=AdvanceConfirmInput, responses={200: AdvanceOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Staff confirm the payment (the matter's lead, a partner, the secretary)."""
        data = self.validated(self.AdvanceConfirmInput, request.data)
        advance = sel.advance_get(user=request.user, pk=pk)
        services.advance_confirm(advance=advance, by=request.user, amount=data.get("confirmed_amount"))
        return Response(_out(request, pk))


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class AdvanceRejectApi(PortalAPIView):
    @extend_schema(
        operation_id="advances_reject", request=ReasonInput, responses={200: AdvanceOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """The payment the client reported is not found: back to requested, with the reason."""
        data = self.validated(ReasonInput, request.data)
        services.advance_reject(advance=sel.advance_get(user=request.user, pk=pk), by=request.user, **data)
        return Response(_out(request, pk))


class AdvanceOverrideApi(PortalAPIView):
    @extend_schema(
        operation_id="advances_override", request=ReasonInput, responses={200: AdvanceOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """A partner lets the funded action go ahead unpaid, with a reason."""
        data = self.validated(ReasonInput, request.data)
        services.advance_override(advance=sel.advance_get(user=request.user, pk=pk), by=request.user, **data)
        return Response(_out(request, pk))


class AdvanceSpendingsApi(PortalAPIView):
    class SpendingInput(serializers.Serializer):
        expense = IdField(
            required=False, allow_null=True, help_text="An approved expense of the matter it paid (then no more)."
        )
        amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False, allow_null=True)
        spent_on = serializers.DateField(required=False, allow_null=True)
        description = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema(operation_id="advance_spendings_list", responses={200: SpendingOutput(many=True), **ERROR_RESPONSES})
    def get(self, request, pk):
        advance = sel.advance_get(user=request.user, pk=pk)
        return Response(SpendingOutput(sel.spending_list(advance=advance), many=True).data)

    @extend_schema(
        operation_id="advance_spendings_create",
        request=SpendingInput,
        responses={201: SpendingOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Record what a confirmed advance paid (never more than is left): an approved expense of the matter
        (`expense`), or a new expense from `amount`, `spent_on` and `description`."""
        data = self.validated(self.SpendingInput, request.data)
        spending = services.advance_spend(advance=sel.advance_get(user=request.user, pk=pk), by=request.user, **data)
        return Response(SpendingOutput(spending).data, status=status.HTTP_201_CREATED)


class MatterAdvanceBalanceApi(PortalAPIView):
    @extend_schema(operation_id="matter_advance_balance", responses={200: BalanceOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """The matter's advances: requested, paid (confirmed), spent, left = paid − spent."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        balance = sel.advance_balance([matter.pk])[matter.pk]
        return Response(
            BalanceOutput(
                {
                    "matter": matter.pk,
                    "requested": balance.requested,
                    "paid": balance.paid,
                    "spent": balance.spent,
                    "left": balance.left,
                }
            ).data
        )
