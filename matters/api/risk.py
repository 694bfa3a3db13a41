"""REST API of recommendations and risk notices (rules 3 and 10)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView

from ..models import Recommendation, RiskNotice
from ..selectors import matter_get
from ..selectors import risk as sel
from ..services import recommendations as recommendation_services
from ..services import risk as services
from .messages import MessageAuthorOutput


class RecommendationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    side = serializers.ChoiceField(choices=Recommendation.Side.choices)
    author = MessageAuthorOutput()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    accepted = serializers.BooleanField(allow_null=True, help_text="The other side's answer; null until answered.")
    response = serializers.CharField()
    responded_by = MessageAuthorOutput(allow_null=True)
    responded_at = serializers.DateTimeField(allow_null=True)


class RiskAcknowledgementOutput(serializers.Serializer):
    user = MessageAuthorOutput()
    acknowledged_at = serializers.DateTimeField()
    text = serializers.CharField(help_text="The exact words acknowledged.")
    text_sha256 = serializers.CharField()
    language = serializers.CharField(help_text="The language of the text acknowledged (ru, en).")
    ip_address = serializers.IPAddressField(allow_null=True)


class RiskNoticeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    kind = serializers.ChoiceField(choices=RiskNotice.Kind.choices)
    subject = serializers.CharField(help_text="The client's instruction, or what the client did without the firm.")
    text = serializers.CharField(help_text="The firm's warning and the consequences; never changes.")
    reported_by_client = serializers.BooleanField()
    created_by = MessageAuthorOutput()
    created_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=RiskNotice.Status.choices)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    supersedes = serializers.IntegerField(
        source="supersedes_id", allow_null=True, help_text="The notice this one corrects."
    )
    superseded_by = serializers.SerializerMethodField(help_text="The corrected notice that replaced this one.")
    acknowledgements = RiskAcknowledgementOutput(many=True)
    text_to_acknowledge = serializers.SerializerMethodField(
        help_text="For a client user while the notice is open: the exact words an acknowledgement records."
    )
    text_to_acknowledge_sha256 = serializers.SerializerMethodField()

    def _to_acknowledge(self, notice) -> tuple[str, str] | None:
        user = self.context.get("user")
        if user is None or not sel.risk_permissions(user=user, notice=notice)["acknowledge"]:
            return None
        return sel.risk_text_for(user=user, notice=notice)

    def get_superseded_by(self, notice) -> int | None:
        newer = getattr(notice, "superseded_by", None)
        return newer.pk if newer is not None else None

    def get_text_to_acknowledge(self, notice) -> str | None:
        found = self._to_acknowledge(notice)
        return found[0] if found else None

    def get_text_to_acknowledge_sha256(self, notice) -> str | None:
        found = self._to_acknowledge(notice)
        return found[1] if found else None


def notice_out(request, notice: RiskNotice) -> dict:
    return RiskNoticeOutput(notice, context={"user": request.user}).data


class MatterRecommendationsApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class RecommendationInput(serializers.Serializer):
        text = serializers.CharField()

    @extend_schema(
        operation_id="matter_recommendations_list", responses={200: RecommendationOutput(many=True), **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """Recommendations on the matter from either side, newest first."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        return self.paginated(request, sel.recommendation_list(user=request.user, matter=matter), RecommendationOutput)

    @extend_schema(
        operation_id="matter_recommendations_create",
        request=RecommendationInput,
        responses={201: RecommendationOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Record a recommendation: a client user for the client, a lawyer of the matter for the firm."""
        data = self.validated(self.RecommendationInput, request.data)
        matter = matter_get(user=request.user, pk=pk, action="read")
        item = recommendation_services.recommendation_make(matter=matter, by=request.user, text=data["text"])
        return Response(
            RecommendationOutput(sel.recommendation_get(user=request.user, pk=item.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class RecommendationDetailApi(PortalAPIView):
    @extend_schema(operation_id="recommendations_retrieve", responses={200: RecommendationOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One recommendation with the other side's answer."""
        return Response(RecommendationOutput(sel.recommendation_get(user=request.user, pk=pk)).data)


class RecommendationRespondApi(PortalAPIView):
    class RecommendationRespondInput(serializers.Serializer):
        accepted = serializers.BooleanField()
        comment = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="recommendations_respond",
        request=RecommendationRespondInput,
        responses={200: RecommendationOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """The other side answers once: accepted or not (a comment is then required). 409 when answered."""
        data = self.validated(self.RecommendationRespondInput, request.data)
        item = sel.recommendation_get(user=request.user, pk=pk)
        recommendation_services.recommendation_respond(
            recommendation=item, by=request.user, accepted=data["accepted"], comment=data["comment"]
        )
        return Response(RecommendationOutput(sel.recommendation_get(user=request.user, pk=pk)).data)


class MatterRisksApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class RiskCreateInput(serializers.Serializer):
        kind = serializers.ChoiceField(
            choices=RiskNotice.Kind.choices,
            help_text="`warning`: a lawyer warns about the client's instruction. `non_interference`: the client "
            "acted on the matter without the firm (reported by a client user or recorded by a lawyer).",
        )
        subject = serializers.CharField(help_text="The instruction, or what was done without the firm.")
        text = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Warning: the warning and the consequences (required). Non-interference: the firm's "
            "comment, added after the standard text of rule 3.",
        )

    @extend_schema(operation_id="matter_risks_list", responses={200: RiskNoticeOutput(many=True), **ERROR_RESPONSES})
    def get(self, request, pk):
        """The matter's risk notices, newest first, with their acknowledgements."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        rows = sel.risk_list(user=request.user, matter=matter)
        return self.paginated(request, rows, lambda page: [notice_out(request, notice) for notice in page])

    @extend_schema(
        operation_id="matter_risks_create",
        request=RiskCreateInput,
        responses={201: RiskNoticeOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """A lawyer's warning about an instruction (403 for anyone else), or a report that the client acted
        without the firm (a client user reports it, a lawyer records it)."""
        data = self.validated(self.RiskCreateInput, request.data)
        matter = matter_get(user=request.user, pk=pk, action="read")
        if data["kind"] == RiskNotice.Kind.WARNING:
            notice = services.risk_warn(matter=matter, by=request.user, subject=data["subject"], text=data["text"])
        else:
            notice = services.risk_record_acting_alone(
                matter=matter, by=request.user, subject=data["subject"], details=data["text"]
            )
        return Response(
            notice_out(request, sel.risk_get(user=request.user, pk=notice.pk)), status=status.HTTP_201_CREATED
        )


class RiskDetailApi(PortalAPIView):
    @extend_schema(operation_id="risks_retrieve", responses={200: RiskNoticeOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(notice_out(request, sel.risk_get(user=request.user, pk=pk)))


class RiskAcknowledgeApi(PortalAPIView):
    class RiskAcknowledgeInput(serializers.Serializer):
        text_sha256 = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="The `text_to_acknowledge_sha256` the caller showed the user; refused (409) if it differs.",
        )

    @extend_schema(
        operation_id="risks_acknowledge",
        request=RiskAcknowledgeInput,
        responses={200: RiskNoticeOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """A client user acknowledges the risk: the exact text, its SHA-256, who, when and from where are kept.

        Refused (409) for a notice replaced by a corrected one, withdrawn or already acknowledged.
        """
        data = self.validated(self.RiskAcknowledgeInput, request.data)
        notice = sel.risk_get(user=request.user, pk=pk)
        services.risk_acknowledge(notice=notice, by=request.user, text_sha256=data["text_sha256"], request=request)
        return Response(notice_out(request, sel.risk_get(user=request.user, pk=pk)))


class RiskWithdrawApi(PortalAPIView):
    @extend_schema(operation_id="risks_withdraw", request=None, responses={200: RiskNoticeOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        """A client user withdraws the instruction the firm warned about (a warning that is still open)."""
        notice = sel.risk_get(user=request.user, pk=pk)
        services.risk_withdraw(notice=notice, by=request.user)
        return Response(notice_out(request, sel.risk_get(user=request.user, pk=pk)))


class RiskSupersedeApi(PortalAPIView):
    class RiskSupersedeInput(serializers.Serializer):
        subject = serializers.CharField()
        text = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="risks_supersede",
        request=RiskSupersedeInput,
        responses={201: RiskNoticeOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """A lawyer publishes a corrected notice replacing one not yet acknowledged (409 once acknowledged)."""
        data = self.validated(self.RiskSupersedeInput, request.data)
        notice = sel.risk_get(user=request.user, pk=pk)
        new = services.risk_supersede(notice=notice, by=request.user, subject=data["subject"], text=data["text"])
        return Response(notice_out(request, sel.risk_get(user=request.user, pk=new.pk)), status=status.HTTP_201_CREATED)


urlpatterns = [
    path("matters/<int:pk>/recommendations/", MatterRecommendationsApi.as_view(), name="matter_recommendations"),
    path("recommendations/<int:pk>/", RecommendationDetailApi.as_view(), name="recommendation_detail"),
    path("recommendations/<int:pk>/respond/", RecommendationRespondApi.as_view(), name="recommendation_respond"),
    path("matters/<int:pk>/risks/", MatterRisksApi.as_view(), name="matter_risks"),
    path("risks/<int:pk>/", RiskDetailApi.as_view(), name="risk_detail"),
    path("risks/<int:pk>/acknowledge/", RiskAcknowledgeApi.as_view(), name="risk_acknowledge"),
    path("risks/<int:pk>/withdraw/", RiskWithdrawApi.as_view(), name="risk_withdraw"),
    path("risks/<int:pk>/supersede/", RiskSupersedeApi.as_view(), name="risk_supersede"),
]
