"""REST API of powers of attorney (rule 5): the register, the draft PDF, signature, revocation, validity.

Reads start from clients.access.visible_powers (through clients.selectors.powers); a power outside
it is a 404. Writes go through clients.services.powers.
"""

from pathlib import PurePosixPath

from django.http import FileResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, FILE_AS_STORED, IdField, NewestFirstPagination, PortalAPIView
from core.api_refs import ClientRefSerializer, MatterRefSerializer, PersonSerializer
from core.errors import NotPermitted, ValidationError
from users.selectors import active_lawyers, user_find

from ..access import power_documents_visible
from ..models import PowerOfAttorney
from ..ports import matter_get
from ..selectors import client_get
from ..selectors import powers as sel
from ..services import powers as services

DOCUMENTS = ("scope", "revoke_reason", "draft_url", "scan_url")


class PowerOutput(serializers.Serializer):
    """A power of attorney. The front desk (secretaries) gets the register's scheduling facts only:
    `scope`, `revoke_reason`, `draft_url` and `scan_url` are left out (clients.access.restrict_powers)."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    client = ClientRefSerializer()
    specialists = PersonSerializer(many=True)
    matters = MatterRefSerializer(many=True, help_text="Empty: a general power covering all of the client's matters.")
    scope = serializers.CharField(required=False, help_text="Absent for the front desk.")
    notarised = serializers.BooleanField()
    issued_on = serializers.DateField()
    valid_until = serializers.DateField()
    status = serializers.ChoiceField(choices=PowerOfAttorney.Status.choices)
    days_left = serializers.SerializerMethodField(help_text="Days until a signed power runs out; null otherwise.")
    sent_at = serializers.DateTimeField(allow_null=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoke_reason = serializers.CharField(required=False, help_text="Absent for the front desk.")
    draft_url = serializers.SerializerMethodField(help_text="Absent for the front desk.")
    scan_url = serializers.SerializerMethodField(help_text="Absent for the front desk.")

    def to_representation(self, instance):
        if not power_documents_visible(self.context["user"]):
            fields = self.fields
            for name in DOCUMENTS:
                fields.pop(name, None)
        return super().to_representation(instance)

    def get_days_left(self, poa) -> int | None:
        return sel.days_left(poa)

    def get_draft_url(self, poa) -> str:
        return reverse("api:power_draft", args=[poa.pk])

    def get_scan_url(self, poa) -> str | None:
        return reverse("api:power_scan", args=[poa.pk]) if poa.signed_scan else None


def _power(user, pk) -> dict:
    return PowerOutput(sel.power_get(user=user, pk=pk), context={"user": user}).data


def _file(stored, filename: str, content_type: str | None = None):
    return FileResponse(stored.open("rb"), as_attachment=True, filename=filename, content_type=content_type)


class PowerListCreateApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class QueryInput(serializers.Serializer):
        client = IdField(required=False, help_text="Only this client's powers.")
        status = serializers.ChoiceField(choices=PowerOfAttorney.Status.choices, required=False)

    class PowerCreateInput(serializers.Serializer):
        client = serializers.IntegerField()
        specialists = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
        matters = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
        scope = serializers.CharField()
        issued_on = serializers.DateField()
        valid_until = serializers.DateField()
        notarised = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="powers_of_attorney_list",
        responses={200: PowerOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        """The powers of attorney the caller may see, newest first."""
        query = self.query(request)
        client = client_get(user=request.user, pk=query["client"]) if query.get("client") else None
        qs = sel.power_list(user=request.user, client=client, status=query.get("status")).prefetch_related("matters")
        return self.paginated(request, qs, PowerOutput, user=request.user)

    @extend_schema(
        operation_id="powers_of_attorney_create",
        request=PowerCreateInput,
        responses={201: PowerOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """The firm drafts a power of attorney; `matters` empty makes it general (all the client's matters)."""
        if not request.user.is_firm:
            raise NotPermitted(_("Powers of attorney are prepared by the firm."))
        data = self.validated(self.PowerCreateInput, request.data)
        client = client_get(user=request.user, pk=data["client"])
        specialists = list(active_lawyers(data["specialists"]))
        if len(specialists) != len(set(data["specialists"])):
            raise ValidationError(fields={"specialists": [_("Only the firm's active lawyers can be named.")]})
        matters = sel.power_matters_named(user=request.user, client=client, pks=data["matters"])
        if len(matters) != len(set(data["matters"])):
            raise ValidationError(fields={"matters": [_("A power of attorney covers only the client's own matters.")]})
        poa = services.poa_draft(
            by=request.user,
            client=client,
            specialists=specialists,
            matters=matters,
            scope=data["scope"],
            issued_on=data["issued_on"],
            valid_until=data["valid_until"],
            notarised=data["notarised"],
        )
        return Response(_power(request.user, poa.pk), status=status.HTTP_201_CREATED)


class PowerDetailApi(PortalAPIView):
    @extend_schema(operation_id="powers_of_attorney_retrieve", responses={200: PowerOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(_power(request.user, pk))


class PowerSendApi(PortalAPIView):
    @extend_schema(
        operation_id="powers_of_attorney_send", request=None, responses={200: PowerOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """The firm sends the draft to the client for signature (the client is notified)."""
        services.poa_send(poa=sel.power_get(user=request.user, pk=pk), by=request.user)
        return Response(_power(request.user, pk))


class PowerSignedApi(PortalAPIView):
    parser_classes = [MultiPartParser, FormParser]

    class PowerScanInput(serializers.Serializer):
        scan = serializers.FileField(help_text="The signed power of attorney: a PDF or an image, at most 25 MB.")

    @extend_schema(
        operation_id="powers_of_attorney_signed",
        request={"multipart/form-data": PowerScanInput},
        responses={200: PowerOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Upload the signed scan (the firm or the client): the power is in force from now."""
        poa = sel.power_get(user=request.user, pk=pk)
        data = self.validated(self.PowerScanInput, request.data)
        services.poa_mark_signed(poa=poa, by=request.user, scan=data["scan"])
        return Response(_power(request.user, pk))


class PowerRevokeApi(PortalAPIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    class PowerRevokeInput(serializers.Serializer):
        reason = serializers.CharField()

    @extend_schema(
        operation_id="powers_of_attorney_revoke",
        request=PowerRevokeInput,
        responses={200: PowerOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """The client revokes (or a lawyer of the firm withdraws) the power, with a reason."""
        poa = sel.power_get(user=request.user, pk=pk)
        data = self.validated(self.PowerRevokeInput, request.data)
        services.poa_revoke(poa=poa, by=request.user, reason=data["reason"])
        return Response(_power(request.user, pk))


class PowerDraftApi(PortalAPIView):
    @extend_schema(
        operation_id="powers_of_attorney_draft",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The draft as a PDF in Russian (rendered once; a download by the firm is access-logged)."""
        poa = sel.power_get(user=request.user, pk=pk)
        stored = services.poa_draft_file(poa=poa, user=request.user, request=request)
        return _file(stored, f"power-of-attorney-{poa.number}.pdf", "application/pdf")


class PowerScanApi(PortalAPIView):
    @extend_schema(
        operation_id="powers_of_attorney_scan",
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description=FILE_AS_STORED), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The signed scan (a download by the firm is access-logged)."""
        poa = sel.power_get(user=request.user, pk=pk)
        stored = services.poa_scan_file(poa=poa, user=request.user, request=request)
        return _file(stored, f"power-of-attorney-{poa.number}-signed{PurePosixPath(stored.name).suffix}")


class PowerValidApi(PortalAPIView):
    class PowerValidOutput(serializers.Serializer):
        valid = serializers.BooleanField()
        power = PowerOutput(allow_null=True)

    class QueryInput(serializers.Serializer):
        specialist = IdField()
        client = IdField()
        matter = IdField(required=False)
        on = serializers.DateField(required=False, help_text="The day (YYYY-MM-DD); today when omitted.")

    @extend_schema(operation_id="powers_of_attorney_valid", responses={200: PowerValidOutput, **ERROR_RESPONSES})
    def get(self, request):
        """Does this specialist hold a valid power of attorney for this client (and matter) on this day?"""
        query = self.query(request)
        on = query.get("on") or timezone.localdate()
        client = client_get(user=request.user, pk=query["client"])
        matter = matter_get(user=request.user, pk=query["matter"]) if query.get("matter") else None
        specialist = user_find(query["specialist"])
        poa = (
            sel.poa_valid_for(specialist=specialist, client=client, matter=matter, on=on)
            if specialist is not None
            else None
        )
        # The answer names the power only if the caller may see it (a client's own users, the firm's people on it).
        power = _power(request.user, poa.pk) if sel.power_visible(user=request.user, poa=poa) else None
        return Response({"valid": poa is not None, "power": power})


urlpatterns = [
    path("powers-of-attorney/", PowerListCreateApi.as_view(), name="power_list"),
    path("powers-of-attorney/valid/", PowerValidApi.as_view(), name="power_valid"),
    path("powers-of-attorney/<int:pk>/", PowerDetailApi.as_view(), name="power_detail"),
    path("powers-of-attorney/<int:pk>/send/", PowerSendApi.as_view(), name="power_send"),
    path("powers-of-attorney/<int:pk>/signed/", PowerSignedApi.as_view(), name="power_signed"),
    path("powers-of-attorney/<int:pk>/revoke/", PowerRevokeApi.as_view(), name="power_revoke"),
    path("powers-of-attorney/<int:pk>/draft.pdf", PowerDraftApi.as_view(), name="power_draft"),
    path("powers-of-attorney/<int:pk>/scan/", PowerScanApi.as_view(), name="power_scan"),
]
