from django.urls import path

from ..views import documents as views

urlpatterns = [
    path("documents/", views.documents, name="documents"),
    path("clients/<int:client_pk>/documents/", views.documents, name="documents"),
    path("documents/<int:pk>/return/", views.document_return, name="document_return"),
]
