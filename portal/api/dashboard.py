"""REST API of the dashboard: the same answers as the home page, as JSON.

A client user gets, for each open matter, what is new since its last visit, what is needed from it,
what happens next and when the firm will next report; the firm's people get the work waiting for them.
"""

from django.urls import path, reverse
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView
from matters.api.timeline import StageStepOutput, TimelineEventOutput
from matters.models import Task
from users.models import Role

from ..selectors.dashboard import NEEDED_KINDS, client_dashboard, staff_dashboard


class TaskBriefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    subject = serializers.CharField()
    status = serializers.ChoiceField(choices=Task.Status.choices)
    client = serializers.CharField(source="client.__str__")
    matter_number = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_matter_number(self, task) -> str | None:
        return task.matter.number if task.matter_id else None

    def get_url(self, task) -> str:
        return reverse("matters:task_detail", args=[task.pk])


# --- the client -----------------------------------------------------------------------------------


class NeededLinkOutput(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField()


class NeededOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(NEEDED_KINDS))
    text = serializers.CharField()
    url = serializers.CharField()
    at = serializers.DateTimeField(allow_null=True)
    links = serializers.SerializerMethodField(help_text="Further links, e.g. an invoice's PDF.")

    @extend_schema_field(NeededLinkOutput(many=True))
    def get_links(self, item) -> list[dict]:
        return [{"label": str(label), "url": url} for label, url in item.links]


class MoneyOutput(serializers.Serializer):
    invoiced = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Issued invoices, not cancelled.")
    paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    due = serializers.DecimalField(max_digits=14, decimal_places=2)
    advance_requested = serializers.DecimalField(max_digits=14, decimal_places=2)
    advance_paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    advance_spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    advance_left = serializers.DecimalField(max_digits=14, decimal_places=2)
    advance_due = serializers.DecimalField(max_digits=14, decimal_places=2)


class SinceLastVisitOutput(serializers.Serializer):
    seen_at = serializers.DateTimeField(allow_null=True, help_text="The caller's last visit to the matter.")
    count = serializers.IntegerField(help_text="Lines on the timeline since then (not the caller's own).")
    latest = TimelineEventOutput(many=True)


class NextOutput(serializers.Serializer):
    stage = StageStepOutput(allow_null=True)
    next_stage = StageStepOutput(allow_null=True)
    stages = StageStepOutput(many=True)
    upcoming = serializers.ListField(
        child=serializers.DictField(), help_text="Hearings and deadlines ahead (filled in with the hearings)."
    )


class ClientMatterOutput(serializers.Serializer):
    id = serializers.IntegerField(source="matter.pk")
    number = serializers.CharField(source="matter.number")
    title = serializers.CharField(source="matter.title")
    since_last_visit = serializers.SerializerMethodField()
    needed = NeededOutput(many=True)
    next = serializers.SerializerMethodField()
    next_report_on = serializers.DateField(allow_null=True)
    money = MoneyOutput(
        allow_null=True, help_text="Invoiced, paid, due and the advance balance (null without billing)."
    )

    def get_since_last_visit(self, card) -> SinceLastVisitOutput:
        return SinceLastVisitOutput({"seen_at": card.seen_at, "count": card.new_count, "latest": card.new_lines}).data

    def get_next(self, card) -> NextOutput:
        return NextOutput(
            {"stage": card.current, "next_stage": card.next_step, "stages": card.steps, "upcoming": card.upcoming}
        ).data


class MatterRequestOutput(serializers.Serializer):
    id = serializers.IntegerField(source="intake.pk")
    title = serializers.CharField(source="intake.title")
    created_at = serializers.DateTimeField(source="intake.created_at")
    status = serializers.ChoiceField(
        choices=["requested", "refused"], help_text="As the client sees it: requested while the firm considers it."
    )
    label = serializers.CharField()
    url = serializers.CharField()


class ClientDashboardOutput(serializers.Serializer):
    role = serializers.CharField()
    matters = ClientMatterOutput(many=True)
    more_matters = serializers.BooleanField(help_text="More open matters than shown: see GET /api/matters/.")
    tasks_awaiting_firm = TaskBriefOutput(many=True)
    matter_requests = MatterRequestOutput(many=True, help_text="The client's requests for new matters not opened yet.")


# --- the firm -------------------------------------------------------------------------------------


class StaffMatterOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    client = serializers.CharField(source="client.__str__")
    stage = serializers.CharField(source="stage_name")
    next_report_on = serializers.DateField(allow_null=True)
    report_due = serializers.BooleanField()


class TaskSectionOutput(serializers.Serializer):
    total = serializers.IntegerField()
    items = TaskBriefOutput(many=True)


class ItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    matter_number = serializers.CharField()
    at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField()


class ItemSectionOutput(serializers.Serializer):
    total = serializers.IntegerField()
    items = ItemOutput(many=True)


class PowerBriefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    client = serializers.CharField(source="client.__str__")
    valid_until = serializers.DateField()
    days_left = serializers.IntegerField()


class IntakeBriefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.CharField(source="client.__str__")
    title = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class IntakeSectionOutput(serializers.Serializer):
    requested = serializers.IntegerField()
    blocked = serializers.IntegerField()
    items = IntakeBriefOutput(many=True)


class PanelItemOutput(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class PanelOutput(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    total = serializers.IntegerField(help_text="Capped: more than the cap reads as the cap plus one.")
    url = serializers.CharField()
    note = serializers.CharField(allow_blank=True, help_text="A line under the title, e.g. how many are overdue.")
    items = PanelItemOutput(many=True, help_text="The first few, each with its own page.")


class StaffDashboardOutput(serializers.Serializer):
    role = serializers.ChoiceField(choices=[r for r in Role.choices if r[0] != Role.CLIENT])
    matters = StaffMatterOutput(many=True)
    more_matters = serializers.BooleanField()
    to_accept = TaskSectionOutput(allow_null=True)
    to_answer = TaskSectionOutput(allow_null=True)
    to_release = ItemSectionOutput(allow_null=True)
    unread_messages = ItemSectionOutput(allow_null=True)
    overdue_confirmations = ItemSectionOutput(allow_null=True)
    powers_expiring = PowerBriefOutput(many=True)
    intake = IntakeSectionOutput(allow_null=True)
    registered_tasks = TaskBriefOutput(many=True, allow_null=True)
    panels = PanelOutput(many=True, help_text="Further work waiting, e.g. the payments to match.")


def _items(section, row) -> dict | None:
    if section is None:
        return None
    return {"total": section.total, "items": [row(item) for item in section.items]}


def _staff_data(board) -> dict:
    return {
        "role": board.role,
        "matters": board.matters,
        "more_matters": board.more_matters,
        "to_accept": board.to_accept,
        "to_answer": board.to_answer,
        "to_release": _items(
            board.to_release,
            lambda d: {
                "id": d.pk,
                "title": d.title,
                "matter_number": d.matter.number,
                "at": d.created_at,
                "url": d.url,
            },
        ),
        "unread_messages": _items(
            board.unread,
            lambda m: {
                "id": m.pk,
                "title": m.body[:140],
                "matter_number": m.matter.number,
                "at": m.created_at,
                "url": m.url,
            },
        ),
        "overdue_confirmations": _items(
            board.overdue,
            lambda d: {
                "id": d.pk,
                "title": d.deliverable.title,
                "matter_number": d.deliverable.matter.number,
                "at": d.confirm_by,
                "url": d.url,
            },
        ),
        "powers_expiring": board.powers,
        "intake": {**board.intake_counts, "items": board.intake.items} if board.intake else None,
        "registered_tasks": board.registered.items if board.registered else None,
        "panels": board.panels,
    }


class DashboardApi(PortalAPIView):
    @extend_schema(
        operation_id="dashboard",
        responses={
            200: PolymorphicProxySerializer(
                component_name="Dashboard",
                serializers=[ClientDashboardOutput, StaffDashboardOutput],
                resource_type_field_name=None,
            ),
            **ERROR_RESPONSES,
        },
    )
    def get(self, request):
        """What the caller's home page shows: a client's four answers per matter, or the firm's waiting work."""
        user = request.user
        if user.is_client_user:
            board = client_dashboard(user=user)
            data = {
                "role": Role.CLIENT,
                "matters": board.matters,
                "more_matters": board.more_matters,
                "tasks_awaiting_firm": board.tasks,
                "matter_requests": board.requests,
            }
            return Response(ClientDashboardOutput(data).data)
        return Response(StaffDashboardOutput(_staff_data(staff_dashboard(user=user))).data)


urlpatterns = [path("dashboard/", DashboardApi.as_view(), name="dashboard")]
