"""Billing: the firm's requisites and tax regime, fee arrangements, time entries and expenses, advances."""

from .acts import Act, ActDispatch, ActLine, Upd
from .advances import Advance, AdvanceSpending
from .claims import BillingAdjustment, Claim, ClaimAttachment
from .fees import FeeArrangement, FeeRate, FeeStageAmount
from .firm import FirmProfile, TaxRegime
from .invoices import Invoice, InvoiceLine
from .payments import BankStatementImport, Payment, PaymentUnmatch
from .reports import WorkReport
from .terminations import Termination
from .work import Expense, TimeEntry, WorkStatus, receipt_path

__all__ = [
    "Act",
    "ActDispatch",
    "ActLine",
    "Advance",
    "AdvanceSpending",
    "BankStatementImport",
    "BillingAdjustment",
    "Claim",
    "ClaimAttachment",
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
    "Termination",
    "TimeEntry",
    "Upd",
    "WorkReport",
    "WorkStatus",
    "receipt_path",
]
