from django.urls import path

from ..views import documents as views

urlpatterns = [
    path("documents/", views.documents, name="documents"),
    path("clients/<int:client_pk>/documents/", views.documents, name="documents"),
    path("documents/<int:pk>/return/", views.document_return, name="document_return"),
    path("matters/<int:pk>/documents/", views.matter_documents, name="matter_documents"),
    path("documents/sent/<int:pk>/received/", views.document_received, name="document_received"),
    path("documents/sent/<int:pk>/file/", views.document_file, name="document_file"),
]
