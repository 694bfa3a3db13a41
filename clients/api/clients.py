"""REST API of the clients' records: the list the caller may see and one client. Reads go through
clients.selectors (which start from clients.access)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView

from .. import selectors
from ..models import Client

PRIVATE_REQUISITES = ("birth_date", "passport", "bank_name", "bik", "account", "corr_account")


class ClientOutput(serializers.Serializer):
    """A client's record. The front desk (secretaries) gets it without the private requisites (date of
    birth, passport, bank details): selectors mark such rows `documents_visible=False` and defer them."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Client.Kind.choices)
    status = serializers.ChoiceField(choices=Client.Status.values)
    name = serializers.CharField()
    short_name = serializers.CharField()
    legal_form = serializers.CharField()
    inn = serializers.CharField()
    kpp = serializers.CharField()
    ogrn = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True, required=False, help_text="Absent for the front desk.")
    passport = serializers.CharField(required=False, help_text="Absent for the front desk.")
    signatory = serializers.CharField()
    address = serializers.CharField()
    postal_address = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    bank_name = serializers.CharField(required=False, help_text="Absent for the front desk.")
    bik = serializers.CharField(required=False, help_text="Absent for the front desk.")
    account = serializers.CharField(required=False, help_text="Absent for the front desk.")
    corr_account = serializers.CharField(required=False, help_text="Absent for the front desk.")
    language = serializers.CharField()
    created_at = serializers.DateTimeField()

    def to_representation(self, instance):
        if not getattr(instance, "documents_visible", True):
            fields = self.fields
            for name in PRIVATE_REQUISITES:
                fields.pop(name, None)
        return super().to_representation(instance)


class ClientListApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class QueryInput(serializers.Serializer):
        q = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=200,
            help_text="Part of the name, or the start of the INN/OGRN.",
        )

    @extend_schema(operation_id="clients_list", responses={200: ClientOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The clients the caller may see, newest first (a client user: its own record)."""
        qs = selectors.client_list(user=request.user, query=self.query(request).get("q", "")).order_by()
        return self.paginated(request, qs, ClientOutput)


class ClientDetailApi(PortalAPIView):
    @extend_schema(operation_id="clients_retrieve", responses={200: ClientOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(ClientOutput(selectors.client_get(user=request.user, pk=pk)).data)


urlpatterns = [
    path("clients/", ClientListApi.as_view(), name="client_list"),
    path("clients/<int:pk>/", ClientDetailApi.as_view(), name="client_detail"),
]
