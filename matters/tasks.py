from celery import shared_task

from .services.tasks import task_receipts_prerender


@shared_task(acks_late=True, autoretry_for=(OSError,), max_retries=3, default_retry_delay=10)
def render_receipt(task_id: int) -> int:
    """Render the task's receipt ahead of the client's download (idempotent)."""
    return task_receipts_prerender(task_id=task_id)
