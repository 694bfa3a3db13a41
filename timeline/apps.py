from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    """The matter's timeline (rule 6): the event model, `timeline_record`, the rendering of lines.

    Below clients and matters in the layers: every app that changes a matter writes here through
    timeline.services, as every app that sends mail goes through notices.
    """

    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        # What is kept of the timeline (timeline/scopes.py) is thrown away by the writes themselves.
        from .scopes import connect

        connect()
