from celery import shared_task

from .services.powers import poa_expiry_sweep


@shared_task
def powers_expiry() -> dict:
    """Daily: expire powers of attorney that ran out; warn 30 and 7 days ahead (idempotent)."""
    return poa_expiry_sweep()


@shared_task(acks_late=True, autoretry_for=(OSError,), max_retries=3, default_retry_delay=10)
def render_agreement(client_id: int) -> int:
    """Render a client's engagement agreement after an acceptance, ahead of its download (idempotent)."""
    from .services.terms import agreement_prerender

    return agreement_prerender(client_id=client_id)
