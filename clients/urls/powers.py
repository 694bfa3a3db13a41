"""Pages of the powers-of-attorney register (rule 5)."""

from django.urls import path

from ..views import powers as views

urlpatterns = [
    path("powers/", views.power_list, name="power_list"),
    path("clients/<int:client_pk>/powers/", views.power_list, name="power_list"),
    path("clients/<int:client_pk>/powers/new/", views.power_new, name="power_new"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("powers/<int:pk>/send/", views.power_send, name="power_send"),
    path("powers/<int:pk>/signed/", views.power_signed, name="power_signed"),
    path("powers/<int:pk>/revoke/", views.power_revoke, name="power_revoke"),
    path("powers/<int:pk>/draft.pdf", views.power_draft_pdf, name="power_draft_pdf"),
    path("powers/<int:pk>/scan/", views.power_scan, name="power_scan"),
]
