"""API of disclosures (filled in by the disclosures work)."""

urlpatterns = []
