"""REST API of acts of services rendered: list, issue (a partner), detail, correction, dispatch, the
client's answer, the PDFs of the act and of its УПД."""

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.errors import InvalidState, NotFound
from matters.selectors import matter_get

from ..access import act_matters
from ..models import ActDispatch, ActLine
from ..selectors import acts as sel
from ..services import act_answers
from ..services import acts as services

MONEY = {"max_digits": 12, "decimal_places": 2}


class ActPagination(NewestFirstPagination):
    ordering = ("-issued_at", "-id")


class ActLineOutput(serializers.Serializer):
    position = serializers.IntegerField()
    source = serializers.ChoiceField(choices=ActLine.Source.choices)
    description = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=12, decimal_places=4)
    unit = serializers.ChoiceField(
        choices=ActLine.Unit.choices, help_text="OKEI code: 356 hour, 362 month, 876 service"
    )
    unit_price = serializers.DecimalField(**MONEY)
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    net = serializers.DecimalField(**MONEY)
    vat = serializers.DecimalField(**MONEY)
    gross = serializers.DecimalField(**MONEY)


class ActDispatchOutput(serializers.Serializer):
    channel = serializers.ChoiceField(choices=ActDispatch.Channel.choices)
    sent_on = serializers.DateField()
    tracking_number = serializers.CharField()
    address = serializers.CharField()


class ActOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    client = serializers.IntegerField(source="client_id")
    number = serializers.CharField(help_text="YYYY-NNNN, gapless per year.")
    act_date = serializers.DateField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    is_final = serializers.BooleanField()
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)
    correction_no = serializers.IntegerField(allow_null=True)
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True, help_text="null: without VAT")
    vat_ground = serializers.CharField()
    net = serializers.DecimalField(**MONEY)
    vat = serializers.DecimalField(**MONEY)
    gross = serializers.DecimalField(**MONEY)
    answer = serializers.SerializerMethodField(
        help_text="'' awaiting; accepted; objected; deemed (accepted by silence)"
    )
    acceptance_due = serializers.DateField(allow_null=True)
    deemed_accepted_on = serializers.SerializerMethodField()
    pdf_ready = serializers.SerializerMethodField()

    def get_answer(self, act) -> str:
        return act.answer_on()

    def get_deemed_accepted_on(self, act) -> str | None:
        day = act.deemed_accepted_on()
        return day.isoformat() if day else None

    def get_pdf_ready(self, act) -> bool:
        return bool(act.pdf)


class ActDetailOutput(ActOutput):
    lines = ActLineOutput(many=True)
    dispatches = ActDispatchOutput(many=True)
    requisites = serializers.DictField(help_text="The firm's requisites copied at issue.")
    customer = serializers.DictField(help_text="The client's requisites copied at issue.")
    objection = serializers.CharField()
    upd_number = serializers.SerializerMethodField()

    def get_upd_number(self, act) -> str | None:
        upd = getattr(act, "upd", None) if hasattr(act, "upd") else None
        return upd.number if upd else None


def _out(request, pk) -> dict:
    return ActDetailOutput(sel.act_get(user=request.user, pk=pk)).data


