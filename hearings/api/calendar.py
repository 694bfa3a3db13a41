"""API routes: calendar (mounted under /api/ by hearings.api_urls)."""

urlpatterns: list = []
