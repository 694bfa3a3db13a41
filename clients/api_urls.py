"""API routes of the clients app (mounted under /api/ by engagement.api_urls)."""

from .api import clients, conflicts, disclosures, intake, powers, terms

urlpatterns = [
    *conflicts.urlpatterns,
    *intake.urlpatterns,
    *clients.urlpatterns,
    *disclosures.urlpatterns,
    *terms.urlpatterns,
    *powers.urlpatterns,
]
