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

        # The stages are kept for every reader (matters.selectors.timeline.type_stages): any write of them
        # (the admin, the seed, a shell) makes them read again. QuerySet.update() sends no signal: the admin's
        # one (moving stages out of each other's way) is followed by the saves of the same rows.
        from django.db.models.signals import post_delete, post_save

        from .models import MatterType, Stage
        from .services.stages import stages_changed

        for model in (MatterType, Stage):
            for signal in (post_save, post_delete):
                signal.connect(stages_changed, sender=model, weak=False, dispatch_uid=f"stages:{model.__name__}")

        # The kept inboxes (selectors.task_inbox_page) and whatever else is kept of who sees which matter
        # (access.VISIBILITY_SCOPE): every save and delete of a task, an assignment or a matter, whoever writes
        # it (a service, the admin's inline where a lead flag changes, a data fix). Nothing writes them with
        # QuerySet.update() or bulk_create(), which send no signal: whatever comes to must bump itself.
        from .models import Assignment, Matter, Task
        from .services.matters import assignments_changed, matter_changed
        from .services.tasks import submitted_changed

        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(submitted_changed, sender=Task, weak=False, dispatch_uid=f"inbox:task-{name}")
            signal.connect(assignments_changed, sender=Assignment, weak=False, dispatch_uid=f"visibility:{name}")
            signal.connect(matter_changed, sender=Matter, weak=False, dispatch_uid=f"visibility:matter-{name}")
