"""Pages of recommendations and risk notices (rules 3 and 10)."""

from django.urls import path

from ..views import risk as views

urlpatterns = [
    path("matters/<int:pk>/risks/", views.risks, name="risks"),
    path("matters/<int:pk>/recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path("matters/<int:pk>/risks/warn/", views.risk_warn, name="risk_warn"),
    path("matters/<int:pk>/risks/acting-alone/", views.risk_acting_alone, name="risk_acting_alone"),
    path("recommendations/<int:pk>/respond/", views.recommendation_respond, name="recommendation_respond"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/acknowledge/", views.risk_acknowledge, name="risk_acknowledge"),
    path("risks/<int:pk>/withdraw/", views.risk_withdraw, name="risk_withdraw"),
    path("risks/<int:pk>/supersede/", views.risk_supersede, name="risk_supersede"),
]
