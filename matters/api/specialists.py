"""API of specialists (filled in by the specialists work)."""

urlpatterns = []
