"""API routes: hearings (mounted under /api/ by hearings.api_urls)."""

urlpatterns: list = []
