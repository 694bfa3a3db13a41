"""REST API of a matter's fee arrangement: the current version and the history; PUT makes a new version."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView
from core.api_refs import PersonSerializer
from core.selectors import get_visible

from .. import selectors
from ..access import fee_matters
from ..models import FeeArrangement
from ..services import set_fee_arrangement

MONEY = {"max_digits": 12, "decimal_places": 2, "coerce_to_string": True}


class StageAmountOutput(serializers.Serializer):
    stage = serializers.IntegerField(source="stage_id")
    name_ru = serializers.CharField(source="stage.name_ru")
    name_en = serializers.CharField(source="stage.name_en")
    amount = serializers.DecimalField(**MONEY)


class RateOutput(serializers.Serializer):
    specialist = PersonSerializer()
    rate = serializers.DecimalField(**MONEY)


class ArrangementOutput(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=FeeArrangement.Kind.choices)
    fixed_amount = serializers.DecimalField(allow_null=True, **MONEY)
    default_rate = serializers.DecimalField(allow_null=True, **MONEY)
    monthly_amount = serializers.DecimalField(allow_null=True, **MONEY)
    stage_amounts = StageAmountOutput(many=True)
    rates = RateOutput(many=True)
    success_fee_amount = serializers.DecimalField(allow_null=True, **MONEY)
    success_fee_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    success_fee_condition = serializers.CharField()
    valid_from = serializers.DateField()
    reason = serializers.CharField()
    created_by = PersonSerializer()
    created_at = serializers.DateTimeField()


class ArrangementsOutput(serializers.Serializer):
    current = ArrangementOutput(allow_null=True, help_text="The version in force today (the latest started).")
    versions = ArrangementOutput(many=True, help_text="Every version, newest first.")


class StageAmountInput(serializers.Serializer):
    stage = serializers.IntegerField()
    amount = serializers.CharField(max_length=20)


class RateInput(serializers.Serializer):
    specialist = serializers.IntegerField()
    rate = serializers.CharField(max_length=20)


class MatterFeeArrangementApi(PortalAPIView):
    class FeeArrangementInput(serializers.Serializer):
        kind = serializers.ChoiceField(choices=FeeArrangement.Kind.choices)
        valid_from = serializers.DateField()
        reason = serializers.CharField(required=False, allow_blank=True, default="")
        fixed_amount = serializers.CharField(required=False, allow_blank=True, max_length=20)
        default_rate = serializers.CharField(required=False, allow_blank=True, max_length=20)
        monthly_amount = serializers.CharField(required=False, allow_blank=True, max_length=20)
        stage_amounts = StageAmountInput(many=True, required=False)
        rates = RateInput(many=True, required=False)
        success_fee_amount = serializers.CharField(required=False, allow_blank=True, max_length=20)
        success_fee_percent = serializers.CharField(required=False, allow_blank=True, max_length=20)
        success_fee_condition = serializers.CharField(required=False, allow_blank=True, default="")

    def _answer(self, request, matter):
        from django.utils import timezone

        versions = list(selectors.arrangement_versions(request.user, matter))
        today = timezone.localdate()
        current = next((v for v in versions if v.valid_from <= today), None)
        return Response(ArrangementsOutput({"current": current, "versions": versions}).data)

    @extend_schema(
        operation_id="matter_fee_arrangement_retrieve", responses={200: ArrangementsOutput, **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """The matter's fee arrangement: the version in force and every version, with who set it and why."""
        matter = get_visible(fee_matters(request.user, "view"), pk=pk)
        return self._answer(request, matter)

    @extend_schema(
        operation_id="matter_fee_arrangement_update",
        request=FeeArrangementInput,
        responses={200: ArrangementsOutput, **ERROR_RESPONSES},
    )
    def put(self, request, pk):
        """A new version (the matter's lead or a partner); every change after the first needs a reason."""
        matter = get_visible(fee_matters(request.user, "view").select_related("matter_type"), pk=pk)
        data = self.validated(self.FeeArrangementInput, request.data)
        data["stage_amounts"] = {s["stage"]: s["amount"] for s in data.get("stage_amounts") or ()}
        data["rates"] = {r["specialist"]: r["rate"] for r in data.get("rates") or ()}
        set_fee_arrangement(by=request.user, matter=matter, data=data)
        return self._answer(request, matter)


urlpatterns = [
    path("matters/<int:pk>/fee-arrangement/", MatterFeeArrangementApi.as_view(), name="matter_fee_arrangement"),
]
