from celery import shared_task

from .services.powers import poa_expiry_sweep


@shared_task
def powers_expiry() -> dict:
    """Daily: expire powers of attorney that ran out; warn 30 and 7 days ahead (idempotent)."""
    return poa_expiry_sweep()
