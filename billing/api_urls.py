"""API routes of the billing app (mounted under /api/ by engagement.api_urls)."""

from .api import fees, work

urlpatterns = [*fees.urlpatterns, *work.urlpatterns]
