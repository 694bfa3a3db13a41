"""The inbox's unread count is kept per user (notices.selectors.inbox_unread_count, core.caching) under
``notices:inbox:<user id>``; whatever changes which of a user's notices are unread bumps it here."""

from core.caching import bump


def inbox_scope(user_id) -> str:
    return f"notices:inbox:{user_id}"


def inbox_changed(*user_ids) -> None:
    """These users' inboxes changed (a notice arrived, fell due, was read or deleted)."""
    bump(*(inbox_scope(pk) for pk in set(user_ids) if pk))


def notice_row_changed(sender, instance, raw=False, **kwargs) -> None:
    """post_save / post_delete of a Notice (notices/apps.py): its recipient's inbox changed."""
    if not raw:
        inbox_changed(instance.recipient_id)
