from django.urls import re_path

from audit.api import urlpatterns as audit_api
from billing.api_urls import urlpatterns as billing_api
from clients.api_urls import urlpatterns as clients_api
from core.api import api_not_found
from hearings.api_urls import urlpatterns as hearings_api
from matters.api_urls import urlpatterns as matters_api
from notices.api import urlpatterns as notices_api
from portal.api_urls import urlpatterns as portal_api
from users.api import urlpatterns as users_api

app_name = "api"

urlpatterns = [
    *users_api,
    *matters_api,
    *hearings_api,
    *portal_api,
    *clients_api,
    *audit_api,
    *notices_api,
    *billing_api,
    # Last: a path under /api/ that no route matches is a JSON 404, in DEBUG too (not Django's HTML page).
    re_path(r"", api_not_found, name="not_found"),
]
