from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """Fee arrangements, time, expenses, advances, invoices, acts, termination and claims."""

    name = "billing"
    verbose_name = _("Billing")

    def ready(self):
        # The apps below billing may not import it: hand them what an overdue advance blocks (core/ports.py)
        # and what the client must pay on its dashboard (portal.selectors.dashboard_needed).
        from core import ports
        from portal.selectors.dashboard_needed import provide_needed

        from .selectors.advances import advances_needed, blocking_advances, overdue_for_matter

        ports.provide(blocking_advances=blocking_advances, overdue_advances=overdue_for_matter)
        provide_needed("advance", advances_needed)
