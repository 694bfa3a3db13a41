"""REST API of subcontracting (rule 11): propose, the client's answer, engage (only after consent)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView
from core.api_refs import MatterRefSerializer

from .. import selectors
from ..models import Subcontract
from ..selectors import subcontracting as sel
from ..services import subcontracting as services


class SubcontractOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = MatterRefSerializer()
    kind = serializers.ChoiceField(choices=Subcontract.Kind.choices)
    contractor = serializers.CharField()
    contractor_details = serializers.CharField()
    scope = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=Subcontract.Status.choices)
    proposed_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    consent_text = serializers.SerializerMethodField(
        help_text="The exact words the client consents to (once consented: the words recorded)."
    )
    consent_language = serializers.CharField(help_text="The language the consent was signed in (ru, en); empty before.")
    refusal_reason = serializers.CharField()
    engaged_at = serializers.DateTimeField(allow_null=True)

    def get_consent_text(self, item) -> str:
        if item.status == Subcontract.Status.PROPOSED:
            return services.consent_text(item)  # in the caller's language, which PortalAPIView has activated
        return item.consent_text


class MatterSubcontractsApi(PortalAPIView):
    class SubcontractProposeInput(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Subcontract.Kind.choices)
        contractor = serializers.CharField(max_length=300)
        contractor_details = serializers.CharField(required=False, allow_blank=True, default="")
        scope = serializers.CharField()
        reason = serializers.CharField()

    class Pagination(NewestFirstPagination):
        ordering = ("-proposed_at", "-id")

    pagination_class = Pagination

    @extend_schema(
        operation_id="matter_subcontracts_list", responses={200: SubcontractOutput(many=True), **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """Outside lawyers proposed on the matter, newest first."""
        matter = selectors.matter_get(user=request.user, pk=pk)
        return self.paginated(request, sel.subcontract_list(user=request.user, matter=matter), SubcontractOutput)

    @extend_schema(
        operation_id="matter_subcontracts_create",
        request=SubcontractProposeInput,
        responses={201: SubcontractOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """The matter's lead or a partner proposes an outside lawyer or firm; the client is asked to consent."""
        data = self.validated(self.SubcontractProposeInput, request.data)
        matter = selectors.matter_get(user=request.user, pk=pk)
        item = services.subcontract_propose(matter=matter, by=request.user, **data)
        return Response(
            SubcontractOutput(sel.subcontract_get(user=request.user, pk=item.pk)).data, status=status.HTTP_201_CREATED
        )


class SubcontractDetailApi(PortalAPIView):
    @extend_schema(operation_id="subcontracts_retrieve", responses={200: SubcontractOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(SubcontractOutput(sel.subcontract_get(user=request.user, pk=pk)).data)


class SubcontractAnswerApi(PortalAPIView):
    class SubcontractAnswerInput(serializers.Serializer):
        consent = serializers.BooleanField()
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="subcontracts_answer",
        request=SubcontractAnswerInput,
        responses={200: SubcontractOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """The client consents (the text in `consent_text` is recorded) or refuses, optionally with a reason."""
        data = self.validated(self.SubcontractAnswerInput, request.data)
        item = sel.subcontract_get(user=request.user, pk=pk)
        services.subcontract_answer(subcontract=item, by=request.user, consent=data["consent"], reason=data["reason"])
        return Response(SubcontractOutput(sel.subcontract_get(user=request.user, pk=pk)).data)


class SubcontractEngageApi(PortalAPIView):
    @extend_schema(
        operation_id="subcontracts_engage", request=None, responses={200: SubcontractOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Engage the outside lawyer: refused (403) unless the client has consented."""
        item = sel.subcontract_get(user=request.user, pk=pk)
        services.subcontract_engage(subcontract=item, by=request.user)
        return Response(SubcontractOutput(sel.subcontract_get(user=request.user, pk=pk)).data)


urlpatterns = [
    path("matters/<int:pk>/subcontracts/", MatterSubcontractsApi.as_view(), name="matter_subcontracts"),
    path("subcontracts/<int:pk>/", SubcontractDetailApi.as_view(), name="subcontract_detail"),
    path("subcontracts/<int:pk>/answer/", SubcontractAnswerApi.as_view(), name="subcontract_answer"),
    path("subcontracts/<int:pk>/engage/", SubcontractEngageApi.as_view(), name="subcontract_engage"),
]
