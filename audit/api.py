"""REST API of the access log (read-only; there is no endpoint that writes or changes an entry).

Client users read their own client's entries; partners read the whole firm's, with filters.
Other staff are refused with 403 `not_permitted`: they have no log to read, and an empty list
would wrongly suggest that nobody looked.
"""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.pagination import CursorPagination

from core.api import ERROR_RESPONSES, PortalAPIView

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
    description = serializers.CharField()
    client = AccessLogClientSerializer()
    matter = AccessLogMatterSerializer(allow_null=True)
    object_id = serializers.IntegerField(allow_null=True)
    ip_address = serializers.IPAddressField(allow_null=True)


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


class AccessLogListApi(PortalAPIView):
    class Pagination(CursorPagination):
        page_size = 50
        max_page_size = 200
        page_size_query_param = "page_size"
        ordering = ("-at", "-id")

    @extend_schema(
        operation_id="access_log_list",
        parameters=[
            OpenApiParameter("client", int, description="Partners: only this client's entries."),
            OpenApiParameter("user", int, description="Partners: only this person's looks."),
            OpenApiParameter("kind", enum=AccessLogEntry.Kind.values),
        ],
        responses={200: AccessLogEntryOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        """Who at the firm viewed or downloaded a client's confidential data: who, what, when, from where.

        A client user gets its own client's entries; a partner the whole firm's; anyone else 403.
        """
        params = request.query_params
        qs = selectors.access_log_list(
            user=request.user,
            client_id=_int(params.get("client")),
            actor_id=_int(params.get("user")),
            kind=params.get("kind"),
        )
        paginator = self.Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(AccessLogEntryOutput(page, many=True).data)


urlpatterns = [
    path("access-log/", AccessLogListApi.as_view(), name="access_log"),
]
