"""REST API of hearings and meetings (issue 11, rule 8): list, detail, schedule, change, move, cancel,
attendees, and a client user's own answer. Thin: parse → call a service or selector → serialise.

Outside contacts' e-mail addresses are shown to the firm only. Another client's ids are a 404.
"""

from django.conf import settings
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, IdField, NewestFirstPagination, PortalAPIView
from core.api_refs import PersonSerializer
from core.errors import NotFound, ValidationError
from matters.selectors import matter_get
from users.models import User

from ..models import Attendee, Hearing
from ..selectors import hearings as sel
from ..services import attendance
from ..services import hearings as services
from ..services.hearings import Contact
from ..zones import zone_choices

NOT_ON_MATTER = _("The representative must be a lawyer working on this matter.")
NOT_CLIENTS = _("Only the users of this matter's client can be required to attend.")


class HearingsPagination(NewestFirstPagination):
    ordering = ("starts_at", "id")


class AttendeeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Attendee.Kind.choices)
    user = serializers.IntegerField(
        source="user_id", allow_null=True, help_text="The client user; null for an outside contact."
    )
    name = serializers.CharField()
    email = serializers.SerializerMethodField(help_text="An outside contact's address: shown to the firm only.")
    response = serializers.ChoiceField(choices=Attendee.Response.choices)
    reason = serializers.CharField()
    responded_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_email(self, attendee) -> str | None:
        user = self.context.get("user")
        return attendee.email or None if user is not None and user.is_firm else None


class HearingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    kind = serializers.ChoiceField(choices=Hearing.Kind.choices)
    title = serializers.CharField()
    venue = serializers.CharField()
    address = serializers.CharField()
    room = serializers.CharField()
    case_number = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    time_zone = serializers.CharField(help_text="The IANA zone of the place; times are given with their offset.")
    representative = PersonSerializer(allow_null=True)
    notes = serializers.CharField()
    status = serializers.ChoiceField(choices=Hearing.Status.choices)
    cancel_reason = serializers.CharField()
    sequence = serializers.IntegerField(help_text="Raised on every change the attendees were told of.")
    attendees = serializers.SerializerMethodField()
    poa_missing = serializers.SerializerMethodField(
        help_text="For the firm: the representative has no signed power of attorney valid on the day."
    )

    @extend_schema_field(AttendeeOutput(many=True))
    def get_attendees(self, hearing):
        return AttendeeOutput(hearing.attendees.all(), many=True, context=self.context).data

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_poa_missing(self, hearing) -> bool | None:
        user = self.context.get("user")
        if user is None or not user.is_firm:
            return None
        return hearing.pk in self.context.get("poa_missing", set())


def _out(request, hearings) -> list:
    rows = list(hearings)
    missing = sel.poa_missing(rows) if request.user.is_firm else set()
    return HearingOutput(rows, many=True, context={"user": request.user, "poa_missing": missing}).data


def _one(request, pk) -> dict:
    return _out(request, [sel.hearing_get(user=request.user, pk=pk)])[0]


class ContactInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    kind = serializers.ChoiceField(choices=[Attendee.Kind.EMPLOYEE, Attendee.Kind.WITNESS])
    language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES], default="ru")


class _TimeInput(serializers.Serializer):
    starts_at = serializers.DateTimeField(help_text="With its offset (ISO 8601); shown in the place's zone.")
    ends_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    time_zone = serializers.ChoiceField(choices=[z for z, _label in zone_choices()], required=False, default="")


class _DetailsInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Hearing.Kind.choices, default=Hearing.Kind.COURT)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    venue = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    room = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    case_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    representative = IdField(required=False, allow_null=True, default=None, help_text="A lawyer on the matter.")


def _person(pk):
    """A user by id for the service to judge (it refuses one not on the matter or of another client)."""
    if pk is None:
        return None
    person = User.objects.filter(pk=pk).first()
    if person is None:
        raise ValidationError(fields={"representative": [NOT_ON_MATTER]})
    return person


