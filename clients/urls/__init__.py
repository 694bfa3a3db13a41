"""Pages of the clients app, one module per sub-concern."""

from . import disclosures, intake, powers, terms

app_name = "clients"

urlpatterns = [*intake.urlpatterns, *disclosures.urlpatterns, *terms.urlpatterns, *powers.urlpatterns]
