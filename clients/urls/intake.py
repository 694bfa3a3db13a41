"""Pages of intake, the conflict check and the firm's client card."""

from django.urls import path

from ..views import clients, conflicts, intake

urlpatterns = [
    path("intake/", intake.intake_list, name="intake_list"),
    path("intake/new-client/", intake.intake_new_client, name="intake_new_client"),
    path("intake/<int:pk>/", intake.intake_detail, name="intake_detail"),
    path("intake/<int:pk>/process/", intake.intake_process, name="intake_process"),
    path("intake/<int:pk>/clear/", intake.intake_clear, name="intake_clear"),
    path("intake/<int:pk>/decline/", intake.intake_decline, name="intake_decline"),
    path("matters/request/", intake.matter_request, name="matter_request"),
    path("clients/", clients.client_list, name="client_list"),
    path("clients/<int:pk>/", clients.client_detail, name="client_detail"),
    path("clients/<int:pk>/new-matter/", intake.intake_new_matter, name="intake_new_matter"),
    path("conflicts/check/", conflicts.conflict_check, name="conflict_check"),
    path("conflicts/<int:pk>/", conflicts.conflict_check_detail, name="conflict_check_detail"),
]
