"""Pages of subcontracting (rule 11)."""

from django.urls import path

from ..views import subcontracting as views

urlpatterns = [
    path("matters/<int:matter_pk>/subcontracting/new/", views.subcontract_new, name="subcontract_new"),
    path("subcontracting/<int:pk>/", views.subcontract_detail, name="subcontract_detail"),
    path("subcontracting/<int:pk>/answer/", views.subcontract_answer, name="subcontract_answer"),
    path("subcontracting/<int:pk>/engage/", views.subcontract_engage, name="subcontract_engage"),
]
