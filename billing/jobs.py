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
    name="billing.jobs.render_act", acks_late=True, autoretry_for=(OSError,), max_retries=3, default_retry_delay=10
)
def render_act(act_id: int) -> bool:
    """Render an act's PDF (and its УПД's) once and store them (idempotent)."""
    from .services.acts import act_render

    return act_render(act_id)


@shared_task(name="billing.jobs.acts_deem_accepted", acks_late=True)
def acts_deem_accepted() -> int:
    """Daily: record as accepted the acts left unanswered past their acceptance period."""
    from .services.act_answers import acts_deem_accepted as sweep

    return sweep()


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
