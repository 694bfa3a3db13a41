"""Bank statements: the 1C exchange format parsed into plain dataclasses, and the invoice numbers a
payment's purpose names. Pure functions; the import into payments is billing's services' work."""

from billing.statements.matching import INVOICE_NUMBER, invoice_numbers_in, normalise_invoice_number
from billing.statements.onec import detect_encoding, parse_statement
from billing.statements.types import (
    INCOMING,
    OUTGOING,
    UNKNOWN,
    AccountSection,
    Document,
    Statement,
    StatementError,
)

__all__ = [
    "INCOMING",
    "INVOICE_NUMBER",
    "OUTGOING",
    "UNKNOWN",
    "AccountSection",
    "Document",
    "Statement",
    "StatementError",
    "detect_encoding",
    "invoice_numbers_in",
    "normalise_invoice_number",
    "parse_statement",
]
