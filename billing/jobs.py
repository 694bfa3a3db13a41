"""Celery jobs of billing: thin wrappers that call services by id."""

from celery import shared_task


@shared_task(
    name="billing.jobs.render_invoice", acks_late=True, autoretry_for=(OSError,), max_retries=3, default_retry_delay=10
)
def render_invoice(invoice_id: int) -> bool:
    """Render an issued invoice's PDF once and store it (idempotent)."""
    from .services.invoices import invoice_render

    return invoice_render(invoice_id)


@shared_task(
    name="billing.jobs.render_work_report",
    acks_late=True,
    autoretry_for=(OSError,),
    max_retries=3,
    default_retry_delay=10,
)
def render_work_report(report_id: int) -> bool:
    """Render a requested work report, moving its progress, and store it (idempotent)."""
    from .services.reports import report_render

    return report_render(report_id)
