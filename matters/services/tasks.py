"""Written tasks (rule 2): submit, register, accept, decline, answer, follow up.

Their receipts and the downloads of their files are in matters.services.receipts; the checks every
upload passes in matters.services.uploads.
"""

from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from clients.access import visible_clients
from core import caching
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.numbering import next_value
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import in_languages, timeline_record
from users.models import Role

from .. import access
from ..models import Assignment, Matter, Task, TaskAttachment
from .uploads import check_files

SUBJECT_MAX = 300
TEXT_MAX = 20_000


# --- tasks -----------------------------------------------------------------------------------

# What a task's inbox membership reads (matters.access.acceptable_tasks_filter, and the inbox's order).
_INBOX_FIELDS = frozenset({"status", "matter", "matter_id", "client", "client_id", "channel", "created_at"})


def submitted_changed(sender, instance=None, update_fields=None, **kwargs) -> None:
    """A task was saved or deleted (a model signal, matters.apps), by a service, the admin or a shell: unless
    only fields the inboxes do not read were written, the kept inboxes (selectors.task_inbox_page) are not
    read again."""
    if update_fields is None or not _INBOX_FIELDS.isdisjoint(update_fields):
        caching.bump(access.SUBMITTED_SCOPE)


def _check_text(*, subject: str, text: str) -> tuple[str, str]:
    subject, text = (subject or "").strip(), (text or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = [_("Give the task a short subject.")]
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = [_("The subject is too long (300 characters at most).")]
    if not text:
        errors["text"] = [_("Write the task itself: the firm accepts tasks in writing.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("The text is too long (20,000 characters at most); attach a document instead.")]
    if errors:
        raise ValidationError(fields=errors)
    return subject, text


def _store_attachments(task: Task, files: list[UploadedFile], by, *, with_answer: bool = False) -> None:
    for f in files:
        TaskAttachment.objects.create(
            task=task,
            file=f,
            original_name=PurePosixPath(f.name).name[:255],
            size=f.size,
            content_type=(getattr(f, "content_type", "") or "")[:127],
            uploaded_by=by,
            with_answer=with_answer,
        )


def _next_task_number() -> str:
    year = timezone.localdate().year
    return f"{year}-{next_value(f'task:{year}'):05d}"


def _client_recipients(task: Task):
    """Who at the client hears about a task: its author if a client user gave it, else all its users."""
    if task.registered_by.role == Role.CLIENT and task.registered_by.is_active:
        return [task.registered_by]
    return list(task.client.users.filter(is_active=True))


def _acceptors(task: Task):
    """Who at the firm is told of a new task: the matter's lead, or the leads of the client's matters."""
    if task.matter_id:
        leads = Assignment.objects.filter(matter_id=task.matter_id, is_lead=True)
    else:
        leads = Assignment.objects.filter(matter__client_id=task.client_id, is_lead=True)
    return {a.user for a in leads.select_related("user") if a.user.is_active}


_TIMELINE = {
    "task_submit": gettext_noop("Task %(number)s «%(subject)s» was submitted through the portal"),
    "task_register": gettext_noop("Task %(number)s «%(subject)s» was received by %(channel)s and registered"),
    "task_accept": gettext_noop("Task %(number)s was accepted by %(name)s"),
    "task_decline": gettext_noop("Task %(number)s was declined by %(name)s"),
    "task_answer": gettext_noop("Task %(number)s was answered in writing by %(name)s"),
    "task_follow_up": gettext_noop("Task %(number)s «%(subject)s» follows up on the answer to task %(previous)s"),
}


def _timeline(task: Task, act: str, *, by) -> None:
    if task.matter_id is None:
        return  # a task not yet tied to a matter has no timeline to appear in
    timeline_record(
        matter=task.matter,
        kind=TimelineEvent.Kind.TASK,
        actor=by,
        summary=_TIMELINE[act],
        params={
            "number": task.number,
            "subject": task.subject,
            "name": by.full_name,
            "channel": in_languages(task.get_channel_display),  # a label: each reader gets their own
            "previous": task.follow_up_of.number if task.follow_up_of_id else "",
        },
        detail=task.decline_reason if act == "task_decline" else "",
        ref=task,
    )


def _after_change(task: Task) -> None:
    from ..jobs import render_receipt

    # robust: an unreachable broker must not fail a change that is already committed; the
    # receipt is then rendered on first download instead.
    transaction.on_commit(lambda: render_receipt.delay(task.pk), robust=True)


@transaction.atomic
def task_submit(*, client_user, subject: str, text: str, matter: Matter | None = None, files=()) -> Task:
    """A client user sets the firm a task in writing through the portal."""
    if client_user.role != Role.CLIENT or not client_user.is_active:
        raise NotPermitted(_("Only a client's own people submit tasks through the portal."))
    subject, text = _check_text(subject=subject, text=text)
    files = check_files(files, uploader=client_user)
    if matter is not None:
        if matter.client_id != client_user.client_id:
            raise NotFound()
        if matter.status == Matter.Status.CLOSED:
            raise InvalidState(_("This matter is closed; submit the task without a matter or ask for a new one."))
    task = Task.objects.create(
        number=_next_task_number(),
        client_id=client_user.client_id,
        matter=matter,
        subject=subject,
        text=text,
        channel=Task.Channel.PORTAL,
        requested_by_name=client_user.full_name,
        registered_by=client_user,
    )
    _store_attachments(task, files, client_user)
    for lawyer in _acceptors(task):
        notice_to_user(user=lawyer, kind="task_submitted", template="task_submitted", context={"task": task})
    _timeline(task, "task_submit", by=client_user)
    _after_change(task)
    return task


@transaction.atomic
def task_register(
    *,
    by,
    client,
    channel: str,
    subject: str,
    text: str,
    requested_by_name: str,
    matter: Matter | None = None,
    received_at=None,
    files=(),
) -> Task:
    """The firm records a task that came by e-mail, letter or phone, with the original attached."""
    if not access.allowed(by, Task, "register"):
        raise NotPermitted(_("Only the firm's people register tasks received outside the portal."))
    if not visible_clients(by).filter(pk=client.pk).exists():
        raise NotFound()
    if matter is not None and matter.client_id != client.pk:
        raise ValidationError(fields={"matter": [_("The matter belongs to another client.")]})
    if channel not in (Task.Channel.EMAIL, Task.Channel.LETTER, Task.Channel.PHONE):
        raise ValidationError(fields={"channel": [_("Choose how the task came: e-mail, letter or phone.")]})
    if not (requested_by_name or "").strip():
        raise ValidationError(fields={"requested_by_name": [_("Name the client's person who gave the task.")]})
    if received_at is not None and received_at > timezone.now():
        raise ValidationError(fields={"received_at": [_("A task cannot be received in the future.")]})
    subject, text = _check_text(subject=subject, text=text)
    files = check_files(files)
    task = Task.objects.create(
        number=_next_task_number(),
        client=client,
        matter=matter,
        subject=subject,
        text=text,
        channel=channel,
        requested_by_name=requested_by_name.strip(),
        registered_by=by,
        created_at=received_at or timezone.now(),
    )
    _store_attachments(task, files, by)
    for lawyer in _acceptors(task) - {by}:
        notice_to_user(user=lawyer, kind="task_submitted", template="task_submitted", context={"task": task})
    _timeline(task, "task_register", by=by)
    _after_change(task)
    return task


def _lock(task: Task) -> Task:
    """Re-read the task under a row lock so two people cannot accept and decline it at once."""
    return Task.objects.select_for_update().select_related("client", "registered_by").get(pk=task.pk)


def _check_may_accept(task: Task, by) -> None:
    if access.allowed(by, task, "accept"):
        return
    if task.channel == Task.Channel.PHONE:
        raise NotPermitted(
            _("A task received by phone may be accepted only by the matter's lead specialist or a partner.")
        )
    raise NotPermitted(_("Only a specialist assigned to this matter or a partner may accept or decline the task."))


@transaction.atomic
def task_accept(*, task: Task, by) -> Task:
    task = _lock(task)
    if task.status != Task.Status.SUBMITTED:
        raise InvalidState(_("The task has already been %(status)s.") % {"status": task.get_status_display()})
    _check_may_accept(task, by)
    task.status = Task.Status.ACCEPTED
    task.accepted_by = by
    task.accepted_at = timezone.now()
    task.save(update_fields=["status", "accepted_by", "accepted_at"])
    for person in _client_recipients(task):
        notice_to_user(user=person, kind="task_accepted", template="task_accepted", context={"task": task})
    _timeline(task, "task_accept", by=by)
    _after_change(task)
    return task


@transaction.atomic
def task_decline(*, task: Task, by, reason: str) -> Task:
    task = _lock(task)
    if task.status != Task.Status.SUBMITTED:
        raise InvalidState(_("The task has already been %(status)s.") % {"status": task.get_status_display()})
    _check_may_accept(task, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Tell the client why the task is declined.")]})
    task.status = Task.Status.DECLINED
    task.declined_by = by
    task.declined_at = timezone.now()
    task.decline_reason = reason
    task.save(update_fields=["status", "declined_by", "declined_at", "decline_reason"])
    for person in _client_recipients(task):
        notice_to_user(user=person, kind="task_declined", template="task_declined", context={"task": task})
    _timeline(task, "task_decline", by=by)
    _after_change(task)
    return task


@transaction.atomic
def task_answer(*, task: Task, by, answer: str, files=()) -> Task:
    """The written answer to an accepted task (rule 2: answers are given in writing), with files if any."""
    task = _lock(task)
    if task.status != Task.Status.ACCEPTED:
        raise InvalidState(_("Only an accepted task can be answered."))
    if not access.allowed(by, task, "answer"):
        raise NotPermitted(_("The task is answered by whoever accepted it, the matter's lead or a partner."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(fields={"answer": [_("Write the answer.")]})
    if len(answer) > TEXT_MAX:
        raise ValidationError(fields={"answer": [_("The answer is too long (20,000 characters at most).")]})
    files = check_files(files)
    task.status = Task.Status.ANSWERED
    task.answer = answer
    task.answered_by = by
    task.answered_at = timezone.now()
    task.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    _store_attachments(task, files, by, with_answer=True)
    for person in _client_recipients(task):
        notice_to_user(user=person, kind="task_answered", template="task_answered", context={"task": task})
    _timeline(task, "task_answer", by=by)
    _after_change(task)
    return task


@transaction.atomic
def task_follow_up(*, client_user, task: Task, text: str, subject: str = "", files=()) -> Task:
    """A client replies to the answer of a task: a new task, linked to the answered one.

    The answered task stays as it was (its answer and receipt are evidence); the reply goes through
    the usual acceptance, so the firm confirms it, answers it in writing and the client can follow it.
    """
    if not access.visible_tasks(client_user).filter(pk=task.pk).exists():
        raise NotFound()
    task = Task.objects.select_related("matter", "answered_by").get(pk=task.pk)
    if client_user.role != Role.CLIENT or not client_user.is_active:
        raise NotPermitted(_("Only a client's own people reply to the firm's answers."))
    if task.status != Task.Status.ANSWERED:
        raise InvalidState(_("Only an answered task can be followed up."))
    matter = task.matter
    if matter is not None and matter.status == Matter.Status.CLOSED:
        raise InvalidState(_("This matter is closed; submit the task without a matter or ask for a new one."))
    subject = (subject or "").strip() or (_("Re: %(subject)s") % {"subject": task.subject})[:SUBJECT_MAX]
    subject, text = _check_text(subject=subject, text=text)
    files = check_files(files, uploader=client_user)
    follow_up = Task.objects.create(
        number=_next_task_number(),
        client_id=task.client_id,
        matter=matter,
        subject=subject,
        text=text,
        channel=Task.Channel.PORTAL,
        requested_by_name=client_user.full_name,
        registered_by=client_user,
        follow_up_of=task,
    )
    _store_attachments(follow_up, files, client_user)
    lawyers = _acceptors(follow_up)
    if task.answered_by is not None and task.answered_by.is_active:
        lawyers.add(task.answered_by)
    for lawyer in lawyers:
        notice_to_user(user=lawyer, kind="task_submitted", template="task_submitted", context={"task": follow_up})
    _timeline(follow_up, "task_follow_up", by=client_user)
    _after_change(follow_up)
    return follow_up
