"""Results of work and their delivery (rules 1 and 2): prepare → release → deliver → the client confirms.

A lawyer assigned to the matter prepares a draft (files validated like a task's attachments) and may
change it while it is a draft. The matter's lead or a partner releases it: from then on it is
immutable, the client sees it, and if it answers an accepted task the task is answered in the same
transaction. Each way it goes out is a Delivery (matters.services.deliveries: the portal, an e-mail
that carries the files, a courier, fax or post); the client confirms receipt in the portal.
"""

from pathlib import PurePosixPath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

from audit.models import AccessLogEntry
from audit.services import access_record
from core.dashboard_cache import client_of, dashboards_changed
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import Role

from .. import access
from ..models import Assignment, Deliverable, DeliverableFile, Delivery, Matter, Task
from .tasks import _after_change, _client_recipients
from .tasks import _timeline as _task_timeline
from .uploads import MAX_ATTACHMENTS, check_files

TITLE_MAX = 300
SUMMARY_MAX = 5_000


# --- validation --------------------------------------------------------------------------------


def _check_fields(*, kind: str, title: str, summary: str) -> tuple[str, str, str]:
    title, summary = (title or "").strip(), (summary or "").strip()
    errors = {}
    if kind not in Deliverable.Kind.values:
        errors["kind"] = [_("Choose what kind of result this is.")]
    if not title:
        errors["title"] = [_("Give the result a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("The title is too long (300 characters at most).")]
    if not summary:
        errors["summary"] = [_("Write a short summary for the client.")]
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = [_("The summary is too long (5,000 characters at most); put the rest in a file.")]
    if errors:
        raise ValidationError(fields=errors)
    return kind, title, summary


def _check_task(task: Task | None, matter: Matter) -> None:
    if task is None:
        return
    if task.matter_id != matter.pk:
        raise ValidationError(fields={"task": [_("The task belongs to another matter.")]})
    if task.status != Task.Status.ACCEPTED:
        raise ValidationError(fields={"task": [_("Only an accepted task can be answered with a result.")]})


def _store_files(deliverable: Deliverable, files, by) -> None:
    for f in files:
        DeliverableFile.objects.create(
            deliverable=deliverable,
            file=f,
            original_name=PurePosixPath(f.name).name[:255],
            size=f.size,
            content_type=(getattr(f, "content_type", "") or "")[:127],
            uploaded_by=by,
        )


def _lock(deliverable: Deliverable) -> Deliverable:
    return Deliverable.objects.select_for_update(of=("self",)).select_related("matter__client").get(pk=deliverable.pk)


def _check_visible(user, deliverable: Deliverable) -> None:
    if not access.visible_deliverables(user).filter(pk=deliverable.pk).exists():
        raise NotFound()


# --- the timeline ------------------------------------------------------------------------------

_LINES = {
    "prepare": gettext_noop("A draft result «%(title)s» was prepared by %(name)s"),
    "update": gettext_noop("The draft result «%(title)s» was changed by %(name)s"),
    "release": gettext_noop("Result of work «%(title)s» was released to the client by %(name)s"),
    "portal": gettext_noop("«%(title)s» is available for download in the portal"),
    "email": gettext_noop("«%(title)s» was sent by e-mail to %(recipient)s with its files"),
    "courier": gettext_noop("«%(title)s» was sent by courier to %(recipient)s, tracking number %(tracking)s"),
    "post": gettext_noop("«%(title)s» was sent by post to %(recipient)s, tracking number %(tracking)s"),
    "fax": gettext_noop("«%(title)s» was sent by fax to %(recipient)s"),
    "delivered": gettext_noop("«%(title)s» was delivered to %(recipient)s"),
    "downloaded": gettext_noop("«%(title)s» was downloaded in the portal by %(name)s"),
    "confirmed": gettext_noop("%(name)s confirmed receipt of «%(title)s»"),
}


def _line(deliverable: Deliverable, act: str, *, by, kind=TimelineEvent.Kind.DELIVERABLE, client_visible=True, **extra):
    timeline_record(
        matter=deliverable.matter,
        kind=kind,
        actor=by,
        summary=_LINES[act],
        params={"title": deliverable.title, "name": by.full_name if by else "", **extra},
        client_visible=client_visible,
        ref=deliverable,
    )


# --- writes ------------------------------------------------------------------------------------


@transaction.atomic
def deliverable_prepare(
    *, matter: Matter, by, kind: str, title: str, summary: str, task: Task | None = None, files=()
) -> Deliverable:
    """A lawyer on the matter prepares a draft result; the client does not see it until it is released."""
    if not access.confidential_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    if matter.status == Matter.Status.CLOSED:
        raise InvalidState(_("This matter is closed; no new results can be prepared on it."))
    if not access.allowed(by, matter, "prepare"):
        raise NotPermitted(_("Results are prepared by a lawyer assigned to the matter or a partner."))
    kind, title, summary = _check_fields(kind=kind, title=title, summary=summary)
    if task is not None:
        task = Task.objects.get(pk=task.pk)  # its state now, not as the caller last read it
    _check_task(task, matter)
    files = check_files(files)
    deliverable = Deliverable.objects.create(
        matter=matter, task=task, kind=kind, title=title, summary=summary, prepared_by=by
    )
    _store_files(deliverable, files, by)
    for assignment in Assignment.objects.filter(matter=matter, is_lead=True).select_related("user"):
        if assignment.user_id != by.pk and assignment.user.is_active:
            notice_to_user(
                user=assignment.user,
                kind="deliverable_prepared",
                template="deliverable_prepared",
                context={"deliverable": deliverable, "matter": matter, "by": by},
            )
    _line(deliverable, "prepare", by=by, client_visible=False)
    return deliverable


@transaction.atomic
def deliverable_update(
    *,
    deliverable: Deliverable,
    by,
    kind: str,
    title: str,
    summary: str,
    add_files=(),
    remove_file_ids=(),
) -> Deliverable:
    """Change a draft: its text, and files added or taken away. A released result cannot change."""
    _check_visible(by, deliverable)
    deliverable = _lock(deliverable)
    if deliverable.status != Deliverable.Status.DRAFT:
        raise InvalidState(_("A released result cannot be changed; prepare a new one instead."))
    if not access.allowed(by, deliverable, "edit"):
        raise NotPermitted(_("A draft is changed by its author, the matter's lead or a partner."))
    kind, title, summary = _check_fields(kind=kind, title=title, summary=summary)
    add_files = check_files(add_files)
    remove = {int(pk) for pk in remove_file_ids}
    current = list(deliverable.files.values_list("pk", flat=True))
    unknown = remove - set(current)
    if unknown:
        raise ValidationError(fields={"remove_files": [_("The file to remove is not a file of this draft.")]})
    if len(current) - len(remove) + len(add_files) > MAX_ATTACHMENTS:
        raise ValidationError(
            fields={
                "files": [
                    ngettext_lazy(
                        "A result holds at most %(count)d file.",
                        "A result holds at most %(count)d files.",
                        MAX_ATTACHMENTS,
                    )
                    % {"count": MAX_ATTACHMENTS}
                ]
            }
        )
    deliverable.kind, deliverable.title, deliverable.summary = kind, title, summary
    deliverable.save(update_fields=["kind", "title", "summary"])
    for stored in DeliverableFile.objects.filter(deliverable=deliverable, pk__in=remove):
        storage, path = stored.file.storage, stored.file.name
        stored.delete()
        # the stored file goes only once the row is gone for good
        transaction.on_commit(lambda storage=storage, path=path: storage.delete(path), robust=True)
    _store_files(deliverable, add_files, by)
    _line(deliverable, "update", by=by, client_visible=False)
    return deliverable


@transaction.atomic
def deliverable_release(
    *,
    deliverable: Deliverable,
    by,
    channel: str | None = None,
    recipient: str = "",
    tracking_number: str = "",
) -> Deliverable:
    """Release a draft to the client (the second of two steps); with a channel, record how it goes out.

    If it answers an accepted task, the task is answered by the releaser in the same transaction.
    """
    _check_visible(by, deliverable)
    deliverable = _lock(deliverable)
    if deliverable.status != Deliverable.Status.DRAFT:
        raise InvalidState(_("This result has already been released."))
    if not access.allowed(by, deliverable, "release"):
        raise NotPermitted(_("A result is released to the client only by the matter's lead or a partner."))
    if not deliverable.files.exists():
        raise ValidationError(fields={"files": [_("Attach the result's file before releasing it.")]})
    task = None
    if deliverable.task_id is not None:
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("client", "registered_by")
            .get(pk=deliverable.task_id)
        )
        if task.status not in (Task.Status.ACCEPTED, Task.Status.ANSWERED):
            raise InvalidState(_("The task this result answers is no longer open; release it without the task."))
    now = timezone.now()
    deliverable.status = Deliverable.Status.RELEASED
    deliverable.released_by = by
    deliverable.released_at = now
    deliverable.save(update_fields=["status", "released_by", "released_at"])
    _line(deliverable, "release", by=by)
    if task is not None and task.status == Task.Status.ACCEPTED:
        task.status = Task.Status.ANSWERED
        task.answered_by = by
        task.answered_at = now
        task.save(update_fields=["status", "answered_by", "answered_at"])
        for person in _client_recipients(task):
            notice_to_user(user=person, kind="task_answered", template="task_answered", context={"task": task})
        _task_timeline(task, "task_answer", by=by)
        _after_change(task)
    else:
        # whoever gets the files by e-mail in this same step needs no second mail saying they are in the portal
        emailed = (recipient or "").strip().lower() if channel == Delivery.Channel.EMAIL else None
        for person in deliverable.matter.client.users.filter(is_active=True):
            if emailed and person.email.lower() == emailed:
                continue
            notice_to_user(
                user=person,
                kind="deliverable_released",
                template="deliverable_released",
                context={"deliverable": deliverable, "matter": deliverable.matter},
            )
    if channel:
        from .deliveries import _record  # deliveries builds on this module's helpers: imported when needed

        _record(
            deliverable,
            by=by,
            channel=channel,
            recipient=recipient,
            tracking_number=tracking_number,
            notify_portal=False,
        )
    return deliverable


@transaction.atomic
def deliverable_downloaded(*, deliverable: Deliverable, by) -> int:
    """A client user's first download counts as the portal delivery's arrival (the client still confirms).

    Returns how many portal deliveries this marked delivered (0 after the first download).
    """
    if not by.is_active or by.role != Role.CLIENT or deliverable.status != Deliverable.Status.RELEASED:
        return 0
    marked = Delivery.objects.filter(
        deliverable=deliverable, channel=Delivery.Channel.PORTAL, delivered_at__isnull=True
    ).update(delivered_at=timezone.now())
    if marked:
        dashboards_changed(client_of(deliverable))  # update() sends no signal
        _line(deliverable, "downloaded", by=by, kind=TimelineEvent.Kind.DELIVERY)
    return marked


def deliverable_file_opened(*, user, request, stored: DeliverableFile) -> None:
    """A download of a result's file: the firm's go to the access log; a client's first one counts as delivery."""
    deliverable = stored.deliverable
    if user.is_firm:
        matter = deliverable.matter
        access_record(
            user=user,
            request=request,
            action=AccessLogEntry.Action.DOWNLOAD,
            kind=AccessLogEntry.Kind.DOCUMENT,
            description=gettext_noop("File «%(name)s» of the result «%(title)s»"),
            params={"name": stored.original_name, "title": deliverable.title},
            client_id=matter.client_id,
            matter_id=matter.pk,
            object_id=stored.pk,
        )
    else:
        deliverable_downloaded(deliverable=deliverable, by=user)
