"""REST API of the matter timeline (rule 6) and of the lead's steering: type, stage, next report date.

Each line comes in the caller's language, with what it is about (`ref`: type, id and the page's URL).
"""

import hashlib

from django.urls import path
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView
from core.api_output import FastOutput
from core.api_refs import PersonSerializer
from core.errors import NotFound
from core.selectors import get_visible
from timeline.models import TimelineEvent
from timeline.rendering import as_lines

from .. import selectors
from ..selectors.timeline import (
    matter_type_find,
    matter_types,
    stage_find,
    stage_steps,
    timeline_events,
    timeline_page_kept,
    timeline_rows,
)
from ..services import stages as services
from ..services.visits import matter_visit_record


def _language() -> str:
    return (get_language() or "ru").split("-")[0]


class TimelineRefOutput(FastOutput):
    type = serializers.CharField(help_text="What the line is about: task, deliverable, message, risknotice, matter…")
    id = serializers.IntegerField()
    url = serializers.CharField(allow_null=True, help_text="The page of that object in the portal, if there is one.")


class TimelineEventOutput(FastOutput):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=TimelineEvent.Kind.choices)
    kind_label = serializers.CharField()
    text = serializers.CharField(help_text="The line in the caller's language.")
    detail = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    actor = PersonSerializer(allow_null=True)
    client_visible = serializers.BooleanField()
    ref = serializers.SerializerMethodField()

    @extend_schema_field(TimelineRefOutput(allow_null=True))
    def get_ref(self, line) -> dict | None:
        if not line.ref_type or line.ref_id is None:
            return None
        return {"type": line.ref_type, "id": line.ref_id, "url": line.url}


class MatterTimelineApi(PortalAPIView):
    class Pagination(NewestFirstPagination):
        ordering = ("-occurred_at", "-id")

    pagination_class = Pagination

    class QueryInput(serializers.Serializer):
        kind = serializers.ChoiceField(
            choices=TimelineEvent.Kind.choices, required=False, help_text="Only lines of this kind."
        )
        q = serializers.CharField(
            required=False, allow_blank=True, max_length=200, help_text="Only lines containing this text (any case)."
        )

    @extend_schema(operation_id="matter_timeline", responses={200: TimelineEventOutput(many=True), **ERROR_RESPONSES})
    def get(self, request, pk):
        """Everything that happened on the matter, newest first; a client user gets the lines meant for the client."""
        query = self.query(request)
        matter = selectors.matter_get(user=request.user, pk=pk, action="read", with_client=False)
        matter_visit_record(user=request.user, matter=matter)

        def page() -> dict:
            events = timeline_rows(user=request.user, matter=matter, kind=query.get("kind"), query=query.get("q", ""))
            data = self.paginated(
                request,
                events,
                lambda rows: TimelineEventOutput(as_lines(rows, clients={matter.pk: matter.client_id}), many=True).data,
            ).data
            return {name: (list(value) if name == "results" else value) for name, value in data.items()}

        # Kept per user (matters.selectors.timeline: timeline_page_kept), read only after the gate above. The
        # page's links (next, previous) carry the whole address it was asked at: the address is in the key.
        address = hashlib.blake2b(request.build_absolute_uri().encode(), digest_size=16).hexdigest()
        return Response(
            timeline_page_kept("timeline-api", user=request.user, matter=matter, parts=(address,), compute=page)
        )


class MatterTimelineEventApi(PortalAPIView):
    @extend_schema(operation_id="matter_timeline_event", responses={200: TimelineEventOutput, **ERROR_RESPONSES})
    def get(self, request, pk, event_id):
        """One line of the matter's timeline, among those the caller may read (as the timeline)."""
        matter = selectors.matter_get(user=request.user, pk=pk, action="read")
        found = list(timeline_events(user=request.user, matter=matter).filter(pk=event_id)[:1])
        if not found:
            raise NotFound()
        [line] = as_lines(found, clients={matter.pk: matter.client_id})
        return Response(TimelineEventOutput(line).data)


# --- the matter's type, stage and next report ------------------------------------------------------


class NamedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class StageStepOutput(serializers.Serializer):
    id = serializers.IntegerField(source="stage.pk")
    order = serializers.IntegerField(source="stage.order")
    name = serializers.CharField()
    state = serializers.ChoiceField(choices=["done", "current", "next"])


class MatterProgressOutput(serializers.Serializer):
    id = serializers.IntegerField(source="matter.pk")
    number = serializers.CharField(source="matter.number")
    matter_type = NamedOutput(allow_null=True)
    stage = StageStepOutput(allow_null=True)
    stages = StageStepOutput(many=True)
    next_report_on = serializers.DateField(source="matter.next_report_on", allow_null=True)


