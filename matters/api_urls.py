"""API routes of the matters app (mounted under /api/ by engagement.api_urls)."""

from django.urls import path

from .api import (
    deliverables,
    documents,
    matters,
    messages,
    risk,
    specialists,
    subcontracting,
    timeline,
)
from .api import tasks as api

urlpatterns = [
    path("matters/", api.MatterListApi.as_view(), name="matter_list"),
    *matters.urlpatterns,
    path("tasks/", api.TaskListCreateApi.as_view(), name="task_list"),
    path("tasks/<int:pk>/", api.TaskDetailApi.as_view(), name="task_detail"),
    path("tasks/<int:pk>/accept/", api.TaskAcceptApi.as_view(), name="task_accept"),
    path("tasks/<int:pk>/decline/", api.TaskDeclineApi.as_view(), name="task_decline"),
    path("tasks/<int:pk>/answer/", api.TaskAnswerApi.as_view(), name="task_answer"),
    path("tasks/<int:pk>/follow-up/", api.TaskFollowUpApi.as_view(), name="task_follow_up"),
    path("tasks/<int:pk>/receipt/", api.TaskReceiptApi.as_view(), name="task_receipt"),
    *specialists.urlpatterns,
    *subcontracting.urlpatterns,
]
urlpatterns += messages.urlpatterns
urlpatterns += risk.urlpatterns
urlpatterns += deliverables.urlpatterns
urlpatterns += documents.urlpatterns
urlpatterns += timeline.urlpatterns
