"""Pages of the matters app, one module per sub-concern."""

from . import deliverables, documents, messages, risk, specialists, subcontracting, tasks, timeline

app_name = "matters"

urlpatterns = [*tasks.urlpatterns, *specialists.urlpatterns, *subcontracting.urlpatterns]
urlpatterns += deliverables.urlpatterns
urlpatterns += documents.urlpatterns
urlpatterns += messages.urlpatterns
urlpatterns += risk.urlpatterns
urlpatterns += timeline.urlpatterns
