"""Pages of the matters app, one module per sub-concern."""

from . import specialists, subcontracting, tasks

app_name = "matters"

urlpatterns = [*tasks.urlpatterns, *specialists.urlpatterns, *subcontracting.urlpatterns]
