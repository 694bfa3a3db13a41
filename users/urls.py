"""The account area's own pages (allauth's are mounted beside them under /accounts/)."""

from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("api-tokens/revoke-all/", views.api_tokens_revoke_all, name="api_tokens_revoke_all"),
]
