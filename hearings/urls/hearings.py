from django.urls import path

from ..views import hearings as views

urlpatterns = [
    path("hearings/", views.hearing_list, name="hearing_list"),
    path("matters/<int:matter_pk>/hearings/new/", views.hearing_new, name="hearing_new"),
    path("hearings/<int:pk>/", views.hearing_detail, name="hearing_detail"),
    path("hearings/<int:pk>/edit/", views.hearing_edit, name="hearing_edit"),
    path("hearings/<int:pk>/reschedule/", views.hearing_reschedule, name="hearing_reschedule"),
    path("hearings/<int:pk>/cancel/", views.hearing_cancel, name="hearing_cancel"),
    path("hearings/<int:pk>/attendees/", views.attendee_add, name="attendee_add"),
    path("hearings/<int:hearing_pk>/attendees/<int:pk>/remove/", views.attendee_remove, name="attendee_remove"),
    path("hearings/<int:pk>/answer/", views.hearing_answer, name="hearing_answer"),
    path("attend/<str:token>/", views.attendance_link, name="attendance_link"),
]
