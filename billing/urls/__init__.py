"""Pages of the billing app."""

from django.urls import path

from ..views import fees, work
from . import acts, advances, claims, invoices, partner, payments, reports

app_name = "billing"

urlpatterns = [
    path("matters/<int:matter_pk>/fees/", fees.arrangement, name="arrangement"),
    path("matters/<int:matter_pk>/fees/new/", fees.arrangement_new, name="arrangement_new"),
    path("matters/<int:matter_pk>/time/", work.matter_work, name="matter_work"),
    path("my-time/", work.my_time, name="my_time"),
    path("firm/requisites/", fees.firm_requisites, name="firm_requisites"),
    path("billing/expenses/<int:pk>/receipt/", work.expense_receipt, name="expense_receipt"),
]
for segment, prefix in (("time-entries", "time"), ("expenses", "expense")):
    for action in ("submit", "approve", "return", "delete"):
        urlpatterns.append(
            path(
                f"billing/{segment}/<int:pk>/{action}/", getattr(work, f"{prefix}_{action}"), name=f"{prefix}_{action}"
            )
        )
urlpatterns += advances.urlpatterns
urlpatterns += payments.urlpatterns
urlpatterns += invoices.urlpatterns
urlpatterns += partner.urlpatterns
urlpatterns += claims.urlpatterns
urlpatterns += acts.urlpatterns
urlpatterns += reports.urlpatterns
