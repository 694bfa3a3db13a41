"""The bench floors, included at /bench/ by engagement/urls.py when settings.BENCH_VIEWS is on."""

from django.urls import path

from . import views

urlpatterns = [
    path("hello/", views.hello, name="bench_hello"),
    path("list/", views.task_rows, name="bench_list"),
]
