"""REST API of the access log (read-only; there is no endpoint that writes or changes an entry).

Client users read their own client's entries; partners read the whole firm's, with filters.
Other staff are refused with 403 `not_permitted`: they have no log to read, and an empty list
would wrongly suggest that nobody looked.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.errors import NotFound

from . import selectors
from .models import AccessLogEntry


class AccessLogPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")
    role = serializers.CharField()


class AccessLogClientSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AccessLogMatterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()


@extend_schema_field({"type": "string", "enum": AccessLogEntry.Kind.values})
class AccessLogKindField(serializers.ChoiceField):
    """Inline in the schema: other components also have a `kind` (of a client, of a party)."""

    def __init__(self, **kwargs):
        super().__init__(choices=AccessLogEntry.Kind.choices, **kwargs)


class AccessLogEntryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    user = AccessLogPersonSerializer()
    action = serializers.ChoiceField(choices=AccessLogEntry.Action.choices)
    kind = AccessLogKindField()
    description = serializers.CharField(source="text", help_text="What was opened, in the caller's language.")
    client = AccessLogClientSerializer()
    matter = AccessLogMatterSerializer(allow_null=True)
    object_id = serializers.IntegerField(allow_null=True)
    ip_address = serializers.IPAddressField(allow_null=True)


class AccessLogListApi(PortalAPIView):
    class Pagination(NewestFirstPagination):
        ordering = ("-at", "-id")

    pagination_class = Pagination

    class QueryInput(serializers.Serializer):
        client = IdField(required=False, help_text="Partners: only this client's entries.")
        user = IdField(required=False, help_text="Partners: only this person's looks.")
        kind = AccessLogKindField(required=False)

    @extend_schema(operation_id="access_log_list", responses={200: AccessLogEntryOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """Who at the firm viewed or downloaded a client's confidential data: who, what, when, from where.

        A client user gets its own client's entries; a partner the whole firm's; anyone else 403.
        """
        query = self.query(request)
        qs = selectors.access_log_list(
            user=request.user, client_id=query.get("client"), actor_id=query.get("user"), kind=query.get("kind")
        )
        return self.paginated(request, qs, AccessLogEntryOutput)


class AccessLogDetailApi(PortalAPIView):
    @extend_schema(operation_id="access_log_retrieve", responses={200: AccessLogEntryOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One entry of the log, among those the caller may read (a client user: its own client's; 403 for staff
        other than partners, as the list)."""
        entry = selectors.access_log_list(user=request.user).filter(pk=pk).first()
        if entry is None:
            raise NotFound()
        return Response(AccessLogEntryOutput(entry).data)


urlpatterns = [
    path("access-log/", AccessLogListApi.as_view(), name="access_log"),
    path("access-log/<int:pk>/", AccessLogDetailApi.as_view(), name="access_log_detail"),
]
