"""REST API for results of work and their delivery (rules 1 and 2): one view per operation.

Reads go through matters.selectors.deliverables (scoped by matters.access.visible_deliverables: a
client never sees a draft); writes through matters.services.deliverables and .deliveries. Errors take the one shape.
"""

from django.http import FileResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, FILE_AS_STORED, NewestFirstPagination, PortalAPIView
from core.api_refs import PersonSerializer
from core.errors import NotFound
from core.selectors import get_visible

from ..access import visible_tasks
from ..models import Deliverable, Delivery
from ..selectors import deliverables as sel
from ..selectors import matter_get
from ..services import deliverables as services
from ..services import deliveries as delivery_services


class DeliverableFileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, stored) -> str:
        return reverse("api:deliverable_file", kwargs={"pk": stored.deliverable_id, "file_id": stored.pk})


class DeliveryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    deliverable = serializers.IntegerField(source="deliverable_id")
    channel = serializers.ChoiceField(choices=Delivery.Channel.choices)
    recipient = serializers.CharField()
    tracking_number = serializers.CharField()
    sent_by = PersonSerializer()
    sent_at = serializers.DateTimeField()
    email_sent_at = serializers.SerializerMethodField(
        help_text=_("When the mail server took the e-mail (e-mail only).")
    )
    delivered_at = serializers.DateTimeField(allow_null=True)
    confirm_by = serializers.DateTimeField(allow_null=True)
    confirmed_by = PersonSerializer(allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_email_sent_at(self, delivery):
        notice = delivery.notice if delivery.notice_id else None
        return serializers.DateTimeField().to_representation(notice.sent_at) if notice and notice.sent_at else None

    def get_overdue(self, delivery) -> bool:
        return sel.is_overdue(delivery)


class TaskRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()


class DeliverableOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    task = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=Deliverable.Kind.choices)
    title = serializers.CharField()
    summary = serializers.CharField()
    status = serializers.ChoiceField(choices=Deliverable.Status.choices)
    prepared_by = PersonSerializer()
    created_at = serializers.DateTimeField()
    released_by = PersonSerializer(allow_null=True)
    released_at = serializers.DateTimeField(allow_null=True)
    files = DeliverableFileOutput(many=True)
    deliveries = DeliveryOutput(many=True)

    @extend_schema_field(TaskRefSerializer(allow_null=True))
    def get_task(self, deliverable):
        return TaskRefSerializer(deliverable.task).data if deliverable.task_id else None


class MatterDeliverableListCreateApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class QueryInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=Deliverable.Status.choices, required=False)

    class DeliverableCreateInput(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Deliverable.Kind.choices)
        title = serializers.CharField(max_length=300)
        summary = serializers.CharField()
        task = serializers.IntegerField(required=False, allow_null=True, help_text=_("The accepted task it answers."))
        files = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @extend_schema(
        operation_id="matter_deliverables_list", responses={200: DeliverableOutput(many=True), **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """The matter's results of work, newest first (a client sees released ones only)."""
        query = self.query(request)
        matter = matter_get(user=request.user, pk=pk, action="read")
        qs = sel.deliverable_list(user=request.user, matter=matter, status=query.get("status"))
        return self.paginated(request, qs, DeliverableOutput)

    @extend_schema(
        operation_id="matter_deliverables_create",
        request={"multipart/form-data": DeliverableCreateInput},
        responses={201: DeliverableOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Prepare a draft result (a lawyer on the matter or a partner); the client sees it only once released."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        data = self.validated(self.DeliverableCreateInput, request.data)
        if "files" in request.FILES:
            data["files"] = request.FILES.getlist("files")
        task = None
        if data.get("task"):
            task = get_visible(visible_tasks(request.user), pk=data["task"])
        deliverable = services.deliverable_prepare(
            matter=matter,
            by=request.user,
            task=task,
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            files=data["files"],
        )
        deliverable = sel.deliverable_get(user=request.user, pk=deliverable.pk)
        return Response(DeliverableOutput(deliverable).data, status=status.HTTP_201_CREATED)


class DeliverableDetailApi(PortalAPIView):
    @extend_schema(operation_id="deliverables_retrieve", responses={200: DeliverableOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(DeliverableOutput(sel.deliverable_get(user=request.user, pk=pk)).data)


class DeliverableReleaseApi(PortalAPIView):
    class DeliverableReleaseInput(serializers.Serializer):
        channel = serializers.ChoiceField(
            choices=Delivery.Channel.choices,
            required=False,
            allow_blank=True,
            help_text=_("Optional: record how it goes out in the same step."),
        )
        recipient = serializers.CharField(required=False, allow_blank=True, max_length=300)
        tracking_number = serializers.CharField(required=False, allow_blank=True, max_length=64)

    @extend_schema(
        operation_id="deliverables_release",
        request=DeliverableReleaseInput,
        responses={200: DeliverableOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Release a draft to the client (the matter's lead or a partner); it answers its task, if any."""
        data = self.validated(self.DeliverableReleaseInput, request.data)
        deliverable = sel.deliverable_get(user=request.user, pk=pk)
        services.deliverable_release(
            deliverable=deliverable,
            by=request.user,
            channel=data.get("channel") or None,
            recipient=data.get("recipient", ""),
            tracking_number=data.get("tracking_number", ""),
        )
        return Response(DeliverableOutput(sel.deliverable_get(user=request.user, pk=pk)).data)


class DeliveryCreateApi(PortalAPIView):
    class DeliveryCreateInput(serializers.Serializer):
        channel = serializers.ChoiceField(choices=Delivery.Channel.choices)
        recipient = serializers.CharField(
            required=False, allow_blank=True, max_length=300, help_text=_("E-mail address, postal address, fax number.")
        )
        tracking_number = serializers.CharField(
            required=False, allow_blank=True, max_length=64, help_text=_("Required for a courier or post.")
        )

    @extend_schema(
        operation_id="deliverables_deliver",
        request=DeliveryCreateInput,
        responses={201: DeliveryOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Record how a released result went out; by e-mail, the files are attached and sent through the outbox."""
        data = self.validated(self.DeliveryCreateInput, request.data)
        deliverable = sel.deliverable_get(user=request.user, pk=pk)
        delivery = delivery_services.delivery_record(
            deliverable=deliverable,
            by=request.user,
            channel=data["channel"],
            recipient=data.get("recipient", ""),
            tracking_number=data.get("tracking_number", ""),
        )
        return Response(
            DeliveryOutput(sel.delivery_detail_get(user=request.user, pk=delivery.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class DeliveryDeliveredApi(PortalAPIView):
    class DeliveryDeliveredInput(serializers.Serializer):
        at = serializers.DateTimeField(required=False, allow_null=True, help_text=_("Now when not given."))

    @extend_schema(
        operation_id="deliveries_delivered",
        request=DeliveryDeliveredInput,
        responses={200: DeliveryOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Record when a courier, postal or fax dispatch reached the client (the firm)."""
        data = self.validated(self.DeliveryDeliveredInput, request.data)
        delivery = sel.delivery_get(user=request.user, pk=pk)
        delivery_services.delivery_mark_delivered(
            delivery=delivery, by=request.user, at=data.get("at") or timezone.now()
        )
        return Response(DeliveryOutput(sel.delivery_detail_get(user=request.user, pk=pk)).data)


class DeliveryConfirmApi(PortalAPIView):
    @extend_schema(operation_id="deliveries_confirm", request=None, responses={200: DeliveryOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        """The client confirms receipt (a client user; once)."""
        delivery = sel.delivery_get(user=request.user, pk=pk)
        delivery_services.delivery_confirm(delivery=delivery, by=request.user)
        return Response(DeliveryOutput(sel.delivery_detail_get(user=request.user, pk=pk)).data)


class DeliverableFileApi(PortalAPIView):
    @extend_schema(
        operation_id="deliverables_file",
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description=FILE_AS_STORED), **ERROR_RESPONSES},
    )
    def get(self, request, pk, file_id):
        """Download a file of a result (the firm's downloads are written to the access log)."""
        stored = sel.deliverable_file_get(user=request.user, deliverable_pk=pk, pk=file_id)
        try:
            handle = stored.file.open("rb")
        except FileNotFoundError:
            raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
        services.deliverable_file_opened(user=request.user, request=request, stored=stored)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=stored.original_name,
            content_type=stored.content_type or "application/octet-stream",
        )


urlpatterns = [
    path("matters/<int:pk>/deliverables/", MatterDeliverableListCreateApi.as_view(), name="matter_deliverables"),
    path("deliverables/<int:pk>/", DeliverableDetailApi.as_view(), name="deliverable_detail"),
    path("deliverables/<int:pk>/release/", DeliverableReleaseApi.as_view(), name="deliverable_release"),
    path("deliverables/<int:pk>/deliveries/", DeliveryCreateApi.as_view(), name="deliverable_deliveries"),
    path("deliverables/<int:pk>/files/<int:file_id>/", DeliverableFileApi.as_view(), name="deliverable_file"),
    path("deliveries/<int:pk>/delivered/", DeliveryDeliveredApi.as_view(), name="delivery_delivered"),
    path("deliveries/<int:pk>/confirm/", DeliveryConfirmApi.as_view(), name="delivery_confirm"),
]
