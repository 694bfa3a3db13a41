"""REST API of the inbox: the caller's own notices, read marks, and which kinds also come by e-mail.

Another user's notice is not found (404), as on the pages.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView

from . import selectors, services
from .models import Notice


class NoticeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    subject = serializers.CharField()
    text = serializers.CharField(source="body_text")
    link = serializers.CharField(help_text="The portal path of the thing the notice is about; empty if none.")
    at = serializers.DateTimeField(source="due_at", help_text="When the notice fell due.")
    read_at = serializers.DateTimeField(allow_null=True)
    by_email = serializers.SerializerMethodField(help_text="Whether it also went (or goes) by e-mail.")

    def get_by_email(self, notice: Notice) -> bool:
        return notice.status != Notice.Status.IN_PORTAL


class InboxListApi(PortalAPIView):
    class Pagination(NewestFirstPagination):
        ordering = ("-due_at", "-id")

    pagination_class = Pagination

    class QueryInput(serializers.Serializer):
        unread = serializers.BooleanField(
            required=False, allow_null=True, default=None, help_text="Only unread (true) or only read (false)."
        )

    @extend_schema(operation_id="inbox_list", responses={200: NoticeOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The caller's notices that have fallen due, newest first."""
        query = self.query(request)
        return self.paginated(
            request, selectors.inbox_list(user=request.user, unread=query.get("unread")), NoticeOutput
        )


class InboxReadApi(PortalAPIView):
    @extend_schema(operation_id="inbox_read", request=None, responses={200: NoticeOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        """Mark one of the caller's notices read (again: no change)."""
        return Response(NoticeOutput(services.notice_read(user=request.user, notice_id=pk)).data)


class ReadAllOutput(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notices were unread.")


class InboxReadAllApi(PortalAPIView):
    @extend_schema(operation_id="inbox_read_all", request=None, responses={200: ReadAllOutput, **ERROR_RESPONSES})
    def post(self, request):
        """Mark every unread notice of the caller read."""
        return Response({"marked": services.notices_read_all(user=request.user)})


class PreferenceOutput(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    email = serializers.BooleanField(help_text="Also by e-mail.")
    mandatory = serializers.BooleanField(help_text="The firm sends it by e-mail whatever the choice.")


class PreferencesInput(serializers.Serializer):
    email = serializers.DictField(
        child=serializers.BooleanField(), help_text='Kind → also by e-mail, e.g. {"task_answered": false}.'
    )


class InboxPreferencesApi(PortalAPIView):
    @extend_schema(operation_id="inbox_preferences", responses={200: PreferenceOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """Every kind of notice, whether it also comes to the caller by e-mail, and whether that is mandatory."""
        return Response(PreferenceOutput(selectors.preferences(user=request.user), many=True).data)

    @extend_schema(
        operation_id="inbox_preferences_update",
        request=PreferencesInput,
        responses={200: PreferenceOutput(many=True), **ERROR_RESPONSES},
    )
    def put(self, request):
        """Choose which kinds also come by e-mail (kinds left out keep their choice; a mandatory kind cannot be
        turned off)."""
        data = self.validated(PreferencesInput, request.data)
        services.notice_preferences_set(user=request.user, email=data["email"])
        return Response(PreferenceOutput(selectors.preferences(user=request.user), many=True).data)


urlpatterns = [
    path("inbox/", InboxListApi.as_view(), name="inbox_list"),
    path("inbox/read-all/", InboxReadAllApi.as_view(), name="inbox_read_all"),
    path("inbox/preferences/", InboxPreferencesApi.as_view(), name="inbox_preferences"),
    path("inbox/<int:pk>/read/", InboxReadApi.as_view(), name="inbox_read"),
]
