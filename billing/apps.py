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

        from core import dashboard_cache, jinja, ports
        from portal.demo import register_seeder
        from portal.selectors.dashboard_money import provide_money
        from portal.selectors.dashboard_needed import provide_needed
        from portal.selectors.dashboard_staff import provide_panel
        from timeline.rendering import REF_ROUTES

        from . import caching
        from .access import billing_menu
        from .caching import for_the_client_dashboard
        from .demo import seed_billing
        from .selectors.acts import acts_needed
        from .selectors.advances import advances_needed, blocking_advances, overdue_for_matter
        from .selectors.dashboard import claims_panel, client_money, final_acts_panel, invoices_needed, payments_panel

        ports.provide(blocking_advances=blocking_advances, overdue_advances=overdue_for_matter)
        jinja.register_global("billing_menu", billing_menu)  # the layout's header (core/jinja2/core/_header.html)
        register_seeder(seed_billing)
        # The client's Money card and the firm's panels come from billing's rows: their services bump these scopes,
        # and every write of such a row (the admin's too) bumps the dashboards of its client and the firm's. Only
        # the rows a dashboard reads (tests/portal/test_dashboard_cache.py holds it): a work report's progress,
        # saved every few pages while it renders, is none of theirs.
        dashboard_cache.add_scopes(*caching.ALL)
        for name in ("Invoice", "Act", "Advance", "AdvanceSpending", "Claim", "Payment", "Termination"):
            dashboard_cache.watch(self.get_model(name))
        provide_needed("advance", for_the_client_dashboard("advance", advances_needed))
        provide_needed("invoice", for_the_client_dashboard("invoice", invoices_needed))
        provide_money(for_the_client_dashboard("money", client_money))
        provide_panel("payments", payments_panel)
        provide_panel("claims", claims_panel)
        provide_panel("final_acts", final_acts_panel)
        provide_needed("act", for_the_client_dashboard("act", acts_needed))
        REF_ROUTES.setdefault("act", lambda pk, matter_id, client_id: reverse("billing:act_detail", args=[pk]))
        REF_ROUTES.setdefault("advance", lambda pk, matter_id, client_id: reverse("billing:advance_detail", args=[pk]))
        REF_ROUTES.setdefault("claim", lambda pk, matter_id, client_id: reverse("billing:claim_detail", args=[pk]))
        REF_ROUTES.setdefault("invoice", lambda pk, matter_id, client_id: reverse("billing:invoice_detail", args=[pk]))
        for work in ("timeentry", "expense"):
            REF_ROUTES.setdefault(
                work, lambda pk, matter_id, client_id: reverse("billing:matter_work", args=[matter_id])
            )
