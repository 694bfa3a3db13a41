"""Every write on matters, one module per sub-concern. The common ones are importable from here."""

from .matters import assignment_add, matter_open
from .receipts import task_receipt_get_or_render, task_receipts_prerender
from .tasks import task_accept, task_answer, task_decline, task_register, task_submit

__all__ = [
    "assignment_add",
    "matter_open",
    "task_accept",
    "task_answer",
    "task_decline",
    "task_receipt_get_or_render",
    "task_receipts_prerender",
    "task_register",
    "task_submit",
]
