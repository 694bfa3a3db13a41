"""Reads of the matter's message thread (rule 9). Every one starts from matters.access.visible_messages.

The thread page costs the same with one message or a thousand: the page of messages with their
authors (1), their attachments (1), earlier texts (1) and receipts with their readers (1).
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from core.selectors import get_visible

from ..access import visible_messages
from ..models import Matter, Message, MessageAttachment, MessageReceipt, MessageRevision

THREAD_PAGE = 50
_AUTHOR_FIELDS = ("author__full_name", "author__role")


def _with_everything(qs: QuerySet[Message]) -> QuerySet[Message]:
    message_fields = [f.name for f in Message._meta.concrete_fields]
    return (
        qs.select_related("author")
        .only(*message_fields, *_AUTHOR_FIELDS)
        .prefetch_related(
            Prefetch("attachments", queryset=MessageAttachment.objects.order_by("id")),
            Prefetch("revisions", queryset=MessageRevision.objects.order_by("replaced_at", "id")),
            Prefetch(
                "receipts",
                queryset=MessageReceipt.objects.select_related("user")
                .only("id", "message_id", "user_id", "read_at", "user__full_name")
                .order_by("user__full_name", "id"),
            ),
        )
    )


@dataclass
class Thread:
    messages: list[Message]  # oldest first: the newest is at the bottom, as in any chat
    earlier: int | None  # the id to ask for (?until=) to see the messages before these, or None


def message_thread(*, user, matter: Matter, until=None, size: int = THREAD_PAGE) -> Thread:
    """The latest `size` messages of the matter (or those up to message `until`, inclusive), oldest first.

    No COUNT: one message more than shown is read to know whether there are earlier ones.
    """
    qs = visible_messages(user).filter(matter=matter)
    if until:
        anchor = get_visible(qs.values("created_at", "id"), pk=until)
        qs = qs.filter(
            Q(created_at__lt=anchor["created_at"]) | Q(created_at=anchor["created_at"], id__lte=anchor["id"])
        )
    rows = list(_with_everything(qs.order_by("-created_at", "-id"))[: size + 1])
    earlier = rows[size].pk if len(rows) > size else None
    return Thread(messages=list(reversed(rows[:size])), earlier=earlier)


def message_list(*, user, matter: Matter) -> QuerySet[Message]:
    """The thread newest first, for the API's cursor pages."""
    return _with_everything(visible_messages(user).filter(matter=matter).order_by("-created_at", "-id"))


def message_get(*, user, pk) -> Message:
    return get_visible(_with_everything(visible_messages(user).select_related("matter")), pk=pk)


def message_attachment_get(*, user, message_pk, pk) -> MessageAttachment:
    return get_visible(
        MessageAttachment.objects.select_related("message", "message__matter__client"),
        pk=pk,
        message_id=message_pk,
        message__in=visible_messages(user),
    )


# --- for the dashboards and the matter page ----------------------------------------------------


def unread_messages(*, user) -> QuerySet[Message]:
    """Messages addressed to the user that the user has not read yet, newest first (scoped)."""
    mine = MessageReceipt.objects.filter(user=user, read_at__isnull=True).values("message_id")
    return visible_messages(user).filter(pk__in=mine).order_by("-created_at", "-id")


def unread_material_messages(*, user) -> QuerySet[Message]:
    """Material messages addressed to the user and not read yet, newest first: for the dashboards.

    A scoped queryset; add `.select_related("matter", "author")` or `.values(...)` as the page needs.
    """
    return unread_messages(user=user).filter(material=True)


def unread_count(*, user, matter: Matter) -> int:
    """How many messages on the matter wait for the user to read them: one query."""
    return unread_messages(user=user).filter(matter=matter).count()
