"""Pages of advances (rule 7)."""

from django.urls import path

from ..views import advances as views

urlpatterns = [
    path("matters/<int:pk>/advances/", views.advances, name="advances"),
    path("matters/<int:pk>/advances/new/", views.advance_new, name="advance_new"),
    path("advances/<int:pk>/", views.advance_detail, name="advance_detail"),
    path("advances/<int:pk>/paid/", views.advance_paid, name="advance_paid"),
    path("advances/<int:pk>/confirm/", views.advance_confirm, name="advance_confirm"),
    path("advances/<int:pk>/reject/", views.advance_reject, name="advance_reject"),
    path("advances/<int:pk>/override/", views.advance_override, name="advance_override"),
    path("advances/<int:pk>/cancel/", views.advance_cancel, name="advance_cancel"),
    path("advances/<int:pk>/spendings/", views.advance_spend, name="advance_spend"),
    path("advances/<int:pk>/payment-order/", views.advance_payment_order, name="advance_payment_order"),
]