class HearingListCreateApi(PortalAPIView):
    pagination_class = HearingsPagination

    class QueryInput(serializers.Serializer):
        matter = IdField(required=False)
        date_from = serializers.DateField(required=False, help_text="First day, in the firm's zone.")
        date_to = serializers.DateField(required=False, help_text="Last day, in the firm's zone.")
        status = serializers.ChoiceField(choices=Hearing.Status.choices, required=False)

    class HearingCreateInput(_DetailsInput, _TimeInput):
        matter = IdField()
        client_users = serializers.ListField(child=IdField(), required=False, default=list, max_length=50)
        contacts = ContactInput(many=True, required=False, default=list)

    @extend_schema(operation_id="hearings_list", responses={200: HearingOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The hearings and meetings the caller may see, earliest first."""
        query = self.query(request)
        matter = matter_get(user=request.user, pk=query["matter"]) if query.get("matter") else None
        qs = sel.hearing_list(
            user=request.user,
            matter=matter,
            date_from=query.get("date_from"),
            date_to=query.get("date_to"),
            status=query.get("status"),
        )
        return self.paginated(request, qs, lambda page: _out(request, page))

    @extend_schema(
        operation_id="hearings_create", request=HearingCreateInput, responses={201: HearingOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        """Schedule one on a matter (the firm's people on it); the attendees are asked to confirm."""
        data = self.validated(self.HearingCreateInput, request.data)
        matter = matter_get(user=request.user, pk=data.pop("matter"))
        ids = set(data.pop("client_users"))
        users = list(User.objects.filter(pk__in=ids))
        if len(users) != len(ids):
            raise ValidationError(fields={"client_users": [NOT_CLIENTS]})
        contacts = [Contact(**c) for c in data.pop("contacts")]
        hearing = services.hearing_schedule(
            matter=matter,
            by=request.user,
            representative=_person(data.pop("representative")),
            client_users=users,
            contacts=contacts,
            **data,
        )
        return Response(_one(request, hearing.pk), status=status.HTTP_201_CREATED)


class HearingDetailApi(PortalAPIView):
    class HearingUpdateInput(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Hearing.Kind.choices, required=False)
        title = serializers.CharField(max_length=200, required=False, allow_blank=True)
        venue = serializers.CharField(max_length=300, required=False, allow_blank=True)
        address = serializers.CharField(max_length=300, required=False, allow_blank=True)
        room = serializers.CharField(max_length=50, required=False, allow_blank=True)
        case_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
        notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
        representative = IdField(required=False, allow_null=True)

    @extend_schema(operation_id="hearings_retrieve", responses={200: HearingOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """One hearing with its attendees and their answers."""
        return Response(_one(request, pk))

    @extend_schema(
        operation_id="hearings_update", request=HearingUpdateInput, responses={200: HearingOutput, **ERROR_RESPONSES}
    )
    def patch(self, request, pk):
        """Change the details (not the time); the attendees are told."""
        hearing = sel.hearing_get(user=request.user, pk=pk)
        data = self.validated(self.HearingUpdateInput, request.data)
        if "representative" in data:
            data["representative"] = _person(data["representative"])
        services.hearing_update(hearing=hearing, by=request.user, **data)
        return Response(_one(request, pk))


class HearingRescheduleApi(PortalAPIView):
    class HearingRescheduleInput(_TimeInput):
        pass

    @extend_schema(
        operation_id="hearings_reschedule",
        request=HearingRescheduleInput,
        responses={200: HearingOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Move to a new time: every answer goes back to pending, old links stop working, everyone is told."""
        hearing = sel.hearing_get(user=request.user, pk=pk)
        data = self.validated(self.HearingRescheduleInput, request.data)
        services.hearing_reschedule(hearing=hearing, by=request.user, **data)
        return Response(_one(request, pk))


class HearingCancelApi(PortalAPIView):
    class HearingCancelInput(serializers.Serializer):
        reason = serializers.CharField(max_length=5000)

    @extend_schema(
        operation_id="hearings_cancel", request=HearingCancelInput, responses={200: HearingOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """Cancel with a reason; everyone is told and the reminders are withdrawn."""
        hearing = sel.hearing_get(user=request.user, pk=pk)
        data = self.validated(self.HearingCancelInput, request.data)
        services.hearing_cancel(hearing=hearing, by=request.user, reason=data["reason"])
        return Response(_one(request, pk))


class HearingAttendeesApi(PortalAPIView):
    class AttendeeAddInput(serializers.Serializer):
        user = IdField(required=False, allow_null=True, default=None, help_text="A user of the matter's client.")
        contact = ContactInput(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="hearings_attendees_add",
        request=AttendeeAddInput,
        responses={201: HearingOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Require one more person: a client user or an outside contact (who is then asked to confirm)."""
        hearing = sel.hearing_get(user=request.user, pk=pk)
        data = self.validated(self.AttendeeAddInput, request.data)
        user = User.objects.filter(pk=data["user"]).first() if data["user"] else None
        if data["user"] and user is None:
            raise ValidationError(fields={"client_users": [NOT_CLIENTS]})
        contact = Contact(**data["contact"]) if data["contact"] else None
        services.attendee_add(hearing=hearing, by=request.user, user=user, contact=contact)
        return Response(_one(request, pk), status=status.HTTP_201_CREATED)


class HearingAttendeeDetailApi(PortalAPIView):
    @extend_schema(operation_id="hearings_attendees_remove", responses={204: None, **ERROR_RESPONSES})
    def delete(self, request, hearing_pk, pk):
        """No longer required: its pending reminders are withdrawn."""
        hearing = sel.hearing_get(user=request.user, pk=hearing_pk)
        attendee = sel.attendee_get(user=request.user, hearing=hearing, pk=pk)
        services.attendee_remove(attendee=attendee, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HearingRespondApi(PortalAPIView):
    class HearingRespondInput(serializers.Serializer):
        attend = serializers.BooleanField(help_text="true: will attend; false: cannot (a reason is then required).")
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="hearings_respond", request=HearingRespondInput, responses={200: HearingOutput, **ERROR_RESPONSES}
    )
    def post(self, request, pk):
        """A client user required at the hearing answers for itself (404 when not required there)."""
        hearing = sel.hearing_get(user=request.user, pk=pk)
        data = self.validated(self.HearingRespondInput, request.data)
        mine = sel.my_attendee(user=request.user, hearing=hearing)
        if mine is None:
            raise NotFound()
        attendance.attendance_respond(attendee=mine, by=request.user, confirmed=data["attend"], reason=data["reason"])
        return Response(_one(request, pk))


urlpatterns = [
    path("hearings/", HearingListCreateApi.as_view(), name="hearing_list"),
    path("hearings/<int:pk>/", HearingDetailApi.as_view(), name="hearing_detail"),
    path("hearings/<int:pk>/reschedule/", HearingRescheduleApi.as_view(), name="hearing_reschedule"),
    path("hearings/<int:pk>/cancel/", HearingCancelApi.as_view(), name="hearing_cancel"),
    path("hearings/<int:pk>/attendees/", HearingAttendeesApi.as_view(), name="hearing_attendees"),
    path(
        "hearings/<int:hearing_pk>/attendees/<int:pk>/",
        HearingAttendeeDetailApi.as_view(),
        name="hearing_attendee_detail",
    ),
    path("hearings/<int:pk>/respond/", HearingRespondApi.as_view(), name="hearing_respond"),
]
