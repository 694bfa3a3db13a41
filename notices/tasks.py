from celery import shared_task

from .services import notice_deliver, notice_sweep


@shared_task(bind=True, max_retries=4, default_retry_delay=30, acks_late=True)
def deliver(self, notice_id: int) -> bool:
    try:
        return notice_deliver(notice_id=notice_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc


@shared_task
def sweep() -> int:
    return notice_sweep()
