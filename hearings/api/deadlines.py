"""REST API of procedural deadlines: list, detail, create, change, done, cancel; the rules and a compute preview."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.api_refs import PersonSerializer
from core.errors import NotPermitted
from matters.selectors import matter_get

from ..access import allowed
from ..models import Deadline
from ..period_rules import MAX_AMOUNT, RULES, parse_rule
from ..periods import explain
from ..selectors import deadlines as sel
from ..services import deadlines as services


class SoonestFirstPagination(NewestFirstPagination):
    ordering = ("due_on", "id")


class DeadlineOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    matter_number = serializers.CharField(source="matter.number")
    title = serializers.CharField()
    due_on = serializers.DateField()
    responsible = PersonSerializer()
    status = serializers.ChoiceField(choices=Deadline.Status.choices)
    rule = serializers.SerializerMethodField(help_text="The rule's code; null for a typed date.")
    amount = serializers.SerializerMethodField(help_text="A custom rule's length (months or days); else null.")
    trigger_date = serializers.DateField(allow_null=True)
    notes = serializers.SerializerMethodField(help_text="The firm's working notes; empty for a client user.")
    done_at = serializers.DateTimeField(allow_null=True)
    sequence = serializers.IntegerField(help_text="Raised on every change.")
    updated_at = serializers.DateTimeField()

    def get_notes(self, deadline) -> str:
        user = self.context.get("user")
        return deadline.notes if user is not None and user.is_firm else ""

    def _parsed(self, deadline):
        try:
            return parse_rule(deadline.rule) if deadline.rule else (None, None)
        except ValueError:
            return None, None

    def get_rule(self, deadline) -> str | None:
        rule, _amount = self._parsed(deadline)
        return rule.code if rule else None

    def get_amount(self, deadline) -> int | None:
        rule, amount = self._parsed(deadline)
        return amount if rule is not None and rule.custom else None


class DeadlineDetailOutput(DeadlineOutput):
    rule_label = serializers.SerializerMethodField(help_text="The rule and its article, in the caller's language.")
    explanation = serializers.SerializerMethodField(
        help_text="The arithmetic, one line per step, in the caller's language; empty for a typed date."
    )

    def get_rule_label(self, deadline) -> str | None:
        rule, _amount = self._parsed(deadline)
        return f"{gettext(rule.label)} — {gettext(rule.basis)}" if rule else None

    def get_explanation(self, deadline) -> list[str]:
        return explain(deadline.explanation)


class DeadlineInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    responsible = IdField(help_text="A lawyer working on the matter.")
    due_on = serializers.DateField(required=False, allow_null=True, help_text="The last day, when no rule is given.")
    rule = serializers.ChoiceField(
        choices=list(RULES), required=False, allow_blank=True, default="", help_text="See /api/deadlines/rules/."
    )
    amount = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=max(MAX_AMOUNT.values()), help_text="Custom rules only."
    )
    trigger_date = serializers.DateField(required=False, allow_null=True, help_text="The date the rule counts from.")
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class DeadlineCreateInput(DeadlineInput):
    matter = IdField()


class ComputeInput(serializers.Serializer):
    rule = serializers.ChoiceField(choices=list(RULES))
    trigger_date = serializers.DateField()
    amount = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=max(MAX_AMOUNT.values()))


class ComputeOutput(serializers.Serializer):
    due_on = serializers.DateField()
    steps = serializers.ListField(child=serializers.CharField(), help_text="The arithmetic, in the caller's language.")
    passed = serializers.BooleanField(help_text="The last day is already behind us.")


class RuleOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.ChoiceField(choices=["months", "workdays", "days"])
    amount = serializers.IntegerField(allow_null=True, help_text="Null for a custom rule: give `amount`.")
    max_amount = serializers.IntegerField()
    basis = serializers.CharField(help_text="The article the period rests on.")
    counted_from = serializers.CharField()


def _responsible(matter, user_id):
    people = {person.pk: person for person in sel.responsible_choices(matter=matter)}
    return people.get(user_id)


def _arguments(data: dict, matter) -> dict:
    # Somebody who is not a lawyer on the matter comes through as None: the service refuses it by field,
    # after it has checked that the caller may set deadlines at all.
    return {
        "title": data["title"],
        "responsible": _responsible(matter, data["responsible"]),
        "due_on": data.get("due_on"),
        "rule": data.get("rule") or "",
        "amount": data.get("amount"),
        "trigger_date": data.get("trigger_date"),
        "notes": data.get("notes") or "",
    }


def _detail(request, pk, status_code: int = 200) -> Response:
    deadline = sel.deadline_get(user=request.user, pk=pk)
    return Response(DeadlineDetailOutput(deadline, context={"user": request.user}).data, status=status_code)


class DeadlineListCreateApi(PortalAPIView):
    pagination_class = SoonestFirstPagination

    class QueryInput(serializers.Serializer):
        matter = IdField(required=False, help_text="Only this matter's deadlines.")
        status = serializers.ChoiceField(choices=Deadline.Status.choices, required=False)
        responsible = serializers.ChoiceField(choices=["me"], required=False, help_text="`me`: those I answer for.")

    # `from` and `to` are Python keywords: declared by name.
    QueryInput._declared_fields["from"] = serializers.DateField(required=False, help_text="Last day on or after.")
    QueryInput._declared_fields["to"] = serializers.DateField(required=False, help_text="Last day on or before.")

    @extend_schema(operation_id="deadlines_list", responses={200: DeadlineOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The deadlines the caller may see, soonest first."""
        query = self.query(request)
        rows = sel.deadline_list(
            user=request.user,
            matter=query.get("matter"),
            status=query.get("status"),
            date_from=query.get("from"),
            date_to=query.get("to"),
            responsible=request.user if query.get("responsible") == "me" else None,
        )
        return self.paginated(request, rows, DeadlineOutput, user=request.user)

    @extend_schema(
        operation_id="deadlines_create",
        request=DeadlineCreateInput,
        responses={201: DeadlineDetailOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """Set a deadline on a matter: a typed `due_on`, or `rule` + `trigger_date` (+ `amount` for a custom rule)."""
        data = self.validated(DeadlineCreateInput, request.data)
        matter = matter_get(user=request.user, pk=data["matter"])
        deadline = services.deadline_add(matter=matter, by=request.user, **_arguments(data, matter))
        return _detail(request, deadline.pk, status.HTTP_201_CREATED)


class DeadlineDetailApi(PortalAPIView):
    @extend_schema(operation_id="deadlines_retrieve", responses={200: DeadlineDetailOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One deadline with its rule and arithmetic in the caller's language."""
        return _detail(request, pk)

    @extend_schema(
        operation_id="deadlines_update", request=DeadlineInput, responses={200: DeadlineDetailOutput, **ERROR_RESPONSES}
    )
    def put(self, request, pk):
        """Change an open deadline (all fields): recomputed, revision raised, reminders moved. 409 when closed."""
        deadline = sel.deadline_get(user=request.user, pk=pk)
        if not allowed(request.user, deadline, "manage"):
            raise NotPermitted(gettext("Only the firm's people on the matter change its deadlines."))
        data = self.validated(DeadlineInput, request.data)
        services.deadline_change(deadline=deadline, by=request.user, **_arguments(data, deadline.matter))
        return _detail(request, pk)


class DeadlineDoneApi(PortalAPIView):
    @extend_schema(
        operation_id="deadlines_done", request=None, responses={200: DeadlineDetailOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Mark the deadline done; its pending reminders are withdrawn. 409 when already closed."""
        services.deadline_done(deadline=sel.deadline_get(user=request.user, pk=pk), by=request.user)
        return _detail(request, pk)


class DeadlineCancelApi(PortalAPIView):
    @extend_schema(
        operation_id="deadlines_cancel", request=None, responses={200: DeadlineDetailOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Cancel the deadline; its pending reminders are withdrawn. 409 when already closed."""
        services.deadline_cancel(deadline=sel.deadline_get(user=request.user, pk=pk), by=request.user)
        return _detail(request, pk)


class DeadlineRulesApi(PortalAPIView):
    @extend_schema(operation_id="deadline_rules_list", responses={200: RuleOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The named periods the firm computes deadlines by, with their articles (reference data)."""
        rows = [
            {
                "code": rule.code,
                "label": gettext(rule.label),
                "unit": rule.unit,
                "amount": rule.amount,
                "max_amount": rule.amount or MAX_AMOUNT[rule.unit],
                "basis": gettext(rule.basis),
                "counted_from": gettext(rule.trigger),
            }
            for rule in RULES.values()
        ]
        return Response(RuleOutput(rows, many=True).data)


class DeadlineComputeApi(PortalAPIView):
    @extend_schema(
        operation_id="deadlines_compute", request=ComputeInput, responses={200: ComputeOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        """The last day a rule gives from a date, with the arithmetic; nothing is written."""
        data = self.validated(ComputeInput, request.data)
        computation = services.deadline_preview(
            rule=data["rule"], trigger_date=data["trigger_date"], amount=data.get("amount")
        )
        return Response(
            ComputeOutput(
                {
                    "due_on": computation.due_on,
                    "steps": explain(computation.steps),
                    "passed": computation.due_on < timezone.localdate(),
                }
            ).data,
            status=status.HTTP_200_OK,
        )


urlpatterns = [
    path("deadlines/", DeadlineListCreateApi.as_view(), name="deadline_list"),
    path("deadlines/rules/", DeadlineRulesApi.as_view(), name="deadline_rules"),
    path("deadlines/compute/", DeadlineComputeApi.as_view(), name="deadline_compute"),
    path("deadlines/<int:pk>/", DeadlineDetailApi.as_view(), name="deadline_detail"),
    path("deadlines/<int:pk>/done/", DeadlineDoneApi.as_view(), name="deadline_done"),
    path("deadlines/<int:pk>/cancel/", DeadlineCancelApi.as_view(), name="deadline_cancel"),
]
