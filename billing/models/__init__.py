"""Billing: the firm's requisites and tax regime, fee arrangements, time entries and expenses, advances."""

from .advances import Advance, AdvanceSpending
from .fees import FeeArrangement, FeeRate, FeeStageAmount
from .firm import FirmProfile, TaxRegime
from .invoices import Invoice, InvoiceLine
from .payments import BankStatementImport, Payment, PaymentUnmatch
from .work import Expense, TimeEntry, WorkStatus, receipt_path

__all__ = [
    "Advance",
    "AdvanceSpending",
    "BankStatementImport",
    "Expense",
    "FeeArrangement",
    "FeeRate",
    "FeeStageAmount",
    "FirmProfile",
    "Invoice",
    "InvoiceLine",
    "Payment",
    "PaymentUnmatch",
    "TaxRegime",
    "TimeEntry",
    "WorkStatus",
    "receipt_path",
]
