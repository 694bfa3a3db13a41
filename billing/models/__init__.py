"""Billing: the firm's requisites and tax regime, fee arrangements, time entries and expenses."""

from .fees import FeeArrangement, FeeRate, FeeStageAmount
from .firm import FirmProfile, TaxRegime
from .work import Expense, TimeEntry, WorkStatus, receipt_path

__all__ = [
    "Expense",
    "FeeArrangement",
    "FeeRate",
    "FeeStageAmount",
    "FirmProfile",
    "TaxRegime",
    "TimeEntry",
    "WorkStatus",
    "receipt_path",
]
