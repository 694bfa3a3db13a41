from django.urls import path

from audit.api import urlpatterns as audit_api
from clients.api_urls import urlpatterns as clients_api
from matters.api_urls import urlpatterns as matters_api
from users import api as users_api

app_name = "api"

urlpatterns = [
    path("auth/token/", users_api.TokenCreateApi.as_view(), name="auth_token"),
    path("me/", users_api.MeApi.as_view(), name="me"),
    *matters_api,
    *clients_api,
    *audit_api,
]
