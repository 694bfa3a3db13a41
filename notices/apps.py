from django.apps import AppConfig
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices")

    def ready(self):
        from . import kinds
        from .caching import notice_row_changed
        from .models import Notice, NoticeKindSetting

        # The header's unread count is kept per user (notices.caching): a notice written or deleted bumps it.
        post_save.connect(notice_row_changed, sender=Notice, dispatch_uid="notices-inbox-save")
        post_delete.connect(notice_row_changed, sender=Notice, dispatch_uid="notices-inbox-delete")

        # The firm's schedule is read once per request at most, and at once after the admin saves it.
        request_started.connect(kinds.clear_cache, dispatch_uid="notices-kinds-request")
        post_save.connect(kinds.clear_cache, sender=NoticeKindSetting, dispatch_uid="notices-kinds-save")
        post_delete.connect(kinds.clear_cache, sender=NoticeKindSetting, dispatch_uid="notices-kinds-delete")
