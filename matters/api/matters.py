"""REST API of one matter: what the list shows, and its team, type, stage and next report date.

Read through matters.selectors (scoped by matters.access.visible_matters): another client's matter is a 404.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView

from .. import selectors
from .tasks import MatterOutput
from .timeline import NamedOutput, StageStepOutput, progress


class TeamMemberOutput(serializers.Serializer):
    id = serializers.IntegerField(source="user.pk")
    name = serializers.CharField(source="user.full_name")
    role = serializers.CharField(source="user.role")
    lead = serializers.BooleanField(source="is_lead")
    assigned_at = serializers.DateTimeField()


class MatterDetailOutput(MatterOutput):
    description = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    matter_type = NamedOutput(source="progress.matter_type", allow_null=True)
    stage = StageStepOutput(source="progress.stage", allow_null=True, help_text="The current stage; null before one.")
    stages = StageStepOutput(source="progress.stages", many=True, help_text="The type's stages in order.")
    next_report_on = serializers.DateField(allow_null=True, help_text="When the firm will next report to the client.")
    team = TeamMemberOutput(many=True, help_text="The people of the firm on the matter, the lead first.")


class MatterDetailApi(PortalAPIView):
    @extend_schema(operation_id="matters_retrieve", responses={200: MatterDetailOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One matter the caller may see, with its lead, team, type, stage and the date of the next report."""
        matter = selectors.matter_get(user=request.user, pk=pk)
        matter.team = selectors.matter_team(user=request.user, matter=matter)
        matter.leads = [a for a in matter.team if a.is_lead]
        matter.progress = progress(matter)
        return Response(MatterDetailOutput(matter).data)


urlpatterns = [path("matters/<int:pk>/", MatterDetailApi.as_view(), name="matter_detail")]
