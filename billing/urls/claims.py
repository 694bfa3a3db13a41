"""Pages of claims (rule 15)."""

from django.urls import path

from ..views import claims as views

urlpatterns = [
    path("claims/", views.claims, name="claims"),
    path("matters/<int:matter_pk>/claims/new/", views.claim_new, name="claim_new"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/decide/", views.claim_decide, name="claim_decide"),
    path("claims/<int:pk>/files/<int:file_id>/", views.claim_file, name="claim_file"),
    path("adjustments/<int:pk>/pay-out/", views.adjustment_pay_out, name="adjustment_pay_out"),
]
