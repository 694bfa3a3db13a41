"""REST API of the conflict check (rule 13): run one, read a recorded one.

`POST /api/conflict-checks/` answers exactly
`{"id", "outcome", "hits": [{"query", "matched_name", "score", "reason", "role", "client", "matter"}]}`;
`reason` is the matcher's rule names as recorded (English, stable), the pages translate them.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView
from core.errors import NotPermitted

from .. import selectors
from ..access import allowed
from ..models import ConflictCheck, PartyRole
from ..services.conflicts import CLIENT, conflict_check_run

HIT_ROLES = [CLIENT, *PartyRole.values]


class ConflictHitOutput(serializers.Serializer):
    query = serializers.CharField(help_text="The searched name as given.")
    matched_name = serializers.CharField()
    score = serializers.FloatField(min_value=0.0, max_value=1.0)
    reason = serializers.CharField(help_text='The rules that matched, e.g. "transliteration, typo (1 edit)".')
    role = serializers.ChoiceField(choices=HIT_ROLES, source="matched_role")
    client = serializers.IntegerField(source="client_id")
    matter = serializers.IntegerField(source="matter_id", allow_null=True)


class ConflictCheckOutput(serializers.Serializer):
    id = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=ConflictCheck.Outcome.values)
    hits = ConflictHitOutput(many=True, source="hit_rows")


class CheckPartyInput(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    inn = serializers.CharField(required=False, allow_blank=True, max_length=32, default="")
    ogrn = serializers.CharField(required=False, allow_blank=True, max_length=32, default="")


class ConflictCheckCreateApi(PortalAPIView):
    class ConflictCheckCreateInput(serializers.Serializer):
        parties = CheckPartyInput(many=True)

    @extend_schema(
        operation_id="conflict_checks_create",
        request=ConflictCheckCreateInput,
        responses={201: ConflictCheckOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """Check up to 50 parties against every client and every party of every matter (partners and
        lead specialists). The check is recorded; hits are ranked by score, with the rule that matched."""
        if not allowed(request.user, ConflictCheck, "run"):
            raise NotPermitted(_("Conflict checks are run by partners and lead specialists."))
        data = self.validated(self.ConflictCheckCreateInput, request.data)
        check = conflict_check_run(by=request.user, parties=[dict(p) for p in data["parties"]])
        check = selectors.conflict_check_get(user=request.user, pk=check.pk)
        return Response(ConflictCheckOutput(check).data, status=status.HTTP_201_CREATED)


class ConflictCheckDetailApi(PortalAPIView):
    @extend_schema(operation_id="conflict_checks_retrieve", responses={200: ConflictCheckOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """A recorded check with its hits: partners see every check, a lead specialist its own and its intakes'."""
        return Response(ConflictCheckOutput(selectors.conflict_check_get(user=request.user, pk=pk)).data)


urlpatterns = [
    path("conflict-checks/", ConflictCheckCreateApi.as_view(), name="conflict_check_create"),
    path("conflict-checks/<int:pk>/", ConflictCheckDetailApi.as_view(), name="conflict_check_detail"),
]
