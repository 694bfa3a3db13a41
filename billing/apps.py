from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """Fee arrangements, time, expenses, advances, invoices, acts, termination and claims.

    Empty in the foundation: the billing issues fill it. It is installed now so that its
    migrations start from the same first state as everything else.
    """

    name = "billing"
    verbose_name = _("Billing")
