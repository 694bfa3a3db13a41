"""Pages of powers (filled in by the powers work)."""

urlpatterns = []
