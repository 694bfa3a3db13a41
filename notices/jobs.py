"""Celery jobs of the outbox. Thin: each calls one service.

The registered names stay "notices.tasks.*" (the module's old name): messages already queued under
them and the beat schedule keep working across the rename.

No job here retries through Celery (no countdown, no ETA: Redis keeps nothing on disk here, and a
long ETA is redelivered or lost). A failed send is written back to the row with its next attempt's
time (back-off in the database), and the beat sweep hands it out again when that time comes.
"""

from celery import shared_task

from .services.outbox import notice_deliver, notice_sweep


@shared_task(name="notices.tasks.deliver", acks_late=True, reject_on_worker_lost=True)
def deliver(notice_id: int) -> bool:
    try:
        return notice_deliver(notice_id=notice_id)
    except Exception:  # recorded on the row (error, attempts, next attempt); the sweep retries it
        return False


@shared_task(name="notices.tasks.sweep")
def sweep() -> int:
    return notice_sweep()
