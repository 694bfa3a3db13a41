from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MattersConfig(AppConfig):
    name = "matters"
    verbose_name = _("Matters and tasks")

    def ready(self):
        # clients is below matters and may not import it: hand it matters' scoping rules and the act
        # of opening a matter (see clients/ports.py).
        from clients import ports
        from core import jinja

        from .access import confidential_matters, visible_matters
        from .selectors import matter_get, matter_list
        from .services.matters import matter_open
        from .templatetags.matters_tags import matter_status_label, task_channel_label, task_status_label

        ports.provide(
            visible_matters=visible_matters,
            confidential_matters=confidential_matters,
            matter_list=matter_list,
            matter_get=matter_get,
            matter_open=matter_open,
        )
        for label in (task_status_label, task_channel_label, matter_status_label):
            jinja.register_filter(label.__name__, label)
