"""Celery jobs of clients: thin wrappers that call services by id.

The module was `clients/tasks.py`; each job keeps its registered name (`clients.tasks.<fn>`) so that
messages already queued and the beat schedule (settings.CELERY_BEAT_SCHEDULE) still find it.
"""

from celery import shared_task

from .services import conflicts
from .services.powers import poa_expiry_sweep


@shared_task(name="clients.tasks.powers_expiry")
def powers_expiry() -> dict:
    """Daily: expire powers of attorney that ran out; warn 30 and 7 days ahead (idempotent)."""
    return poa_expiry_sweep()


@shared_task(name="clients.jobs.party_keys_sync")
def party_keys_sync() -> dict:
    """Nightly: the names the conflict check searches are the parties' names again (drops renamed or deleted)."""
    return conflicts.party_keys_sync()


@shared_task(
    name="clients.tasks.render_agreement",
    acks_late=True,
    autoretry_for=(OSError,),
    max_retries=3,
    default_retry_delay=10,
)
def render_agreement(client_id: int) -> int:
    """Render a client's engagement agreement after an acceptance, ahead of its download (idempotent)."""
    from .services.terms import agreement_prerender

    return agreement_prerender(client_id=client_id)
