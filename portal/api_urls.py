"""API routes of the portal app (mounted under /api/ by engagement.api_urls)."""

from .api import dashboard, search

urlpatterns = [*dashboard.urlpatterns, *search.urlpatterns]
