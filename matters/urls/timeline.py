"""Pages of the matter timeline, the lead's steering of a matter (the dashboard and the staff search are portal's)."""

from django.urls import path

from ..views import timeline

urlpatterns = [
    path("matters/<int:pk>/timeline/", timeline.timeline, name="timeline"),
    path("matters/<int:pk>/steer/", timeline.matter_steer, name="matter_steer"),
]
