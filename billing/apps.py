from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """Fee arrangements, time, expenses, advances, invoices, acts, termination and claims."""

    name = "billing"
    verbose_name = _("Billing")

    def ready(self):
        # The apps below billing may not import it: hand them what an overdue advance blocks (core/ports.py),
        # what the client must pay on its dashboard (portal.selectors.dashboard_needed.provide_needed) and
        # where a timeline line about an advance links to (timeline.rendering.REF_ROUTES).
        from django.urls import reverse

        from core import ports
        from portal.demo import register_seeder
        from portal.selectors.dashboard_needed import provide_needed
        from timeline.rendering import REF_ROUTES

        from .demo import seed_billing
        from .selectors.advances import advances_needed, blocking_advances, overdue_for_matter

        ports.provide(blocking_advances=blocking_advances, overdue_advances=overdue_for_matter)
        register_seeder(seed_billing)
        provide_needed("advance", advances_needed)
        REF_ROUTES.setdefault("advance", lambda pk, matter_id, client_id: reverse("billing:advance_detail", args=[pk]))
