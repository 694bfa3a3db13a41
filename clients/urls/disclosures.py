"""Pages of the disclosure questionnaire (rule 4)."""

from django.urls import path

from ..views import disclosures as views

urlpatterns = [
    path("matters/<int:matter_pk>/disclosure/", views.disclosure, name="disclosure"),
    path("matters/<int:matter_pk>/disclosure/questions/", views.disclosure_ask, name="disclosure_ask"),
    path(
        "matters/<int:matter_pk>/disclosure/questions/<int:pk>/answer/",
        views.disclosure_answer,
        name="disclosure_answer",
    ),
    path("matters/<int:matter_pk>/disclosure/revisions/", views.disclosure_revisions, name="disclosure_revisions"),
]
