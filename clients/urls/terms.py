"""Pages of the engagement terms and the engagement agreement."""

from django.urls import path

from ..views import terms as views

urlpatterns = [
    path("terms/", views.terms, name="terms"),
    path("terms/accept/", views.terms_accept, name="terms_accept"),
    path("terms/publish/", views.terms_publish, name="terms_publish"),
    path("clients/<int:client_pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
]
