from django.utils import timezone, translation

from core.pdf import render_pdf

from .models import Task


def task_receipt_pdf(task: Task, *, attachments, language: str) -> bytes:
    """The receipt of a written task: number, date, text, attachments, who accepted it."""
    with translation.override(language):
        return render_pdf(
            "matters/pdf/task_receipt.html",
            {"task": task, "attachments": attachments, "generated_at": timezone.now(), "language": language},
        )
