"""REST API of intake (rule 13): new matters and new clients, processed and decided; one view per operation.

Reads go through clients.selectors (which start from clients.access), writes through the services;
errors take the project's one shape. The conflict check is in clients.api.conflicts, the clients'
records in clients.api.clients.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView, fields_under
from core.errors import NotPermitted, ValidationError

from .. import selectors
from ..access import intake_contents_visible
from ..models import Client, Intake, PartyKind, PartyRole
from ..services import intake as intake_services
from ..services.clients import FIELDS as CLIENT_FIELDS
from .conflicts import CheckPartyInput

# --- output ---------------------------------------------------------------------------------------


class RefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class MatterRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()


class IntakePartyOutput(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    kind = serializers.ChoiceField(choices=PartyKind.choices)
    name = serializers.CharField()
    inn = serializers.CharField()
    ogrn = serializers.CharField()
    note = serializers.CharField()


CONTENTS = ("description", "parties")


class IntakeOutput(serializers.Serializer):
    """An intake. The front desk (secretaries) gets its scheduling facts only: `description` and
    `parties` are left out for a caller who may not read them (clients.access.intake_contents_visible)."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Intake.Kind.choices)
    status = serializers.ChoiceField(
        choices=Intake.Status.values,
        source="shown_status",
        help_text="As the caller is to see it: a client's request awaiting a partner reads `requested`.",
    )
    client = RefOutput()
    title = serializers.CharField()
    description = serializers.CharField(required=False, help_text="Absent for the front desk.")
    lead = PersonRefOutput(allow_null=True)
    matter = MatterRefOutput(allow_null=True)
    parties = IntakePartyOutput(many=True, required=False, help_text="Absent for the front desk.")
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    conflict_check = serializers.SerializerMethodField()

    def to_representation(self, instance):
        if not intake_contents_visible(self.context["request"].user):
            # Dropped before DRF reads them: the deferred description is never loaded.
            fields = self.fields
            for name in CONTENTS:
                fields.pop(name, None)
        return super().to_representation(instance)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_conflict_check(self, intake) -> int | None:
        """The latest check's id, for those who may read checks (GET /api/conflict-checks/<id>/)."""
        checks = getattr(intake, "visible_checks", [])
        return checks[0].pk if checks else None


# --- input ----------------------------------------------------------------------------------------


class IntakePartyInput(CheckPartyInput):
    role = serializers.ChoiceField(choices=PartyRole.choices, default=PartyRole.OPPONENT)
    kind = serializers.ChoiceField(choices=PartyKind.choices, default=PartyKind.ORGANISATION)
    note = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")


class NewClientInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Client.Kind.choices)
    name = serializers.CharField(max_length=500)
    short_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    birth_date = serializers.DateField(required=False, allow_null=True)
    passport = serializers.CharField(required=False, allow_blank=True, max_length=255)
    legal_form = serializers.CharField(required=False, allow_blank=True, max_length=64)
    inn = serializers.CharField(required=False, allow_blank=True, max_length=32)
    kpp = serializers.CharField(required=False, allow_blank=True, max_length=32)
    ogrn = serializers.CharField(required=False, allow_blank=True, max_length=32)
    signatory = serializers.CharField(required=False, allow_blank=True, max_length=300)
    address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    postal_address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    bank_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    bik = serializers.CharField(required=False, allow_blank=True, max_length=32)
    account = serializers.CharField(required=False, allow_blank=True, max_length=32)
    corr_account = serializers.CharField(required=False, allow_blank=True, max_length=32)
    language = serializers.ChoiceField(choices=["ru", "en"], required=False)


def _lead(lead_id):
    if lead_id is None:
        return None
    lead = selectors.lead_choices().filter(pk=lead_id).first()
    if lead is None:
        raise ValidationError(fields={"lead": [_("The lead must be an active lead specialist or partner.")]})
    return lead


def _intake_output(request, pk) -> dict:
    return IntakeOutput(
        selectors.intake_with_latest_check(user=request.user, intake=selectors.intake_get(user=request.user, pk=pk)),
        context={"request": request},
    ).data


# --- intake -----------------------------------------------------------------------------------------


class IntakeListCreateApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class QueryInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=Intake.Status.choices, required=False)

    class IntakeCreateInput(serializers.Serializer):
        client = serializers.IntegerField(
            required=False, help_text="An existing client's id: a new matter for it. Or give `new_client`."
        )
        new_client = NewClientInput(required=False, help_text="A new client's requisites.")
        title = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        lead = serializers.IntegerField(required=False, allow_null=True, default=None)
        parties = IntakePartyInput(many=True, required=False, default=list)

        def validate(self, attrs):
            if ("client" in attrs) == ("new_client" in attrs):
                raise serializers.ValidationError({"client": [_("Give either `client` (an id) or `new_client`.")]})
            return attrs

    @extend_schema(
        operation_id="intakes_list",
        responses={200: IntakeOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        """Intakes the caller may see, newest first: the firm's front desk; a client user its own requests."""
        qs = selectors.intake_list(user=request.user, status=self.query(request).get("status")).prefetch_related(
            selectors.intake_checks_prefetch(user=request.user)
        )
        if intake_contents_visible(request.user):
            qs = qs.prefetch_related("parties")
        qs = qs.order_by()
        return self.paginated(
            request, qs, lambda rows: IntakeOutput(rows, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="intakes_create",
        request=IntakeCreateInput,
        responses={201: IntakeOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """Take in a new client (with an optional first matter) or a new matter of an existing client.
        The conflict check runs at once: a clear check opens everything, a hit that blocks waits for a partner."""
        if not selectors.is_intake_staff(request.user):
            raise NotPermitted(_("Intake is handled by partners, lead specialists and secretaries."))
        data = self.validated(self.IntakeCreateInput, request.data)
        lead = _lead(data["lead"])
        parties = [dict(p) for p in data["parties"]]
        if "client" in data:
            client = selectors.client_get(user=request.user, pk=data["client"])
            intake = intake_services.intake_new_matter(
                by=request.user,
                client=client,
                title=data["title"],
                description=data["description"],
                lead=lead,
                parties=parties,
            )
        else:
            # The requisites' messages name their field inside `new_client`.
            with fields_under("new_client", (*CLIENT_FIELDS, "kind", "name")):
                intake = intake_services.intake_new_client(
                    by=request.user,
                    client=dict(data["new_client"]),
                    title=data["title"],
                    description=data["description"],
                    lead=lead,
                    parties=parties,
                )
        return Response(_intake_output(request, intake.pk), status=status.HTTP_201_CREATED)


class IntakeDetailApi(PortalAPIView):
    @extend_schema(operation_id="intakes_retrieve", responses={200: IntakeOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(_intake_output(request, pk))


class IntakeProcessApi(PortalAPIView):
    class IntakeProcessInput(serializers.Serializer):
        lead = serializers.IntegerField()
        title = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")

    @extend_schema(
        operation_id="intakes_process", request=IntakeProcessInput, responses={200: IntakeOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Take up a client's request: name the lead specialist and run the conflict check."""
        intake = selectors.intake_get(user=request.user, pk=pk)
        data = self.validated(self.IntakeProcessInput, request.data)
        intake_services.intake_process(intake=intake, by=request.user, lead=_lead(data["lead"]), title=data["title"])
        return Response(_intake_output(request, pk))


class IntakeDecideApi(PortalAPIView):
    class IntakeDecideInput(serializers.Serializer):
        decision = serializers.ChoiceField(choices=["clear", "decline"])
        reason = serializers.CharField()

    @extend_schema(
        operation_id="intakes_decide", request=IntakeDecideInput, responses={200: IntakeOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """A partner's decision on a blocked intake: clear a false hit (opens it) or decline the work
        (the existing client is notified, rule 13). Recorded with the check; it cannot be changed."""
        intake = selectors.intake_get(user=request.user, pk=pk)
        data = self.validated(self.IntakeDecideInput, request.data)
        intake_services.intake_decide(
            intake=intake, by=request.user, clear=data["decision"] == "clear", reason=data["reason"]
        )
        return Response(_intake_output(request, pk))


class MatterRequestApi(PortalAPIView):
    class MatterRequestInput(serializers.Serializer):
        title = serializers.CharField(max_length=300)
        description = serializers.CharField()
        parties = IntakePartyInput(many=True, required=False, default=list)

    @extend_schema(
        operation_id="matter_requests_create",
        request=MatterRequestInput,
        responses={201: IntakeOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """A client user asks the firm to take on a new matter; it lands in the firm's intake."""
        if not request.user.is_client_user:
            raise NotPermitted(_("The firm's people open matters through intake."))
        data = self.validated(self.MatterRequestInput, request.data)
        intake = intake_services.intake_request_matter(
            client_user=request.user,
            title=data["title"],
            description=data["description"],
            parties=[dict(p) for p in data["parties"]],
        )
        return Response(_intake_output(request, intake.pk), status=status.HTTP_201_CREATED)


urlpatterns = [
    path("intakes/", IntakeListCreateApi.as_view(), name="intake_list"),
    path("intakes/<int:pk>/", IntakeDetailApi.as_view(), name="intake_detail"),
    path("intakes/<int:pk>/process/", IntakeProcessApi.as_view(), name="intake_process"),
    path("intakes/<int:pk>/decide/", IntakeDecideApi.as_view(), name="intake_decide"),
    path("matter-requests/", MatterRequestApi.as_view(), name="matter_request"),
]
