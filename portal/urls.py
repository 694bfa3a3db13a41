"""Pages that read across clients and matters: the staff search (the dashboard is `home`, in engagement.urls)."""

from django.urls import path

from .views import search

app_name = "portal"

urlpatterns = [
    path("search/", search.search, name="search"),
]
