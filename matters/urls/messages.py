"""Pages of the matter's message thread (rule 9)."""

from django.urls import path

from ..views import messages as views

urlpatterns = [
    path("matters/<int:pk>/messages/", views.thread, name="messages"),
    path("messages/<int:pk>/", views.message_detail, name="message_detail"),
    path("messages/<int:pk>/edit/", views.message_edit, name="message_edit"),
    path("messages/<int:message_pk>/files/<int:pk>/", views.message_attachment, name="message_attachment"),
]
