"""Pages of intake (filled in by the intake work)."""

urlpatterns = []
