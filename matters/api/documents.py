"""REST API for the documents register (rule 6): the client's papers the firm holds and their return."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView
from core.errors import NotFound

from .. import selectors_documents as sel
from ..access import confidential_matters, visible_held_documents
from ..models import HeldDocument, Matter
from ..services import documents as services
from .tasks import PersonSerializer


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


HELD_PARAM = OpenApiParameter("held", bool, description="true: still held by the firm; false: returned.")


def _held(request):
    value = request.query_params.get("held")
    return {"true": True, "1": True, "false": False, "0": False}.get((value or "").lower())


def _page(view, request, qs):
    paginator = DocumentsPagination()
    page = paginator.paginate_queryset(qs, request, view=view)
    return paginator.get_paginated_response(HeldDocumentOutput(page, many=True).data)


class ClientDocumentListCreateApi(PortalAPIView):
    class HeldDocumentCreateInput(serializers.Serializer):
        title = serializers.CharField(max_length=300)
        form = serializers.ChoiceField(choices=HeldDocument.Form.choices, default=HeldDocument.Form.ORIGINAL)
        pages = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        received_at = serializers.DateTimeField(required=False, allow_null=True)
        received_from = serializers.CharField(max_length=300)
        location = serializers.CharField(max_length=300)
        matter = serializers.IntegerField(required=False, allow_null=True)

    @extend_schema(
        operation_id="client_documents_list",
        parameters=[HELD_PARAM],
        responses={200: HeldDocumentOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The client's documents held by the firm, newest first (its own users, the firm on its matters)."""
        client = sel.register_client_get(user=request.user, pk=pk)
        sel.register_viewed(user=request.user, client=client, request=request)
        return _page(self, request, sel.held_documents(user=request.user, client=client, held=_held(request)))

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
            try:
                matter = confidential_matters(request.user).get(pk=data["matter"])
            except Matter.DoesNotExist:
                raise NotFound() from None
        data["matter"] = matter
        document = services.held_document_record(by=request.user, client=client, **data)
        return Response(HeldDocumentOutput(_document(request.user, document.pk)).data, status=status.HTTP_201_CREATED)


def _document(user, pk) -> HeldDocument:
    return visible_held_documents(user).select_related("recorded_by", "returned_by").get(pk=pk)


class ClientMissingDocumentsApi(PortalAPIView):
    @extend_schema(
        operation_id="client_documents_missing", responses={200: MissingDocumentsOutput(many=True), **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """The documents the client's disclosure questionnaires say are still missing, per matter."""
        client = sel.register_client_get(user=request.user, pk=pk)
        return Response(MissingDocumentsOutput(sel.missing_documents(user=request.user, client=client), many=True).data)


class DocumentListApi(PortalAPIView):
    @extend_schema(
        operation_id="documents_list",
        parameters=[HELD_PARAM],
        responses={200: HeldDocumentOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        """A client user's own register; for the firm, every document it may see."""
        qs = visible_held_documents(request.user).select_related("recorded_by", "returned_by")
        held = _held(request)
        if held is not None:
            qs = qs.filter(returned_at__isnull=held)
        return _page(self, request, qs)


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
        return Response(HeldDocumentOutput(_document(request.user, pk)).data)


urlpatterns = [
    path("clients/<int:pk>/documents/", ClientDocumentListCreateApi.as_view(), name="client_documents"),
    path("clients/<int:pk>/documents/missing/", ClientMissingDocumentsApi.as_view(), name="client_documents_missing"),
    path("documents/", DocumentListApi.as_view(), name="documents"),
    path("documents/<int:pk>/return/", DocumentReturnApi.as_view(), name="document_return"),
]
