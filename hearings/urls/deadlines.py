"""Pages of procedural deadlines."""

from django.urls import path

from ..views import deadlines as views

urlpatterns = [
    path("matters/<int:pk>/deadlines/new/", views.deadline_new, name="deadline_new"),
    path("deadlines/compute/", views.deadline_compute, name="deadline_compute"),
    path("deadlines/<int:pk>/", views.deadline_detail, name="deadline_detail"),
    path("deadlines/<int:pk>/edit/", views.deadline_edit, name="deadline_edit"),
    path("deadlines/<int:pk>/done/", views.deadline_done, name="deadline_done"),
    path("deadlines/<int:pk>/cancel/", views.deadline_cancel, name="deadline_cancel"),
]
