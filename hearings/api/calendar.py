"""API of the calendar: the entries of a date range, and the caller's secret feed URL (and its reset).

The entries are a bounded range (at most MAX_DAYS days), not a cursor page: hearings and deadlines are
two tables merged in day order, and a calendar asks for a span of days anyway.
"""

import datetime as dt

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView, invalid_parameters

from ..selectors.calendar import DEADLINE, HEARING, MAX_ENTRIES, calendar_entries
from ..selectors.feeds import feed_url
from ..services.feeds import feed_key_ensure, feed_key_reset

MAX_DAYS = 400
DEFAULT_DAYS = 28


class CalendarEntryOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[HEARING, DEADLINE])
    id = serializers.IntegerField(source="pk")
    uid = serializers.CharField(help_text="The event's UID in the iCalendar feed.")
    sequence = serializers.IntegerField(help_text="Raised on every change (iCalendar's SEQUENCE).")
    title = serializers.CharField()
    kind_label = serializers.CharField()
    all_day = serializers.BooleanField(help_text="A deadline: `on` is its last day; a hearing has start and end.")
    starts_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)
    on = serializers.DateField(allow_null=True)
    time_zone = serializers.CharField(help_text="The zone of the place (hearings).")
    venue = serializers.CharField()
    address = serializers.CharField()
    room = serializers.CharField()
    case_number = serializers.CharField()
    matter_id = serializers.IntegerField()
    matter_number = serializers.CharField()
    matter_title = serializers.CharField()
    person = serializers.CharField(help_text="Who represents the client, or who is responsible for the deadline.")
    status = serializers.CharField()
    status_label = serializers.CharField()
    cancelled = serializers.BooleanField()
    url = serializers.CharField(allow_null=True, help_text="The page of the hearing or deadline in the portal.")
    last_modified = serializers.DateTimeField()


class CalendarOutput(serializers.Serializer):
    # `from` is a Python keyword: declared through the class body's namespace.
    locals()["from"] = serializers.DateField(help_text="The first day (in the firm's zone).")
    to = serializers.DateField(help_text="The last day, inclusive.")
    truncated = serializers.BooleanField(help_text=f"True when more than {MAX_ENTRIES} of a kind fall in the range.")
    results = CalendarEntryOutput(many=True)


class CalendarApi(PortalAPIView):
    class QueryInput(serializers.Serializer):
        locals()["from"] = serializers.DateField(required=False, help_text="The first day; today unless given.")
        to = serializers.DateField(required=False, help_text=f"The last day, inclusive; at most {MAX_DAYS} days on.")
        include_cancelled = serializers.BooleanField(required=False, default=True)

    @extend_schema(operation_id="calendar", responses={200: CalendarOutput, **ERROR_RESPONSES})
    def get(self, request):
        """The hearings and deadlines the caller may see, in day order, from `from` to `to` (inclusive)."""
        query = self.query(request)
        start = query.get("from") or timezone.localdate()
        end = query.get("to") or start + dt.timedelta(days=DEFAULT_DAYS - 1)
        if end < start:
            raise invalid_parameters({"to": [_("The last day cannot be before the first.")]})
        if (end - start).days >= MAX_DAYS:
            raise invalid_parameters({"to": [_("At most %(days)s days at once.") % {"days": MAX_DAYS}]})
        entries = calendar_entries(
            user=request.user,
            start=start,
            end=end + dt.timedelta(days=1),
            include_cancelled=query.get("include_cancelled", True),
        )
        truncated = sum(e.kind == HEARING for e in entries) >= MAX_ENTRIES or (
            sum(e.kind == DEADLINE for e in entries) >= MAX_ENTRIES
        )
        data = {"from": start, "to": end, "truncated": truncated, "results": entries}
        return Response(CalendarOutput(data).data)


class FeedOutput(serializers.Serializer):
    url = serializers.URLField(help_text="The secret address of the caller's iCalendar feed.")
    created_at = serializers.DateTimeField(help_text="When this address was made.")


class CalendarFeedApi(PortalAPIView):
    @extend_schema(operation_id="calendar_feed", responses={200: FeedOutput, **ERROR_RESPONSES})
    def get(self, request):
        """The caller's secret iCalendar feed URL (made on the first call)."""
        key = feed_key_ensure(user=request.user)
        return Response(FeedOutput({"url": feed_url(key), "created_at": key.created_at}).data)


class CalendarFeedResetApi(PortalAPIView):
    @extend_schema(operation_id="calendar_feed_reset", request=None, responses={200: FeedOutput, **ERROR_RESPONSES})
    def post(self, request):
        """A new secret feed URL for the caller; the old one stops working at once."""
        key = feed_key_reset(user=request.user)
        return Response(FeedOutput({"url": feed_url(key), "created_at": key.created_at}).data)


urlpatterns = [
    path("calendar/", CalendarApi.as_view(), name="calendar"),
    path("calendar/feed/", CalendarFeedApi.as_view(), name="calendar_feed"),
    path("calendar/feed/reset/", CalendarFeedResetApi.as_view(), name="calendar_feed_reset"),
]
