from django.urls import path

from matters import api as matters_api
from users import api as users_api

app_name = "api"

urlpatterns = [
    path("auth/token/", users_api.TokenCreateApi.as_view(), name="auth_token"),
    path("me/", users_api.MeApi.as_view(), name="me"),
    path("matters/", matters_api.MatterListApi.as_view(), name="matter_list"),
    path("tasks/", matters_api.TaskListCreateApi.as_view(), name="task_list"),
    path("tasks/<int:pk>/", matters_api.TaskDetailApi.as_view(), name="task_detail"),
    path("tasks/<int:pk>/accept/", matters_api.TaskAcceptApi.as_view(), name="task_accept"),
    path("tasks/<int:pk>/decline/", matters_api.TaskDeclineApi.as_view(), name="task_decline"),
    path("tasks/<int:pk>/answer/", matters_api.TaskAnswerApi.as_view(), name="task_answer"),
    path("tasks/<int:pk>/receipt/", matters_api.TaskReceiptApi.as_view(), name="task_receipt"),
]
