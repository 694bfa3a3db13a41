"""Pages of the billing app, one module per sub-concern."""

from . import advances

app_name = "billing"

urlpatterns = [*advances.urlpatterns]
