"""REST API of the firm's search across matters, clients and tasks (staff only)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView
from core.errors import NotFound
from matters.models import Matter

from ..access import may_search
from ..selectors.search import staff_search
from .dashboard import TaskBriefOutput


class FoundMatterOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Matter.Status.choices)
    client = serializers.CharField(source="client.__str__")


class FoundClientOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    inn = serializers.CharField()
    ogrn = serializers.CharField()


class SearchOutput(serializers.Serializer):
    query = serializers.CharField()
    matters = FoundMatterOutput(many=True)
    clients = FoundClientOutput(many=True)
    tasks = TaskBriefOutput(many=True)


class SearchApi(PortalAPIView):
    class QueryInput(serializers.Serializer):
        q = serializers.CharField(max_length=200, help_text="Words (any form of them), a number, or an INN/OGRN.")

    @extend_schema(operation_id="search", responses={200: SearchOutput, **ERROR_RESPONSES})
    def get(self, request):
        """Matters, clients and tasks the caller may see that match `q`, best first, 20 of each (the firm only)."""
        if not may_search(request.user):
            raise NotFound()
        results = staff_search(user=request.user, query=self.query(request)["q"])
        return Response(SearchOutput(results).data)


urlpatterns = [path("search/", SearchApi.as_view(), name="search")]
