"""API routes of the hearings app (mounted under /api/ by engagement.api_urls)."""

from .api import calendar, deadlines, hearings

urlpatterns = [*hearings.urlpatterns, *deadlines.urlpatterns, *calendar.urlpatterns]
