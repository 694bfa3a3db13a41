"""REST API of time entries and expenses: list and record, read, change or delete a draft, submit, review."""

from django.urls import path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.api_refs import MatterRefSerializer, PersonSerializer
from core.selectors import get_visible

from .. import selectors, services
from ..access import recordable_matters
from ..models import Expense, TimeEntry, WorkStatus


class _WorkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = MatterRefSerializer()
    specialist = PersonSerializer()
    date = serializers.DateField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=WorkStatus.choices)
    return_reason = serializers.CharField()
    internal_note = serializers.SerializerMethodField(help_text="The firm's own note; empty for the client.")
    reviewed_by = PersonSerializer(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()

    def get_internal_note(self, item) -> str:
        user = self.context.get("user")
        return item.internal_note if user is not None and user.is_firm else ""


class TimeEntryOutput(_WorkOutput):
    minutes = serializers.IntegerField()
    billable = serializers.BooleanField()


class ExpenseOutput(_WorkOutput):
    category = serializers.ChoiceField(choices=Expense.Category.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    receipt_name = serializers.CharField()
    receipt_url = serializers.SerializerMethodField()
    covered_by_advance = serializers.SerializerMethodField(
        help_text="The advance that paid it (then it is never billed on an invoice), or null."
    )

    def get_covered_by_advance(self, item) -> int | None:
        spending = getattr(item, "advance_spending", None)
        return spending.advance_id if spending else None

    def get_receipt_url(self, item) -> str:
        return reverse("billing:expense_receipt", kwargs={"pk": item.pk}) if item.receipt else ""


class WorkQuery(serializers.Serializer):
    matter = IdField(required=False, help_text="Only this matter's entries.")
    status = serializers.ChoiceField(choices=WorkStatus.choices, required=False)
    mine = serializers.BooleanField(required=False, default=False, help_text="Only the caller's own entries.")


WorkQuery._declared_fields["from"] = serializers.DateField(required=False, help_text="On or after this date.")
WorkQuery._declared_fields["to"] = serializers.DateField(required=False, help_text="On or before this date.")


class TimeEntryCreateInput(serializers.Serializer):
    matter = IdField()
    specialist = IdField(required=False, help_text="A lead records for the team; by default the caller.")
    date = serializers.DateField()
    minutes = serializers.IntegerField(min_value=1, max_value=1440)
    description = serializers.CharField()
    billable = serializers.BooleanField(required=False, default=True)
    internal_note = serializers.CharField(required=False, allow_blank=True, default="")


class TimeEntryUpdateInput(serializers.Serializer):
    date = serializers.DateField(required=False)
    minutes = serializers.IntegerField(min_value=1, max_value=1440, required=False)
    description = serializers.CharField(required=False)
    billable = serializers.BooleanField(required=False)
    internal_note = serializers.CharField(required=False, allow_blank=True)


class ExpenseCreateInput(serializers.Serializer):
    matter = IdField()
    specialist = IdField(required=False, help_text="A lead records for the team; by default the caller.")
    date = serializers.DateField()
    category = serializers.ChoiceField(choices=Expense.Category.choices)
    amount = serializers.CharField(max_length=20, help_text="Roubles, e.g. 6000.00.")
    description = serializers.CharField()
    receipt = serializers.FileField(required=False)
    internal_note = serializers.CharField(required=False, allow_blank=True, default="")


class ExpenseUpdateInput(serializers.Serializer):
    date = serializers.DateField(required=False)
    category = serializers.ChoiceField(choices=Expense.Category.choices, required=False)
    amount = serializers.CharField(max_length=20, required=False)
    description = serializers.CharField(required=False)
    internal_note = serializers.CharField(required=False, allow_blank=True)


class ReturnInput(serializers.Serializer):
    reason = serializers.CharField()


class Pagination(NewestFirstPagination):
    ordering = ("-date", "-id")


def _views(model, output, create_input, update_input, prefix: str, record):
    """The list/create, detail and transition views of one kind of work (time entries or expenses)."""

    def _one(request, pk, action="view"):
        return selectors.work_get(model, request.user, pk, action)

    def _out(request, pk):
        return Response(output(_one(request, pk), context={"user": request.user}).data)

    class ListCreate(PortalAPIView):
        pagination_class = Pagination
        QueryInput = WorkQuery

        @extend_schema(operation_id=f"{prefix}_list", responses={200: output(many=True), **ERROR_RESPONSES})
        def get(self, request):
            """What the caller may see, newest date first (a client: approved and billed only)."""
            q = self.query(request)
            rows = selectors.work_list(
                model,
                request.user,
                matter=q.get("matter"),
                status=q.get("status"),
                date_from=q.get("from"),
                date_to=q.get("to"),
                mine=q.get("mine"),
            )
            return self.paginated(request, rows, output, user=request.user)

        @extend_schema(
            operation_id=f"{prefix}_create", request=create_input, responses={201: output, **ERROR_RESPONSES}
        )
        def post(self, request):
            """Record a draft on one of the caller's matters."""
            data = self.validated(create_input, request.data)
            matter = get_visible(recordable_matters(request.user), pk=data.pop("matter"))
            specialist_id = data.pop("specialist", None)
            specialist = get_visible(matter.specialists.all(), pk=specialist_id) if specialist_id else request.user
            item = record(by=request.user, matter=matter, specialist=specialist, **data)
            return Response(
                output(_one(request, item.pk), context={"user": request.user}).data, status=status.HTTP_201_CREATED
            )

    class Detail(PortalAPIView):
        @extend_schema(operation_id=f"{prefix}_retrieve", responses={200: output, **ERROR_RESPONSES})
        def get(self, request, pk):
            return _out(request, pk)

        @extend_schema(
            operation_id=f"{prefix}_partial_update", request=update_input, responses={200: output, **ERROR_RESPONSES}
        )
        def patch(self, request, pk):
            """Change a draft (its recorder, or the matter's lead)."""
            data = self.validated(update_input, request.data)
            services.update_work(by=request.user, entry=_one(request, pk), data=data)
            return _out(request, pk)

        @extend_schema(operation_id=f"{prefix}_destroy", responses={204: None, **ERROR_RESPONSES})
        def delete(self, request, pk):
            """Delete a draft; a submitted, approved or billed entry stays."""
            services.delete_work(by=request.user, entry=_one(request, pk))
            return Response(status=status.HTTP_204_NO_CONTENT)

    class Submit(PortalAPIView):
        @extend_schema(operation_id=f"{prefix}_submit", request=None, responses={200: output, **ERROR_RESPONSES})
        def post(self, request, pk):
            """Send a draft to the matter's lead for review."""
            services.submit_work(by=request.user, entry=_one(request, pk))
            return _out(request, pk)

    class Approve(PortalAPIView):
        @extend_schema(operation_id=f"{prefix}_approve", request=None, responses={200: output, **ERROR_RESPONSES})
        def post(self, request, pk):
            """Approve a submitted entry (the matter's lead or a partner): it can now be billed."""
            services.approve_work(by=request.user, entry=_one(request, pk))
            return _out(request, pk)

    class Return(PortalAPIView):
        @extend_schema(operation_id=f"{prefix}_return", request=ReturnInput, responses={200: output, **ERROR_RESPONSES})
        def post(self, request, pk):
            """Return a submitted entry to its recorder with a reason; it is a draft again."""
            data = self.validated(ReturnInput, request.data)
            services.return_work(by=request.user, entry=_one(request, pk), reason=data["reason"])
            return _out(request, pk)

    for view in (ListCreate, Detail, Submit, Approve, Return):
        view.__name__ = view.__qualname__ = f"{model.__name__}{view.__name__}Api"
    return ListCreate, Detail, Submit, Approve, Return


_t = _views(
    TimeEntry, TimeEntryOutput, TimeEntryCreateInput, TimeEntryUpdateInput, "time_entries", services.record_time
)
_e = _views(Expense, ExpenseOutput, ExpenseCreateInput, ExpenseUpdateInput, "expenses", services.record_expense)

urlpatterns = []
for segment, name, (lst, detail, submit, approve, ret) in (
    ("time-entries", "time_entry", _t),
    ("expenses", "expense", _e),
):
    urlpatterns += [
        path(f"{segment}/", lst.as_view(), name=f"{name}_list"),
        path(f"{segment}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{segment}/<int:pk>/submit/", submit.as_view(), name=f"{name}_submit"),
        path(f"{segment}/<int:pk>/approve/", approve.as_view(), name=f"{name}_approve"),
        path(f"{segment}/<int:pk>/return/", ret.as_view(), name=f"{name}_return"),
    ]
