"""Celery jobs of matters: thin wrappers that call services by id.

The module was `matters/tasks.py` (confusable with the domain Task); each job keeps its registered
name (`matters.tasks.<fn>`) so that messages already queued still find it.
"""

from celery import shared_task

from .services.receipts import task_receipts_prerender


@shared_task(
    name="matters.tasks.render_receipt",
    acks_late=True,
    autoretry_for=(OSError,),
    max_retries=3,
    default_retry_delay=10,
)
def render_receipt(task_id: int) -> int:
    """Render the task's receipt ahead of the client's download (idempotent)."""
    return task_receipts_prerender(task_id=task_id)
