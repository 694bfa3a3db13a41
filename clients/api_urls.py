"""API routes of the clients app (mounted under /api/ by engagement.api_urls)."""

from .api import disclosures, intake, powers, terms

urlpatterns = [*intake.urlpatterns, *disclosures.urlpatterns, *terms.urlpatterns, *powers.urlpatterns]
