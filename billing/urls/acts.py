"""Pages of acts of services rendered (rule 1)."""

from django.urls import path

from ..views import acts as views

urlpatterns = [
    path("acts/", views.acts, name="acts"),
    path("matters/<int:pk>/acts/", views.matter_acts, name="matter_acts"),
    path("matters/<int:pk>/acts/new/", views.act_new, name="act_new"),
    path("acts/<int:pk>/", views.act_detail, name="act_detail"),
    path("acts/<int:pk>/correct/", views.act_correct, name="act_correct"),
    path("acts/<int:pk>/dispatch/", views.act_dispatch, name="act_dispatch"),
    path("acts/<int:pk>/accept/", views.act_accept, name="act_accept"),
    path("acts/<int:pk>/object/", views.act_object, name="act_object"),
    path("acts/<int:pk>/pdf/", views.act_pdf, name="act_pdf"),
    path("acts/<int:pk>/upd/", views.act_upd_pdf, name="act_upd_pdf"),
]
