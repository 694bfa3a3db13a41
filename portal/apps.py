from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The pages that read across clients and matters: the dashboards, the staff search, the demo data.

    The top of the layers (see README): it may import any app below it, and none imports it.
    """

    name = "portal"
