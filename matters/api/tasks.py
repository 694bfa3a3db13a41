"""REST API for matters and tasks: one view per operation, nested Input/Output serializers.

Every view reads through matters.selectors (which start from matters.access) and writes through
matters.services; errors take the project's one shape (core.api.exception_handler).
"""

from django.http import FileResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from clients.selectors import client_get
from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.api_output import FastOutput, datetime_writer
from core.api_refs import ClientRefSerializer, MatterRefSerializer, PersonSerializer
from core.errors import ValidationError

from .. import selectors, services
from ..models import Matter, Task
from ..services.receipts import task_receipt_open
from ..services.tasks import task_follow_up


class MatterOutput(FastOutput):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Matter.Status.choices)
    client = ClientRefSerializer()
    lead = serializers.SerializerMethodField()
    opened_at = serializers.DateTimeField()

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_lead(self, matter) -> dict | None:
        leads = getattr(matter, "leads", [])
        return PersonSerializer(leads[0].user).data if leads else None


class AttachmentOutput(FastOutput):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    size = serializers.IntegerField()
    with_answer = serializers.BooleanField(help_text="Sent by the firm with its answer.")
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        return self.route_url("matters:task_attachment", task_pk=attachment.task_id, pk=attachment.pk)


class TaskOutput(FastOutput):
    id = serializers.IntegerField()
    number = serializers.CharField()
    client = ClientRefSerializer()
    matter = MatterRefSerializer(allow_null=True)
    subject = serializers.CharField()
    text = serializers.CharField()
    channel = serializers.ChoiceField(choices=Task.Channel.choices)
    status = serializers.ChoiceField(choices=Task.Status.choices)
    requested_by_name = serializers.CharField()
    registered_by = PersonSerializer()
    created_at = serializers.DateTimeField()
    accepted_by = PersonSerializer(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    declined_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    attachments = AttachmentOutput(many=True)
    follow_up_of = serializers.IntegerField(
        source="follow_up_of_id", allow_null=True, help_text="The answered task this one replies to."
    )
    receipt_url = serializers.SerializerMethodField()

    def get_receipt_url(self, task) -> str:
        return self.route_url("api:task_receipt", pk=task.pk)

    @classmethod
    def of_values(cls, rows: list[dict]) -> list[dict]:
        """What `TaskOutput(tasks, many=True).data` writes, from a page of selectors.task_api_values rows.

        The list's page without a task, a client, a matter and two users built per row and without DRF's
        per-field path (profile of the API task list at full size: ~250 model instances and their
        serialisation were two thirds of the view's CPU). A single task (GET, the POSTs) still goes
        through the fields above; tests/matters/test_task_api.py holds each list row equal to it.
        """
        task_output, attachment_output = cls(), AttachmentOutput()
        receipt_url, attachment_url = task_output.route_url, attachment_output.route_url
        declared = cls._declared_fields
        created, accepted, declined, answered = (
            datetime_writer(declared[name]) for name in ("created_at", "accepted_at", "declined_at", "answered_at")
        )
        attachments = selectors.attachment_values([row["id"] for row in rows])
        results = []
        for row in rows:
            pk = row["id"]
            matter_id, accepted_by_id = row["matter_id"], row["accepted_by_id"]
            results.append(
                {
                    "id": pk,
                    "number": row["number"],
                    "client": {"id": row["client_id"], "name": row["client__name"]},
                    "matter": None
                    if matter_id is None
                    else {"id": matter_id, "number": row["matter__number"], "title": row["matter__title"]},
                    "subject": row["subject"],
                    "text": row["text"],
                    "channel": row["channel"],
                    "status": row["status"],
                    "requested_by_name": row["requested_by_name"],
                    "registered_by": {"id": row["registered_by_id"], "name": row["registered_by__full_name"]},
                    "created_at": created(row["created_at"]),
                    "accepted_by": None
                    if accepted_by_id is None
                    else {"id": accepted_by_id, "name": row["accepted_by__full_name"]},
                    "accepted_at": accepted(row["accepted_at"]),
                    "declined_at": declined(row["declined_at"]),
                    "decline_reason": row["decline_reason"],
                    "answer": row["answer"],
                    "answered_at": answered(row["answered_at"]),
                    "attachments": [
                        {
                            "id": attachment["id"],
                            "name": attachment["original_name"],
                            "size": attachment["size"],
                            "with_answer": bool(attachment["with_answer"]),
                            "url": attachment_url("matters:task_attachment", task_pk=pk, pk=attachment["id"]),
                        }
                        for attachment in attachments.get(pk, ())
                    ],
                    "follow_up_of": row["follow_up_of_id"],
                    "receipt_url": receipt_url("api:task_receipt", pk=pk),
                }
            )
        return results


class MatterListApi(PortalAPIView):
    class Pagination(NewestFirstPagination):
        ordering = ("-opened_at", "-id")

    pagination_class = Pagination

    class QueryInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=Matter.Status.choices, required=False)

    @extend_schema(operation_id="matters_list", responses={200: MatterOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The matters the caller may see, newest first."""
        query = self.query(request)
        return self.paginated(
            request, selectors.matter_list(user=request.user, status=query.get("status")), MatterOutput
        )


class TaskListCreateApi(PortalAPIView):
    pagination_class = NewestFirstPagination

    class QueryInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=Task.Status.choices, required=False)
        channel = serializers.ChoiceField(choices=Task.Channel.choices, required=False)
        matter = IdField(required=False, help_text="Only this matter's tasks.")

    class TaskCreateInput(serializers.Serializer):
        subject = serializers.CharField(max_length=300)
        text = serializers.CharField()
        matter = serializers.IntegerField(required=False, allow_null=True)
        files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
        # Only when the firm registers a task received outside the portal:
        client = serializers.IntegerField(required=False, help_text=_("Firm only: the client who gave the task."))
        channel = serializers.ChoiceField(
            choices=[c for c in Task.Channel.choices if c[0] != Task.Channel.PORTAL],
            required=False,
            help_text=_("Firm only: how the task came (e-mail, letter, phone)."),
        )
        requested_by_name = serializers.CharField(required=False, max_length=255)
        received_at = serializers.DateTimeField(required=False, allow_null=True)

    @extend_schema(operation_id="tasks_list", responses={200: TaskOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The tasks the caller may see, newest first."""
        query = self.query(request)
        matter = selectors.matter_get(user=request.user, pk=query["matter"]) if query.get("matter") else None
        tasks = selectors.task_list(
            user=request.user, status=query.get("status"), channel=query.get("channel"), matter=matter
        )
        return self.paginated(request, selectors.task_api_values(tasks), TaskOutput.of_values)

    @extend_schema(
        operation_id="tasks_create",
        request={"multipart/form-data": TaskCreateInput, "application/json": TaskCreateInput},
        responses={201: TaskOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """Submit a task (a client user), or register one received by e-mail, letter or phone (the firm)."""
        data = self.validated(self.TaskCreateInput, request.data)
        if "files" in request.FILES:
            data["files"] = request.FILES.getlist("files")
        matter = selectors.matter_get(user=request.user, pk=data["matter"]) if data.get("matter") else None
        if request.user.is_client_user:
            task = services.task_submit(
                client_user=request.user,
                matter=matter,
                subject=data["subject"],
                text=data["text"],
                files=data["files"],
            )
        else:
            if not data.get("client"):
                raise ValidationError(fields={"client": [_("Name the client who gave the task.")]})
            task = services.task_register(
                by=request.user,
                client=client_get(user=request.user, pk=data["client"]),
                matter=matter,
                channel=data.get("channel", ""),
                subject=data["subject"],
                text=data["text"],
                requested_by_name=data.get("requested_by_name", ""),
                received_at=data.get("received_at"),
                files=data["files"],
            )
        task = selectors.task_get(user=request.user, pk=task.pk)
        return Response(TaskOutput(task).data, status=status.HTTP_201_CREATED)


class TaskDetailApi(PortalAPIView):
    @extend_schema(operation_id="tasks_retrieve", responses={200: TaskOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        return Response(TaskOutput(selectors.task_get(user=request.user, pk=pk)).data)


class TaskAcceptApi(PortalAPIView):
    @extend_schema(operation_id="tasks_accept", request=None, responses={200: TaskOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        """Accept a submitted task. A task received by phone: only the matter's lead or a partner."""
        task = services.task_accept(task=selectors.task_get(user=request.user, pk=pk), by=request.user)
        return Response(TaskOutput(selectors.task_get(user=request.user, pk=task.pk)).data)


class TaskDeclineApi(PortalAPIView):
    class TaskDeclineInput(serializers.Serializer):
        reason = serializers.CharField()

    @extend_schema(
        operation_id="tasks_decline", request=TaskDeclineInput, responses={200: TaskOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Decline a submitted task, telling the client why."""
        data = self.validated(self.TaskDeclineInput, request.data)
        task = selectors.task_get(user=request.user, pk=pk)
        services.task_decline(task=task, by=request.user, reason=data["reason"])
        return Response(TaskOutput(selectors.task_get(user=request.user, pk=pk)).data)


class TaskAnswerApi(PortalAPIView):
    class TaskAnswerInput(serializers.Serializer):
        answer = serializers.CharField()
        files = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @extend_schema(
        operation_id="tasks_answer",
        request={"multipart/form-data": TaskAnswerInput, "application/json": TaskAnswerInput},
        responses={200: TaskOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Answer an accepted task in writing, with files if any (multipart, `files` repeated)."""
        data = self.validated(self.TaskAnswerInput, request.data)
        files = request.FILES.getlist("files") if "files" in request.FILES else data["files"]
        task = selectors.task_get(user=request.user, pk=pk)
        services.task_answer(task=task, by=request.user, answer=data["answer"], files=files)
        return Response(TaskOutput(selectors.task_get(user=request.user, pk=pk)).data)


class TaskFollowUpApi(PortalAPIView):
    class TaskFollowUpInput(serializers.Serializer):
        text = serializers.CharField()
        subject = serializers.CharField(required=False, allow_blank=True, default="")
        files = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @extend_schema(
        operation_id="tasks_follow_up",
        request={"multipart/form-data": TaskFollowUpInput, "application/json": TaskFollowUpInput},
        responses={201: TaskOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Reply to the firm's answer (a client user): a new task linked to the answered one."""
        data = self.validated(self.TaskFollowUpInput, request.data)
        files = request.FILES.getlist("files") if "files" in request.FILES else data["files"]
        task = selectors.task_get(user=request.user, pk=pk)
        follow_up = task_follow_up(
            client_user=request.user, task=task, text=data["text"], subject=data["subject"], files=files
        )
        return Response(
            TaskOutput(selectors.task_get(user=request.user, pk=follow_up.pk)).data, status=status.HTTP_201_CREATED
        )


class TaskReceiptApi(PortalAPIView):
    @extend_schema(
        operation_id="tasks_receipt",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The task's receipt as a PDF, in the caller's language."""
        task = selectors.task_get(user=request.user, pk=pk)
        receipt = task_receipt_open(task=task, user=request.user, request=request, language=get_language())
        return FileResponse(
            receipt.file.open("rb"),
            as_attachment=True,
            filename=f"receipt-{task.number}.pdf",
            content_type="application/pdf",
        )
