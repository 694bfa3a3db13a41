"""Pages of the firm's directory and the client's choice of a specialist (rule 12)."""

from django.urls import path

from ..views import specialists as views

urlpatterns = [
    path("specialists/", views.specialist_list, name="specialist_list"),
    path("specialists/me/", views.profile_edit, name="profile_edit"),
    path("specialists/<int:pk>/", views.specialist_detail, name="specialist_detail"),
    path("specialists/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("specialists/<int:pk>/photo/", views.specialist_photo, name="specialist_photo"),
    path("matters/<int:matter_pk>/request-specialist/", views.specialist_request_new, name="specialist_request_new"),
    path("specialist-requests/", views.specialist_request_list, name="specialist_request_list"),
    path("specialist-requests/<int:pk>/", views.specialist_request_detail, name="specialist_request_detail"),
    path("specialist-requests/<int:pk>/answer/", views.specialist_request_answer, name="specialist_request_answer"),
]
