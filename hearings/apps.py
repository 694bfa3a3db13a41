from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "hearings"
    verbose_name = _("Hearings, deadlines and calendars")

    def ready(self):
        # Whoever sees which matters decides whose cached calendar holds what (hearings/scopes.py). The
        # services bump for the changes they make; these signals catch every other write of an assignment
        # or a user (the admin, a data fix): a removed lawyer's feed must not keep the matter until it expires.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from matters.models import Assignment

        from .scopes import assignment_changed, user_changed

        post_save.connect(assignment_changed, sender=Assignment, dispatch_uid="calendar-assignment-saved")
        post_delete.connect(assignment_changed, sender=Assignment, dispatch_uid="calendar-assignment-deleted")
        post_save.connect(user_changed, sender=get_user_model(), dispatch_uid="calendar-user-saved")
