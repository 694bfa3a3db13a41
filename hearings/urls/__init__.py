"""Pages of the hearings app, one module per sub-concern."""

from . import calendar, deadlines, hearings

app_name = "hearings"

urlpatterns = [*hearings.urlpatterns, *deadlines.urlpatterns, *calendar.urlpatterns]
