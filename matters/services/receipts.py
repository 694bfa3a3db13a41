"""A task's receipt (a PDF of its current state, in the reader's language) and the downloads of a
task's documents: rendered ahead by the worker, opened by pages and the API, logged for the firm."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from audit.services import task_document_record

from ..models import Task, TaskAttachment, TaskReceipt
from ..pdf import task_receipt_pdf


def task_receipt_get_or_render(*, task: Task, language: str) -> TaskReceipt:
    """The stored receipt for the task's current state, rendered now only if nobody has yet.

    The worker renders it after every change (matters.jobs.render_receipt); a download that
    arrives first renders it once and stores it for everybody after.
    """
    existing = TaskReceipt.objects.filter(task=task, state=task.status, language=language).first()
    if existing is not None:
        return existing
    task = Task.objects.select_related("client", "matter", "registered_by", "accepted_by", "declined_by").get(
        pk=task.pk
    )
    pdf = task_receipt_pdf(task, attachments=list(task.attachments.all()), language=language)
    try:
        with transaction.atomic():
            return TaskReceipt.objects.create(
                task=task,
                state=task.status,
                language=language,
                file=ContentFile(pdf, name=f"{task.number}.pdf"),
            )
    except IntegrityError:  # rendered by someone else meanwhile: theirs is as good
        return TaskReceipt.objects.get(task=task, state=task.status, language=language)


def task_receipt_open(*, task: Task, user, request, language: str) -> TaskReceipt:
    """The receipt to download (page or API); a download by the firm's people goes to the access log."""
    receipt = task_receipt_get_or_render(task=task, language=language)
    task_document_record(user=user, request=request, task=task)
    return receipt


def task_attachment_opened(*, user, request, attachment: TaskAttachment) -> None:
    """A download of a task's attachment, once its file is open: the firm's go to the access log."""
    task_document_record(user=user, request=request, task=attachment.task, attachment=attachment)


def task_receipts_prerender(*, task_id: int) -> int:
    """Render the receipt in the languages of the client's people; returns how many were new."""
    task = Task.objects.select_related("client").get(pk=task_id)
    languages = set(task.client.users.filter(is_active=True).values_list("language", flat=True)) or {
        task.client.language
    }
    before = TaskReceipt.objects.filter(task=task, state=task.status).count()
    for language in sorted(languages):
        task_receipt_get_or_render(task=task, language=language)
    return TaskReceipt.objects.filter(task=task, state=task.status).count() - before