def progress(matter) -> dict:
    language = _language()
    steps = stage_steps(matter=matter, language=language)
    matter_type = matter_type_find(matter.matter_type_id)
    return {
        "matter": matter,
        "matter_type": {"id": matter_type.pk, "name": matter_type.name(language)} if matter_type else None,
        "stage": next((s for s in steps if s.state == "current"), None),
        "stages": steps,
    }


class MatterTypeSetApi(PortalAPIView):
    class MatterTypeSetInput(serializers.Serializer):
        matter_type = serializers.IntegerField(help_text="See GET /api/matter-types/.")

    @extend_schema(
        operation_id="matter_type_set",
        request=MatterTypeSetInput,
        responses={200: MatterProgressOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Set how the matter is run (lead or partner); its stage starts again at the type's first stage."""
        data = self.validated(self.MatterTypeSetInput, request.data)
        matter = selectors.matter_get(user=request.user, pk=pk)
        matter_type = matter_type_find(data["matter_type"])
        matter = services.matter_type_set(matter=matter, by=request.user, matter_type=matter_type)
        return Response(MatterProgressOutput(progress(matter)).data)


class MatterStageSetApi(PortalAPIView):
    class MatterStageSetInput(serializers.Serializer):
        stage = serializers.IntegerField(help_text="One of the stages of the matter's type.")

    @extend_schema(
        operation_id="matter_stage_set",
        request=MatterStageSetInput,
        responses={200: MatterProgressOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Move the matter to a stage of its type (lead or partner); the client sees it on the timeline."""
        data = self.validated(self.MatterStageSetInput, request.data)
        matter = selectors.matter_get(user=request.user, pk=pk)
        stage = stage_find(data["stage"])
        matter = services.matter_stage_set(matter=matter, by=request.user, stage=stage)
        return Response(MatterProgressOutput(progress(matter)).data)


class MatterNextReportSetApi(PortalAPIView):
    class MatterNextReportInput(serializers.Serializer):
        on = serializers.DateField(help_text="Today or later.")

    @extend_schema(
        operation_id="matter_next_report_set",
        request=MatterNextReportInput,
        responses={200: MatterProgressOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Promise the client the date of the firm's next report (lead or partner)."""
        data = self.validated(self.MatterNextReportInput, request.data)
        matter = selectors.matter_get(user=request.user, pk=pk)
        matter = services.matter_next_report_set(matter=matter, by=request.user, on=data["on"])
        return Response(MatterProgressOutput(progress(matter)).data)


class MatterTypeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    stages = NamedOutput(many=True)


def _matter_type(matter_type, language) -> dict:
    stages = sorted(matter_type.stages.all(), key=lambda s: s.order)
    return {
        "id": matter_type.pk,
        "name": matter_type.name(language),
        "stages": [{"id": s.pk, "name": s.name(language)} for s in stages],
    }


class MatterTypeListApi(PortalAPIView):
    @extend_schema(operation_id="matter_types_list", responses={200: MatterTypeOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The firm's types of matter with their stages in order (the firm's configuration, not a secret)."""
        language = _language()
        types = matter_types()
        return Response(MatterTypeOutput([_matter_type(t, language) for t in types], many=True).data)


class MatterTypeDetailApi(PortalAPIView):
    @extend_schema(operation_id="matter_types_retrieve", responses={200: MatterTypeOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One type of matter with its stages in order."""
        matter_type = get_visible(matter_types(), pk=pk)
        return Response(MatterTypeOutput(_matter_type(matter_type, _language())).data)


urlpatterns = [
    path("matters/<int:pk>/timeline/", MatterTimelineApi.as_view(), name="matter_timeline"),
    path("matters/<int:pk>/timeline/<int:event_id>/", MatterTimelineEventApi.as_view(), name="matter_timeline_event"),
    path("matters/<int:pk>/type/", MatterTypeSetApi.as_view(), name="matter_type_set"),
    path("matters/<int:pk>/stage/", MatterStageSetApi.as_view(), name="matter_stage_set"),
    path("matters/<int:pk>/next-report/", MatterNextReportSetApi.as_view(), name="matter_next_report_set"),
    path("matter-types/", MatterTypeListApi.as_view(), name="matter_type_list"),
    path("matter-types/<int:pk>/", MatterTypeDetailApi.as_view(), name="matter_type_detail"),
]
