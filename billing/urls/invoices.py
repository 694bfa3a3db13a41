"""Pages of invoices (rule 1)."""

from django.urls import path

from ..views import invoices as views

urlpatterns = [
    path("matters/<int:pk>/invoices/", views.matter_invoices, name="matter_invoices"),
    path("matters/<int:pk>/invoices/new/", views.invoice_new, name="invoice_new"),
    path("invoices/", views.firm_invoices, name="invoices"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/issue/", views.invoice_issue, name="invoice_issue"),
    path("invoices/<int:pk>/cancel/", views.invoice_cancel, name="invoice_cancel"),
    path("invoices/<int:pk>/delete/", views.invoice_delete, name="invoice_delete"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
]
