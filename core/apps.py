from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from django.conf import settings

        # SQLite's folder and the file broker's folders on a bare machine (see settings.LOCAL_DIRS).
        for folder in settings.LOCAL_DIRS:
            folder.mkdir(parents=True, exist_ok=True)
