"""Pages of the matter timeline, the lead's steering of a matter, and the staff search (the dashboard is `home`)."""

from django.urls import path

from ..views import search, timeline

urlpatterns = [
    path("matters/<int:pk>/timeline/", timeline.timeline, name="timeline"),
    path("matters/<int:pk>/steer/", timeline.matter_steer, name="matter_steer"),
    path("search/", search.search, name="search"),
]
