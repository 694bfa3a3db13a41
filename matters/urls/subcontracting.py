"""Pages of subcontracting (filled in by the subcontracting work)."""

urlpatterns = []
