"""Pages of payments and bank statements (rule 1)."""

from django.urls import path

from ..views import payments as views

urlpatterns = [
    path("billing/payments/", views.payments, name="payments"),
    path("billing/payments/new/", views.payment_new, name="payment_new"),
    path("billing/payments/<int:pk>/", views.payment_detail, name="payment_detail"),
    path("billing/payments/<int:pk>/match/", views.payment_match, name="payment_match"),
    path("billing/payments/<int:pk>/ignore/", views.payment_ignore, name="payment_ignore"),
    path("billing/payments/<int:pk>/unmatch/", views.payment_unmatch, name="payment_unmatch"),
    path("billing/statements/", views.statement_upload, name="statement_upload"),
]
