from django.urls import path

from ..views import deliverables as views

urlpatterns = [
    path("matters/<int:matter_pk>/results/", views.deliverable_list, name="deliverable_list"),
    path("matters/<int:matter_pk>/results/new/", views.deliverable_new, name="deliverable_new"),
    path("results/<int:pk>/", views.deliverable_detail, name="deliverable_detail"),
    path("results/<int:pk>/edit/", views.deliverable_edit, name="deliverable_edit"),
    path("results/<int:pk>/release/", views.deliverable_release, name="deliverable_release"),
    path("results/<int:pk>/deliveries/", views.delivery_new, name="delivery_new"),
    path("results/<int:deliverable_pk>/files/<int:pk>/", views.deliverable_file, name="deliverable_file"),
    path("deliveries/<int:pk>/delivered/", views.delivery_delivered, name="delivery_delivered"),
    path("deliveries/<int:pk>/confirm/", views.delivery_confirm, name="delivery_confirm"),
]
