"""The matter's message thread (rule 9): immediate two-way exchange of material information.

A message goes from one side to the other: a client user writes to the firm's people assigned to
the matter; the firm's people (and partners) write to the client's users. Every recipient gets a
receipt, so the portal knows who has read what and when. A material message also tells each
recipient at once through the notices outbox, without its contents (the e-mail only says there is
one to read in the portal). Nothing is deleted; an edit, allowed to the author for a short while,
keeps the earlier text as a revision that everybody sees.
"""

from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audit.models import AccessLogEntry
from audit.services import access_record
from core.dashboard_cache import dashboards_changed
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import Role, User

from ..access import allowed, confidential_matters
from ..access import message_edit_window as edit_window
from ..models import Matter, Message, MessageAttachment, MessageReceipt, MessageRevision
from .uploads import check_files  # attachments are checked exactly as a task's are

BODY_MAX = 20_000


def edit_minutes() -> int:
    return int(edit_window().total_seconds() // 60)


_TIMELINE = {
    "post": gettext_noop("%(name)s wrote a message"),
    "post_material": gettext_noop("%(name)s wrote a material message"),
    "edit": gettext_noop("%(name)s edited a message; the earlier text is kept"),
}


def message_side(user) -> str | None:
    """Which side of the thread the user writes for: the client's people, or the firm's."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.role == Role.CLIENT:
        return Message.Side.CLIENT
    if user.is_firm:
        return Message.Side.FIRM
    return None


def message_recipients(*, matter: Matter, side: str) -> list[User]:
    """The other side of the thread: every assigned person of the firm, or every active user of the client."""
    if side == Message.Side.CLIENT:
        qs = User.objects.filter(assignments__matter=matter)
    else:
        qs = User.objects.filter(role=Role.CLIENT, client_id=matter.client_id)
    return list(qs.filter(is_active=True).distinct().order_by("full_name", "pk"))


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(fields={"body": [_("Write the message.")]})
    if len(body) > BODY_MAX:
        raise ValidationError(
            fields={"body": [_("The message is too long (20,000 characters at most); attach a document instead.")]}
        )
    return body


def _check_may_write(*, by, matter: Matter) -> str:
    if not confidential_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    side = message_side(by)
    if side is None:
        raise NotPermitted(_("Only the client's people and the firm's people on the matter write in its thread."))
    return side


@transaction.atomic
def message_post(*, matter: Matter, by, body: str, material: bool = False, files=()) -> Message:
    """Write a message on the matter's thread; a material one notifies the other side at once."""
    side = _check_may_write(by=by, matter=matter)
    body = _check_body(body)
    files = check_files(files, uploader=by)
    message = Message.objects.create(matter=matter, author=by, side=side, body=body, material=bool(material))
    for f in files:
        MessageAttachment.objects.create(
            message=message,
            file=f,
            original_name=PurePosixPath(f.name).name[:255],
            size=f.size,
            content_type=(getattr(f, "content_type", "") or "")[:127],
        )
    recipients = [person for person in message_recipients(matter=matter, side=side) if person.pk != by.pk]
    MessageReceipt.objects.bulk_create([MessageReceipt(message=message, user=person) for person in recipients])
    dashboards_changed(matter.client_id)  # bulk_create sends no model signal: the unread receipts are new
    if message.material:
        for person in recipients:
            notice_to_user(
                user=person,
                kind="message_material",
                template="message_material",
                context={"message": message, "matter": matter, "author": by},
            )
    timeline_record(
        matter=matter,
        kind=TimelineEvent.Kind.MESSAGE,
        actor=by,
        summary=_TIMELINE["post_material" if message.material else "post"],
        params={"name": by.full_name},
        ref=message,
    )
    return message


def message_editable_until(message: Message):
    return message.created_at + edit_window()


@transaction.atomic
def message_edit(*, message: Message, by, body: str) -> Message:
    """The author corrects a message within the edit window; the earlier text is kept as a revision.

    A correction of a material message is itself material: its recipients are told again.
    """
    message = Message.objects.select_for_update().select_related("matter").get(pk=message.pk)
    if not confidential_matters(by).filter(pk=message.matter_id).exists():
        raise NotFound()
    if message.author_id != by.pk:
        raise NotPermitted(_("Only the author may correct a message."))
    if not allowed(by, message, "edit"):
        raise InvalidState(
            _("A message can be corrected only within %(minutes)d minutes of sending; write a new one instead.")
            % {"minutes": edit_minutes()}
        )
    body = _check_body(body)
    if body == message.body:
        raise ValidationError(fields={"body": [_("The text is the same as before.")]})
    now = timezone.now()
    MessageRevision.objects.create(message=message, body=message.body, replaced_at=now)
    message.body = body
    message.edited_at = now
    message.save(update_fields=["body", "edited_at"])
    if message.material:
        for receipt in message.receipts.select_related("user"):
            notice_to_user(
                user=receipt.user,
                kind="message_material",
                template="message_material",
                context={"message": message, "matter": message.matter, "author": by, "edited": True},
            )
    timeline_record(
        matter=message.matter,
        kind=TimelineEvent.Kind.MESSAGE,
        actor=by,
        summary=_TIMELINE["edit"],
        params={"name": by.full_name},
        ref=message,
    )
    return message


def messages_mark_read(*, user, matter: Matter, now=None) -> int:
    """The user opened the thread: every unread message of the matter addressed to the user is read now.

    One UPDATE; only the user's own receipts. Returns how many were marked.
    """
    marked = MessageReceipt.objects.filter(user=user, read_at__isnull=True, message__matter=matter).update(
        read_at=now or timezone.now()
    )
    if marked:
        dashboards_changed(matter.client_id)  # "unread" moves on the dashboards; update() sends no signal
    return marked


def thread_mark_read(*, user, matter: Matter, shown, now=None) -> set[int]:
    """Mark the thread read for the user and return the ids of the shown messages that were new to the user.

    `shown` are messages with their receipts prefetched (matters.selectors.messages.message_thread);
    their receipts are brought up to date in memory, so the page shows the read time it just wrote.
    """
    now = now or timezone.now()
    new = set()
    for message in shown:
        for receipt in message.receipts.all():
            if receipt.user_id == user.pk and receipt.read_at is None:
                receipt.read_at = now
                new.add(message.pk)
    messages_mark_read(user=user, matter=matter, now=now)
    return new


def message_mark_read(*, user, message: Message) -> MessageReceipt | None:
    """Mark one message read by the user (the API's explicit "read"); another user's receipt is never touched.

    Returns the user's receipt, or None when the message was not addressed to the user.
    """
    if not confidential_matters(user).filter(pk=message.matter_id).exists():
        raise NotFound()
    if MessageReceipt.objects.filter(user=user, message=message, read_at__isnull=True).update(read_at=timezone.now()):
        dashboards_changed(message.matter.client_id)  # update() sends no signal
    return MessageReceipt.objects.filter(user=user, message=message).first()


def message_attachment_record(*, user, request, attachment: MessageAttachment):
    """A download of a message's attachment by the firm's people goes into the client's access log (rule 4)."""
    if not getattr(user, "is_authenticated", False) or not user.is_firm:
        return None
    matter = attachment.message.matter
    return access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=gettext_noop("Attachment «%(name)s» of a message on matter %(number)s"),
        params={"name": attachment.original_name, "number": matter.number},
        client_id=matter.client_id,
        matter_id=matter.pk,
        object_id=attachment.pk,
    )
