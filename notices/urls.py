from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read-all/", views.notices_mark_all_read, name="read_all"),
    path("inbox/preferences/", views.preferences, name="preferences"),
    path("inbox/dead-letters/", views.dead_letters, name="dead_letters"),
    path("inbox/dead-letters/<int:pk>/resend/", views.dead_letter_resend, name="dead_letter_resend"),
    path("inbox/<int:pk>/", views.notice_open, name="open"),
    path("inbox/<int:pk>/read/", views.notice_mark_read, name="read"),
]
