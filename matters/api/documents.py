"""REST API for the documents register (rule 6): the client's papers the firm holds and their return."""

from django.http import FileResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, FILE_AS_STORED, NewestFirstPagination, PortalAPIView
from core.api_refs import PersonSerializer
from core.errors import NotFound

from ..models import DocumentSubmission, HeldDocument
from ..selectors import documents as sel
from ..selectors import matter_get
from ..services import documents as services


class HeldDocumentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    matter = serializers.IntegerField(source="matter_id", allow_null=True)
    title = serializers.CharField()
    form = serializers.ChoiceField(choices=HeldDocument.Form.choices)
    pages = serializers.IntegerField(allow_null=True)
    received_at = serializers.DateTimeField()
    received_from = serializers.CharField()
    location = serializers.CharField()
    recorded_by = PersonSerializer()
    held = serializers.BooleanField(source="is_held")
    returned_at = serializers.DateTimeField(allow_null=True)
    returned_to = serializers.CharField()
    returned_by = PersonSerializer(allow_null=True)


class MissingDocumentsOutput(serializers.Serializer):
    matter = serializers.IntegerField(source="matter_id")
    matter_number = serializers.CharField(source="matter__number")
    matter_title = serializers.CharField(source="matter__title")
    missing_documents = serializers.CharField(help_text=_("From the matter's disclosure: what and where to get it."))


class DocumentsPagination(NewestFirstPagination):
    ordering = ("-received_at", "-id")


class HeldQueryInput(serializers.Serializer):
    held = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="true: still held by the firm; false: returned."
    )


