"""Matters and the work on them: assignments, written tasks, specialists, subcontracting."""

from .matters import Assignment, Matter
from .specialists import PracticeArea, SpecialistProfile, SpecialistRequest
from .subcontracting import Subcontract
from .tasks import Task, TaskAttachment, TaskReceipt, attachment_path, receipt_path

__all__ = [
    "Assignment",
    "Matter",
    "PracticeArea",
    "SpecialistProfile",
    "SpecialistRequest",
    "Subcontract",
    "Task",
    "TaskAttachment",
    "TaskReceipt",
    "attachment_path",
    "receipt_path",
]
