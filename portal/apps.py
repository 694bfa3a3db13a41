from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The pages that read across clients and matters: the dashboards, the staff search, the demo data.

    The top of the layers (see README): it may import any app below it, and none imports it.
    """

    name = "portal"

    def ready(self):
        # The dashboards are kept per user (portal.views.dashboard): every row of the apps below whose data
        # they show bumps them when it is written (core.dashboard_cache). A client's visits to its matters and
        # the timeline are read by clients' dashboards only; a user's sign-in time by none.
        from django.apps import apps

        from core.dashboard_cache import watch

        client_only = {"matters.mattervisit", "timeline.timelineevent"}
        for label in ("matters", "clients", "hearings", "timeline"):
            for model in apps.get_app_config(label).get_models():
                watch(model, staff=model._meta.label_lower not in client_only)
        watch(apps.get_model("users", "User"), ignore_fields=frozenset({"last_login"}))
