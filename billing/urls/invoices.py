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
    path("invoices/<int:pk>/dates/", views.invoice_dates, name="invoice_dates"),
    path("invoices/<int:pk>/lines/include/", views.invoice_lines_include, name="invoice_lines_include"),
    path("invoices/<int:pk>/lines/new/", views.invoice_line_add, name="invoice_line_add"),
    path("invoices/<int:pk>/lines/<int:line_pk>/", views.invoice_line_change, name="invoice_line_change"),
    path("invoices/<int:pk>/lines/<int:line_pk>/delete/", views.invoice_line_remove, name="invoice_line_remove"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
]
