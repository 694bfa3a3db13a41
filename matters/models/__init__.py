"""Matters and the work on them: assignments, written tasks, specialists, subcontracting."""

from .deliverables import Deliverable, DeliverableFile, Delivery
from .documents import DocumentSubmission, HeldDocument
from .matters import Assignment, Matter, MatterType, Stage
from .messages import Message, MessageAttachment, MessageReceipt, MessageRevision
from .risk import Recommendation, RiskAcknowledgement, RiskNotice
from .specialists import PracticeArea, SpecialistProfile, SpecialistRequest
from .subcontracting import Subcontract
from .tasks import Task, TaskAttachment, TaskReceipt, attachment_path, receipt_path
from .visits import MatterVisit

__all__ = [
    "Assignment",
    "Deliverable",
    "DeliverableFile",
    "Delivery",
    "DocumentSubmission",
    "HeldDocument",
    "Matter",
    "MatterType",
    "MatterVisit",
    "Message",
    "MessageAttachment",
    "MessageReceipt",
    "MessageRevision",
    "PracticeArea",
    "Recommendation",
    "RiskAcknowledgement",
    "RiskNotice",
    "SpecialistProfile",
    "SpecialistRequest",
    "Stage",
    "Subcontract",
    "Task",
    "TaskAttachment",
    "TaskReceipt",
    "attachment_path",
    "receipt_path",
]
