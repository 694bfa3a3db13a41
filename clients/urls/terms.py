"""Pages of terms (filled in by the terms work)."""

urlpatterns = []
