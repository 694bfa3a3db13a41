"""REST API of the matter's message thread (rule 9): read, write (with files), correct, mark read.

There is no DELETE anywhere: a message is never removed, and a correction keeps the earlier text.
"""

from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView

from ..models import Message
from ..selectors import matter_get
from ..selectors import messages as sel
from ..services import messages as services


class MessageAuthorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class MessageAttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        return reverse("matters:message_attachment", kwargs={"message_pk": attachment.message_id, "pk": attachment.pk})


class MessageRevisionOutput(serializers.Serializer):
    body = serializers.CharField(help_text="The text the message had until `replaced_at`.")
    replaced_at = serializers.DateTimeField()


class MessageReceiptOutput(serializers.Serializer):
    user = MessageAuthorOutput()
    read_at = serializers.DateTimeField(allow_null=True, help_text="When the recipient read it; null while unread.")


class MessageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    side = serializers.ChoiceField(choices=Message.Side.choices)
    author = MessageAuthorOutput()
    body = serializers.CharField()
    material = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    editable_until = serializers.SerializerMethodField(help_text="Until when the author may correct the text.")
    attachments = MessageAttachmentOutput(many=True)
    revisions = MessageRevisionOutput(many=True, help_text="Earlier texts, oldest first: nothing is changed silently.")
    receipts = MessageReceiptOutput(many=True, help_text="Each recipient on the other side and when they read it.")

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_editable_until(self, message) -> str:
        return serializers.DateTimeField().to_representation(services.message_editable_until(message))


class MatterMessagesApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class MessagePostInput(serializers.Serializer):
        body = serializers.CharField(help_text="The text (20,000 characters at most).")
        material = serializers.BooleanField(
            required=False, default=False, help_text="Material information: the other side is notified at once."
        )
        files = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @extend_schema(operation_id="matter_messages_list", responses={200: MessageOutput(many=True), **ERROR_RESPONSES})
    def get(self, request, pk):
        """The matter's thread, newest first (cursor pages), with attachments, earlier texts and read receipts.

        Reading the list marks nothing read; use POST /api/messages/{id}/read/.
        """
        matter = matter_get(user=request.user, pk=pk, action="read")
        return self.paginated(request, sel.message_list(user=request.user, matter=matter), MessageOutput)

    @extend_schema(
        operation_id="matter_messages_create",
        request={"multipart/form-data": MessagePostInput, "application/json": MessagePostInput},
        responses={201: MessageOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Write on the thread; `material` notifies every recipient on the other side at once."""
        data = self.validated(self.MessagePostInput, request.data)
        if "files" in request.FILES:
            data["files"] = request.FILES.getlist("files")
        matter = matter_get(user=request.user, pk=pk, action="read")
        message = services.message_post(
            matter=matter, by=request.user, body=data["body"], material=data["material"], files=data["files"]
        )
        return Response(
            MessageOutput(sel.message_get(user=request.user, pk=message.pk)).data, status=status.HTTP_201_CREATED
        )


class MessageDetailApi(PortalAPIView):
    class MessageEditInput(serializers.Serializer):
        body = serializers.CharField()

    @extend_schema(operation_id="messages_retrieve", responses={200: MessageOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One message with its earlier texts and its read receipts."""
        return Response(MessageOutput(sel.message_get(user=request.user, pk=pk)).data)

    @extend_schema(
        operation_id="messages_correct",
        request=MessageEditInput,
        responses={200: MessageOutput, **ERROR_RESPONSES},
    )
    def patch(self, request, pk):
        """The author corrects the text within the edit window (409 after it); the earlier text is kept."""
        data = self.validated(self.MessageEditInput, request.data)
        message = sel.message_get(user=request.user, pk=pk)
        services.message_edit(message=message, by=request.user, body=data["body"])
        return Response(MessageOutput(sel.message_get(user=request.user, pk=pk)).data)


class MessageReadApi(PortalAPIView):
    @extend_schema(operation_id="messages_read", request=None, responses={200: MessageOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        """Mark the message read by the caller. Only the caller's own receipt changes; harmless when repeated."""
        message = sel.message_get(user=request.user, pk=pk)
        services.message_mark_read(user=request.user, message=message)
        return Response(MessageOutput(sel.message_get(user=request.user, pk=pk)).data)


urlpatterns = [
    path("matters/<int:pk>/messages/", MatterMessagesApi.as_view(), name="matter_messages"),
    path("messages/<int:pk>/", MessageDetailApi.as_view(), name="message_detail"),
    path("messages/<int:pk>/read/", MessageReadApi.as_view(), name="message_read"),
]
