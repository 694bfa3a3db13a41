from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = _("Clients")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.dashboard_cache import watch

        from .models import PowerOfAttorney, TermsAcceptance, TermsVersion
        from .services.terms import terms_rows_changed

        # The expiring-powers panel (clients.selectors.powers.powers_expiring) is kept under the dashboards'
        # scopes: a power's writes bump them (portal watches the rest of what the dashboards show).
        watch(PowerOfAttorney)

        for model in (TermsVersion, TermsAcceptance):
            post_save.connect(terms_rows_changed, sender=model, dispatch_uid=f"terms-cache-{model.__name__}")
            post_delete.connect(terms_rows_changed, sender=model, dispatch_uid=f"terms-cache-del-{model.__name__}")