class ActListApi(PortalAPIView):
    pagination_class = ActPagination

    class QueryInput(serializers.Serializer):
        matter = IdField(required=False, help_text="Only this matter's acts.")

    class ActIssueInput(serializers.Serializer):
        matter = IdField()
        period_start = serializers.DateField()
        period_end = serializers.DateField()
        final = serializers.BooleanField(required=False, default=False)
        act_date = serializers.DateField(required=False, allow_null=True)
        keys = serializers.ListField(
            child=serializers.CharField(max_length=40), required=False, allow_null=True, max_length=2000,
            help_text="What to cover (keys of the preview); default: what the act would take.",
        )  # fmt: skip
        signatory_position = serializers.CharField(max_length=255, required=False, allow_blank=True)
        acceptance_days = serializers.IntegerField(min_value=1, max_value=60, required=False, allow_null=True)

    @extend_schema(operation_id="acts_list", responses={200: ActOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The acts the caller may see (a client: its own), newest first."""
        query = self.query(request)
        matter = matter_get(user=request.user, pk=query["matter"]) if query.get("matter") else None
        return self.paginated(request, sel.act_list(user=request.user, matter=matter), ActOutput)

    @extend_schema(
        operation_id="acts_issue", request=ActIssueInput, responses={201: ActDetailOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        """Issue an act of a matter for a period (a partner); a final act closes the matter."""
        data = self.validated(self.ActIssueInput, request.data)
        matter = matter_get(user=request.user, pk=data.pop("matter"), action="read")
        act = services.act_issue(by=request.user, matter=matter, **data)
        return Response(_out(request, act.pk), status=status.HTTP_201_CREATED)


class ActDetailApi(PortalAPIView):
    @extend_schema(operation_id="acts_retrieve", responses={200: ActDetailOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(_out(request, pk))


class ActCorrectApi(PortalAPIView):
    class CorrectionLineInput(serializers.Serializer):
        position = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        description = serializers.CharField(max_length=500, required=False, allow_blank=True)
        quantity = serializers.DecimalField(max_digits=12, decimal_places=4, min_value=0)
        unit_price = serializers.DecimalField(**MONEY)

    class ActCorrectInput(serializers.Serializer):
        reason = serializers.CharField(max_length=5000)
        act_date = serializers.DateField(required=False, allow_null=True)
        lines = serializers.ListField(child=serializers.DictField(), max_length=2000)

    @extend_schema(
        operation_id="acts_correct", request=ActCorrectInput, responses={201: ActDetailOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """A correction (a partner): a new act with the corrected lines in full, referencing this one."""
        data = self.validated(self.ActCorrectInput, request.data)
        lines = [self.validated(self.CorrectionLineInput, row) for row in data["lines"]]
        act = sel.act_get(user=request.user, pk=pk)
        correction = services.act_correct(
            by=request.user, act=act, lines=lines, reason=data["reason"], act_date=data.get("act_date")
        )
        return Response(_out(request, correction.pk), status=status.HTTP_201_CREATED)


class ActDispatchApi(PortalAPIView):
    class ActDispatchInput(serializers.Serializer):
        channel = serializers.ChoiceField(choices=ActDispatch.Channel.choices)
        sent_on = serializers.DateField(required=False, allow_null=True)
        tracking_number = serializers.CharField(max_length=40, required=False, allow_blank=True)
        address = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema(
        operation_id="acts_dispatch", request=ActDispatchInput, responses={200: ActDetailOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Record how the act went out (post with its tracking number, e-mail, portal)."""
        data = self.validated(self.ActDispatchInput, request.data)
        act_answers.act_dispatch(by=request.user, act=sel.act_get(user=request.user, pk=pk), **data)
        return Response(_out(request, pk))


class ActAcceptApi(PortalAPIView):
    @extend_schema(operation_id="acts_accept", request=None, responses={200: ActDetailOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        """The client accepts the act."""
        act_answers.act_accept(by=request.user, act=sel.act_get(user=request.user, pk=pk))
        return Response(_out(request, pk))


class ActObjectApi(PortalAPIView):
    class ActObjectInput(serializers.Serializer):
        reason = serializers.CharField(max_length=5000)

    @extend_schema(
        operation_id="acts_object", request=ActObjectInput, responses={200: ActDetailOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """The client objects to the act, with its reasons, within the acceptance period."""
        data = self.validated(self.ActObjectInput, request.data)
        act_answers.act_object(by=request.user, act=sel.act_get(user=request.user, pk=pk), reason=data["reason"])
        return Response(_out(request, pk))


class ActCandidateOutput(serializers.Serializer):
    key = serializers.CharField(help_text="What the line covers; pass chosen keys to the issue as `keys`.")
    source = serializers.ChoiceField(choices=ActLine.Source.choices)
    description = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=12, decimal_places=4)
    unit = serializers.ChoiceField(choices=ActLine.Unit.choices)
    unit_price = serializers.DecimalField(**MONEY)
    gross = serializers.DecimalField(**MONEY)
    ticked = serializers.BooleanField(help_text="Taken by default (the current stage's fee is not).")


class ActPreviewApi(PortalAPIView):
    class QueryInput(serializers.Serializer):
        period_start = serializers.DateField()
        period_end = serializers.DateField()
        final = serializers.BooleanField(required=False, default=False)

    @extend_schema(operation_id="acts_preview", responses={200: ActCandidateOutput(many=True), **ERROR_RESPONSES})
    def get(self, request, pk):
        """What an act of the matter for the period would cover (the matter's lead or a partner)."""
        query = self.query(request)
        matter = matter_get(user=request.user, pk=pk, action="read")
        if not act_matters(request.user, "preview").filter(pk=matter.pk).exists():
            raise NotFound()
        candidates = services.act_candidates(matter=matter, **query)
        return Response(ActCandidateOutput(candidates, many=True).data)


def _file(request, pk, *, upd: bool):
    act = sel.act_get(user=request.user, pk=pk)
    if upd and not hasattr(act, "upd"):
        raise NotFound()
    handle = sel.upd_pdf_file(act) if upd else sel.act_pdf_file(act)
    if handle is None:
        raise InvalidState(_("The PDF is being prepared; try again in a minute."))
    name = f"upd-{act.upd.number.replace('/', '-')}.pdf" if upd else f"act-{act.number}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERROR_RESPONSES}


class ActPdfApi(PortalAPIView):
    @extend_schema(operation_id="acts_pdf", responses=PDF)
    def get(self, request, pk):
        """The act's PDF as stored; 409 while it is being prepared."""
        return _file(request, pk, upd=False)


class ActUpdPdfApi(PortalAPIView):
    @extend_schema(operation_id="acts_upd_pdf", responses=PDF)
    def get(self, request, pk):
        """The УПД's PDF (a VAT-paying firm's act); 404 when the act has none, 409 while it is being prepared."""
        return _file(request, pk, upd=True)
