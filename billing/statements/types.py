"""What a parsed bank statement is: plain frozen dataclasses, no models."""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.errors import ValidationError

INCOMING = "incoming"
OUTGOING = "outgoing"
UNKNOWN = "unknown"


class StatementError(ValidationError):
    """The file is not a statement this parser can read; ``line`` is where it is wrong (1-based),
    the message is translated and names that line. Nothing is imported from such a file."""

    code = "bad_statement"

    def __init__(self, message, *, line: int):
        self.line = line
        super().__init__(message, fields={"file": [message]})


@dataclass(frozen=True)
class AccountSection:
    """One СекцияРасчСчет: the account's figures over the period, as the bank states them."""

    account: str
    date_from: date | None
    date_to: date | None
    opening_balance: Decimal | None
    total_in: Decimal | None
    total_out: Decimal | None
    closing_balance: Decimal | None


@dataclass(frozen=True)
class Document:
    """One СекцияДокумент of any type; ``direction`` is relative to the statement's own accounts."""

    kind: str
    number: str
    date: date
    amount: Decimal
    payer_account: str
    payer_inn: str
    payer_kpp: str
    payer_name: str
    recipient_account: str
    recipient_inn: str
    recipient_name: str
    purpose: str
    received_on: date | None
    debited_on: date | None
    direction: str
    line: int
    fields: dict[str, str] = field(compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        """A stable id for idempotent import: SHA-256 of number, date, amount, the payer's and the
        recipient's accounts and the purpose (whitespace collapsed). The same document exported
        again — in the other encoding, in a longer period's statement — has the same fingerprint;
        the document type, the bank's dates of posting and the line are not part of it."""
        parts = (
            self.number.strip(),
            self.date.isoformat(),
            f"{self.amount:.2f}",
            self.payer_account,
            self.recipient_account,
            " ".join(self.purpose.split()),
        )
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Statement:
    """A whole 1CClientBankExchange file."""

    version: str
    encoding: str
    sender: str
    date_from: date | None
    date_to: date | None
    accounts: tuple[AccountSection, ...]
    documents: tuple[Document, ...]
    header: dict[str, str] = field(compare=False, repr=False)

    @property
    def own_accounts(self) -> frozenset[str]:
        return frozenset(section.account for section in self.accounts) | frozenset(
            value for key, value in self.header.items() if key == "РасчСчет" and value
        )

    def document_keys(self) -> list[str]:
        """A unique key per document, in order: its fingerprint, and ``#2``, ``#3`` … for a second
        and third document with the same fingerprint in this file (two equal payments on one day).
        Parsing the same file again gives the same keys; import by these, not by bare fingerprints."""
        seen: dict[str, int] = {}
        keys = []
        for document in self.documents:
            seen[document.fingerprint] = seen.get(document.fingerprint, 0) + 1
            count = seen[document.fingerprint]
            keys.append(document.fingerprint if count == 1 else f"{document.fingerprint}#{count}")
        return keys

    @property
    def incoming(self) -> tuple[Document, ...]:
        return tuple(document for document in self.documents if document.direction == INCOMING)
