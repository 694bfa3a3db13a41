"""REST API of the firm's directory and the client's requests for a specialist (rule 12)."""

from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.api_refs import MatterRefSerializer, PersonSerializer
from core.errors import ValidationError
from users.selectors import user_find

from .. import selectors
from ..models import SpecialistRequest
from ..selectors import specialists as sel
from ..services import specialists as services


def _english() -> bool:
    return (get_language() or "").startswith("en")


class PracticeAreaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, area) -> str:
        return area.name("en" if _english() else "ru")


class SpecialistOutput(serializers.Serializer):
    """The professional side of a lawyer, in English for an English reader where the firm wrote it."""

    id = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.full_name")
    position = serializers.SerializerMethodField()
    practising_since = serializers.IntegerField(allow_null=True)
    years_of_practice = serializers.SerializerMethodField()
    is_advocate = serializers.BooleanField()
    advocate_registry_number = serializers.CharField()
    practice_areas = PracticeAreaOutput(many=True)
    languages = serializers.CharField()
    photo_url = serializers.SerializerMethodField()

    def _localised(self, profile, field) -> str:
        english = getattr(profile, f"{field}_en", "")
        return english if _english() and english else getattr(profile, field)

    def get_position(self, profile) -> str:
        return self._localised(profile, "position")

    def get_years_of_practice(self, profile) -> int | None:
        return profile.years_of_practice()

    def get_photo_url(self, profile) -> str | None:
        return reverse("matters:specialist_photo", args=[profile.user_id]) if profile.photo else None


class SpecialistDetailOutput(SpecialistOutput):
    qualifications = serializers.SerializerMethodField()
    biography = serializers.SerializerMethodField()

    def get_qualifications(self, profile) -> str:
        return self._localised(profile, "qualifications")

    def get_biography(self, profile) -> str:
        return self._localised(profile, "biography")


class SpecialistRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = MatterRefSerializer()
    specialist = PersonSerializer()
    event = serializers.CharField(help_text="Empty: the whole matter.")
    note = serializers.CharField()
    status = serializers.ChoiceField(choices=SpecialistRequest.Status.choices)
    requested_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    refusal_reason = serializers.CharField()


class DirectoryPagination(NewestFirstPagination):
    ordering = ("name", "id")


class SpecialistListApi(PortalAPIView):
    pagination_class = DirectoryPagination

    class QueryInput(serializers.Serializer):
        area = IdField(required=False, help_text="A practice area's id.")
        language = serializers.CharField(
            required=False, allow_blank=True, max_length=100, help_text="Part of a language's name, e.g. English."
        )

    @extend_schema(operation_id="specialists_list", responses={200: SpecialistOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The firm's directory: listed lawyers in name order, filtered by practice area and language."""
        query = self.query(request)
        area = None
        if query.get("area"):
            area = sel.practice_area_find(query["area"])
            if area is None:
                raise ValidationError(fields={"area": [_("Unknown practice area.")]})
        qs = sel.specialist_directory(user=request.user, area=area, language=query.get("language"))
        return self.paginated(request, qs, SpecialistOutput)


class SpecialistDetailApi(PortalAPIView):
    @extend_schema(operation_id="specialists_retrieve", responses={200: SpecialistDetailOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One specialist by the user's id, with qualifications and biography."""
        return Response(SpecialistDetailOutput(sel.specialist_get(user=request.user, pk=pk)).data)


class SpecialistRequestCreateApi(PortalAPIView):
    class SpecialistRequestInput(serializers.Serializer):
        specialist = serializers.IntegerField(help_text="The specialist's id, from /api/specialists/.")
        event = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="specialist_requests_create",
        request=SpecialistRequestInput,
        responses={201: SpecialistRequestOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """A client user asks for a named specialist on the matter (or, with `event`, for one hearing)."""
        data = self.validated(self.SpecialistRequestInput, request.data)
        matter = selectors.matter_get(user=request.user, pk=pk)
        # The service checks that the person is a listed lawyer; an unknown id gets the same answer.
        specialist = user_find(data["specialist"])
        if specialist is None:
            raise ValidationError(fields={"specialist": [_("Choose a specialist from the firm's directory.")]})
        item = services.specialist_request_create(
            matter=matter, by=request.user, specialist=specialist, event=data["event"], note=data["note"]
        )
        item = sel.specialist_request_get(user=request.user, pk=item.pk)
        return Response(SpecialistRequestOutput(item).data, status=status.HTTP_201_CREATED)


class SpecialistRequestListApi(PortalAPIView):
    class Pagination(NewestFirstPagination):
        ordering = ("-requested_at", "-id")

    pagination_class = Pagination

    class QueryInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=SpecialistRequest.Status.choices, required=False)

    @extend_schema(
        operation_id="specialist_requests_list",
        responses={200: SpecialistRequestOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        """Requests the caller may see, newest first."""
        qs = sel.specialist_requests_by_status(user=request.user, status=self.query(request).get("status"))
        return self.paginated(request, qs, SpecialistRequestOutput)


class SpecialistRequestDetailApi(PortalAPIView):
    @extend_schema(
        operation_id="specialist_requests_retrieve", responses={200: SpecialistRequestOutput, **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        return Response(SpecialistRequestOutput(sel.specialist_request_get(user=request.user, pk=pk)).data)


class SpecialistRequestAnswerApi(PortalAPIView):
    class SpecialistRequestAnswerInput(serializers.Serializer):
        grant = serializers.BooleanField()
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="specialist_requests_answer",
        request=SpecialistRequestAnswerInput,
        responses={200: SpecialistRequestOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """A partner grants (a whole-matter request adds the specialist to the team) or refuses with a reason."""
        data = self.validated(self.SpecialistRequestAnswerInput, request.data)
        item = sel.specialist_request_get(user=request.user, pk=pk)
        services.specialist_request_answer(request=item, by=request.user, grant=data["grant"], reason=data["reason"])
        return Response(SpecialistRequestOutput(sel.specialist_request_get(user=request.user, pk=pk)).data)


urlpatterns = [
    path("specialists/", SpecialistListApi.as_view(), name="specialist_list"),
    path("specialists/<int:pk>/", SpecialistDetailApi.as_view(), name="specialist_detail"),
    path(
        "matters/<int:pk>/specialist-requests/", SpecialistRequestCreateApi.as_view(), name="specialist_request_create"
    ),
    path("specialist-requests/", SpecialistRequestListApi.as_view(), name="specialist_request_list"),
    path("specialist-requests/<int:pk>/", SpecialistRequestDetailApi.as_view(), name="specialist_request_detail"),
    path(
        "specialist-requests/<int:pk>/answer/", SpecialistRequestAnswerApi.as_view(), name="specialist_request_answer"
    ),
]
