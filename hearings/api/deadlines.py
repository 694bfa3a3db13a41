"""API routes: deadlines (mounted under /api/ by hearings.api_urls)."""

urlpatterns: list = []
