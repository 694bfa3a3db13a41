"""Pages of the access log: the client's "who has looked at my data", and the partners' whole-firm view."""

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("privacy/", views.my_access_log, name="my_access_log"),
    path("audit/", views.access_log, name="access_log"),
]
