"""Pages of the calendar: agenda and month, the feed's settings, the secret iCalendar feed."""

from django.urls import path

from ..views import calendar

urlpatterns = [
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/feed/", calendar.feed_settings, name="calendar_feed_settings"),
    path("calendar/feed/reset/", calendar.feed_reset, name="calendar_feed_reset"),
    path("calendar/feed/<str:token>.ics", calendar.feed, name="calendar_feed"),
]
