from django.urls import path

from ..views import tasks as views

urlpatterns = [
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/inbox/", views.inbox, name="inbox"),
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/register/", views.task_register, name="task_register"),
    # matters/_task_rows.html builds this one as task_list's URL + pk + "/": keep them nested.
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/accept/", views.task_accept, name="task_accept"),
    path("tasks/<int:pk>/decline/", views.task_decline, name="task_decline"),
    path("tasks/<int:pk>/answer/", views.task_answer, name="task_answer"),
    path("tasks/<int:pk>/follow-up/", views.task_follow_up, name="task_follow_up"),
    path("tasks/<int:pk>/receipt.pdf", views.task_receipt, name="task_receipt"),
    path("tasks/<int:task_pk>/files/<int:pk>/", views.task_attachment, name="task_attachment"),
    path("matters/", views.matter_list, name="matter_list"),
    path("matters/<int:pk>/", views.matter_detail, name="matter_detail"),
]
