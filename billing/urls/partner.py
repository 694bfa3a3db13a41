"""Pages of the partner's view: the overview and one download per export and format (billing.exports)."""

from django.urls import path

from ..exports import EXPORTERS, FORMATS
from ..views import partner as views

urlpatterns = [path("partner/", views.partner_view, name="partner")]
urlpatterns += [
    path(f"partner/exports/{key}.{fmt}", views.export_view(key, fmt), name=f"partner_export_{key}_{fmt}")
    for key in EXPORTERS
    for fmt in FORMATS
]
