"""Pages of work reports (rule 6) and termination (rule 14)."""

from django.urls import path

from ..views import reports as views

urlpatterns = [
    path("matters/<int:pk>/reports/", views.matter_reports, name="matter_reports"),
    path("matters/<int:pk>/reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/status/", views.report_status, name="report_status"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("matters/<int:pk>/terminate/", views.termination_preview, name="termination_preview"),
    path("matters/<int:pk>/terminate/confirm/", views.termination_confirm, name="termination_confirm"),
    path("matters/<int:pk>/termination/", views.termination_detail, name="termination_detail"),
]