class ClientDocumentListCreateApi(PortalAPIView):
    pagination_class = DocumentsPagination
    QueryInput = HeldQueryInput

    class HeldDocumentCreateInput(serializers.Serializer):
        title = serializers.CharField(max_length=300)
        form = serializers.ChoiceField(choices=HeldDocument.Form.choices, default=HeldDocument.Form.ORIGINAL)
        pages = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        received_at = serializers.DateTimeField(required=False, allow_null=True)
        received_from = serializers.CharField(max_length=300)
        location = serializers.CharField(max_length=300)
        matter = serializers.IntegerField(required=False, allow_null=True)

    @extend_schema(
        operation_id="client_documents_list", responses={200: HeldDocumentOutput(many=True), **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """The client's documents held by the firm, newest first (its own users, the firm on its matters)."""
        query = self.query(request)
        client = sel.register_client_get(user=request.user, pk=pk)
        sel.register_viewed(user=request.user, client=client, request=request)
        qs = sel.held_documents(user=request.user, client=client, held=query["held"])
        return self.paginated(request, qs, HeldDocumentOutput)

    @extend_schema(
        operation_id="client_documents_create",
        request=HeldDocumentCreateInput,
        responses={201: HeldDocumentOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Enter a document received from the client in the register (the firm)."""
        client = sel.register_client_get(user=request.user, pk=pk)
        data = self.validated(self.HeldDocumentCreateInput, request.data)
        matter = None
        if data.get("matter"):
            matter = matter_get(user=request.user, pk=data["matter"], action="read")
        data["matter"] = matter
        document = services.held_document_record(by=request.user, client=client, **data)
        return Response(
            HeldDocumentOutput(sel.held_document_detail_get(user=request.user, pk=document.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ClientMissingDocumentsApi(PortalAPIView):
    @extend_schema(
        operation_id="client_documents_missing", responses={200: MissingDocumentsOutput(many=True), **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """The documents the client's disclosure questionnaires say are still missing, per matter."""
        client = sel.register_client_get(user=request.user, pk=pk)
        rows = sel.missing_documents(user=request.user, client=client, request=request)
        return Response(MissingDocumentsOutput(rows, many=True).data)


class DocumentListApi(PortalAPIView):
    pagination_class = DocumentsPagination
    QueryInput = HeldQueryInput

    @extend_schema(operation_id="documents_list", responses={200: HeldDocumentOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """A client user's own register; for the firm, every document it may see."""
        qs = sel.held_documents_all(user=request.user, held=self.query(request)["held"])

        def shown(rows):  # the firm's look at the page is access-logged, per client
            rows = sel.documents_viewed(user=request.user, documents=rows, request=request)
            return HeldDocumentOutput(rows, many=True).data

        return self.paginated(request, qs, shown)


class DocumentDetailApi(PortalAPIView):
    @extend_schema(operation_id="documents_retrieve", responses={200: HeldDocumentOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One document of the register, among those the caller may see (as GET /api/documents/)."""
        document = sel.held_document_get(user=request.user, pk=pk)
        return Response(HeldDocumentOutput(sel.held_document_detail_get(user=request.user, pk=document.pk)).data)


class DocumentReturnApi(PortalAPIView):
    class HeldDocumentReturnInput(serializers.Serializer):
        returned_to = serializers.CharField(max_length=300)
        returned_at = serializers.DateTimeField(required=False, allow_null=True, help_text=_("Now when not given."))

    @extend_schema(
        operation_id="documents_return",
        request=HeldDocumentReturnInput,
        responses={200: HeldDocumentOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Record that a document went back to the client (the firm; once)."""
        data = self.validated(self.HeldDocumentReturnInput, request.data)
        document = sel.held_document_get(user=request.user, pk=pk)
        services.held_document_return(document=document, by=request.user, **data)
        return Response(HeldDocumentOutput(sel.held_document_detail_get(user=request.user, pk=pk)).data)


# --- documents the firm asked for, sent by the client as files -------------------------------------


class DocumentSubmissionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    requested = serializers.CharField()
    name = serializers.CharField(source="original_name")
    size = serializers.IntegerField()
    note = serializers.CharField()
    uploaded_by = PersonSerializer()
    uploaded_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=DocumentSubmission.Status.choices)
    received_by = PersonSerializer(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    held_document = serializers.IntegerField(source="held_document_id", allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, submission) -> str:
        return reverse("api:document_file", args=[submission.pk])


class RequestedDocumentOutput(serializers.Serializer):
    title = serializers.CharField()
    sent = serializers.BooleanField()
    submissions = DocumentSubmissionOutput(many=True)


class MatterDocumentsOutput(serializers.Serializer):
    matter = serializers.IntegerField(source="matter.pk")
    requested = RequestedDocumentOutput(many=True)
    others = DocumentSubmissionOutput(many=True, help_text=_("Sent for items the disclosure no longer lists."))
    may_send = serializers.BooleanField()
    may_mark = serializers.BooleanField()


class MatterDocumentsApi(PortalAPIView):
    class DocumentSendInput(serializers.Serializer):
        requested = serializers.CharField(max_length=300)
        file = serializers.FileField()
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(operation_id="matter_documents_list", responses={200: MatterDocumentsOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """The documents the firm asked for on the matter, with what the client has sent for each."""
        docs = sel.matter_documents(user=request.user, pk=pk)
        sel.matter_documents_viewed(user=request.user, matter=docs.matter, request=request)
        return Response(MatterDocumentsOutput(docs).data)

    @extend_schema(
        operation_id="matter_documents_send",
        request={"multipart/form-data": DocumentSendInput},
        responses={201: DocumentSubmissionOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Send a requested document as a file (a client user of the matter's client)."""
        docs = sel.matter_documents(user=request.user, pk=pk)
        data = self.validated(self.DocumentSendInput, request.data)
        submission = services.document_submit(by=request.user, matter=docs.matter, **data)
        return Response(
            DocumentSubmissionOutput(sel.document_submission_detail_get(user=request.user, pk=submission.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class DocumentReceivedApi(PortalAPIView):
    class DocumentReceivedInput(serializers.Serializer):
        status = serializers.ChoiceField(
            choices=[DocumentSubmission.Status.COPY_RECEIVED, DocumentSubmission.Status.ORIGINAL_RECEIVED]
        )
        location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        pages = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None)

    @extend_schema(
        operation_id="documents_sent_received",
        request=DocumentReceivedInput,
        responses={200: DocumentSubmissionOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Mark a sent document received (the firm on the matter): the copy is enough, or the original came in."""
        data = self.validated(self.DocumentReceivedInput, request.data)
        submission = sel.document_submission_get(user=request.user, pk=pk)
        services.document_mark_received(submission=submission, by=request.user, **data)
        return Response(DocumentSubmissionOutput(sel.document_submission_detail_get(user=request.user, pk=pk)).data)


class DocumentFileApi(PortalAPIView):
    @extend_schema(
        operation_id="documents_sent_file",
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description=FILE_AS_STORED), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The file the client sent (the client's people and the firm on the matter)."""
        submission = sel.document_submission_get(user=request.user, pk=pk)
        try:
            handle = submission.file.open("rb")
        except FileNotFoundError:
            raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
        services.document_submission_opened(user=request.user, request=request, submission=submission)
        return FileResponse(handle, as_attachment=True, filename=submission.original_name)


urlpatterns = [
    path("clients/<int:pk>/documents/", ClientDocumentListCreateApi.as_view(), name="client_documents"),
    path("clients/<int:pk>/documents/missing/", ClientMissingDocumentsApi.as_view(), name="client_documents_missing"),
    path("documents/", DocumentListApi.as_view(), name="documents"),
    path("documents/<int:pk>/", DocumentDetailApi.as_view(), name="document_detail"),
    path("documents/<int:pk>/return/", DocumentReturnApi.as_view(), name="document_return"),
    path("matters/<int:pk>/documents/", MatterDocumentsApi.as_view(), name="matter_documents"),
    path("documents/sent/<int:pk>/received/", DocumentReceivedApi.as_view(), name="document_received"),
    path("documents/sent/<int:pk>/file/", DocumentFileApi.as_view(), name="document_file"),
]
