"""The 1C exchange format of bank statements (``1CClientBankExchange``, ВерсияФормата=1.03).

The file is lines of ``Key=Value`` between markers::

    1CClientBankExchange              ← always the first line
    ВерсияФормата=1.03
    Кодировка=Windows                 ← Windows: cp1251, DOS: cp866
    …header keys (Отправитель, ДатаНачала, ДатаКонца, РасчСчет, Документ …)
    СекцияРасчСчет … КонецРасчСчет    ← per account: balances and totals
    СекцияДокумент=<any type> … КонецДокумента
    КонецФайла

The encoding is read from the bytes before the text is decoded: the first line and the values
"Windows"/"DOS" are ASCII in both encodings, and each header line is tried as cp1251 and as cp866
until one of them reads "Кодировка=". Then the whole file is decoded with that codec (strictly:
a byte the codec does not have is an error naming its line).

Any problem raises ``StatementError`` with the 1-based line number and what is wrong, translated;
the parser never returns part of a file.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from billing.statements.types import (
    INCOMING,
    OUTGOING,
    UNKNOWN,
    AccountSection,
    Document,
    Statement,
    StatementError,
)

MAGIC = "1CClientBankExchange"
ENCODINGS = {"windows": "cp1251", "dos": "cp866"}
_AMOUNT = re.compile(r"-?[0-9]{1,16}(?:\.[0-9]{1,2})?")
_DATE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{4}")
_SECTION_BYTES = ("Секция".encode("cp1251"), "Секция".encode("cp866"))
_HEADER_LINES = 50  # the Кодировка line is among the first few; a file without it within 50 is refused


def _error(line: int, problem: str) -> StatementError:
    message = _("Line %(line)d of the bank statement: %(problem)s") % {"line": line, "problem": problem}
    return StatementError(message, line=line)


def detect_encoding(data: bytes) -> str:
    """The Python codec the file declares (cp1251 or cp866); StatementError when it does not."""
    lines = data.splitlines()
    first = lines[0].removeprefix(b"\xef\xbb\xbf").strip() if lines else b""
    if first != MAGIC.encode("ascii"):
        raise _error(1, _("the file does not start with 1CClientBankExchange: it is not a 1C bank statement."))
    for number, raw in enumerate(lines[1:_HEADER_LINES], start=2):
        for codec in ("cp1251", "cp866"):
            text = raw.decode(codec, errors="replace").strip()
            if text.startswith("Кодировка="):
                value = text.partition("=")[2].strip()
                if value.lower() not in ENCODINGS:
                    raise _error(
                        number,
                        _("unknown encoding %(value)s: the statement must be in Windows or DOS encoding.")
                        % {"value": value},
                    )
                return ENCODINGS[value.lower()]
        if raw.strip().startswith(_SECTION_BYTES):  # the header is over
            break
    raise _error(2, _("the header has no Кодировка line (Windows or DOS)."))


def _amount(value: str, line: int, key: str) -> Decimal:
    if not _AMOUNT.fullmatch(value):
        raise _error(
            line, _("%(key)s must be an amount such as 1200.05, not “%(value)s”.") % {"key": key, "value": value}
        )
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise _error(line, _("%(key)s is not an amount.") % {"key": key}) from None


def _date(value: str, line: int, key: str) -> date:
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return datetime.strptime(value, "%d.%m.%Y").date()
    except ValueError:
        raise _error(
            line, _("%(key)s must be a date such as 06.12.2026, not “%(value)s”.") % {"key": key, "value": value}
        ) from None


def _optional_date(fields: dict, lines: dict, key: str) -> date | None:
    value = fields.get(key, "")
    return _date(value, lines[key], key) if value else None


def _optional_amount(fields: dict, lines: dict, key: str) -> Decimal | None:
    value = fields.get(key, "")
    return _amount(value, lines[key], key) if value else None


def _account_section(fields: dict, lines: dict, start: int) -> AccountSection:
    if not fields.get("РасчСчет"):
        raise _error(start, _("the account section has no РасчСчет."))
    return AccountSection(
        account=fields["РасчСчет"],
        date_from=_optional_date(fields, lines, "ДатаНачала"),
        date_to=_optional_date(fields, lines, "ДатаКонца"),
        opening_balance=_optional_amount(fields, lines, "НачальныйОстаток"),
        total_in=_optional_amount(fields, lines, "ВсегоПоступило"),
        total_out=_optional_amount(fields, lines, "ВсегоСписано"),
        closing_balance=_optional_amount(fields, lines, "КонечныйОстаток"),
    )


def _document(kind: str, fields: dict, lines: dict, start: int, accounts: frozenset[str]) -> Document:
    for key in ("Номер", "Дата", "Сумма"):
        if not fields.get(key):
            raise _error(start, _("the document has no %(key)s.") % {"key": key})
    payer_account = fields.get("ПлательщикСчет", "") or fields.get("ПлательщикРасчСчет", "")
    recipient_account = fields.get("ПолучательСчет", "") or fields.get("ПолучательРасчСчет", "")
    received_on = _optional_date(fields, lines, "ДатаПоступило")
    debited_on = _optional_date(fields, lines, "ДатаСписано")
    if recipient_account in accounts and payer_account not in accounts:
        direction = INCOMING
    elif payer_account in accounts and recipient_account not in accounts:
        direction = OUTGOING
    elif received_on and not debited_on:
        direction = INCOMING
    elif debited_on and not received_on:
        direction = OUTGOING
    else:
        direction = UNKNOWN
    amount = _amount(fields["Сумма"], lines["Сумма"], "Сумма")
    if amount < 0:
        raise _error(lines["Сумма"], _("Сумма must not be negative."))
    return Document(
        kind=kind,
        number=fields["Номер"],
        date=_date(fields["Дата"], lines["Дата"], "Дата"),
        amount=amount,
        payer_account=payer_account,
        payer_inn=fields.get("ПлательщикИНН", ""),
        payer_kpp=fields.get("ПлательщикКПП", ""),
        payer_name=fields.get("Плательщик1", "") or fields.get("Плательщик", ""),
        recipient_account=recipient_account,
        recipient_inn=fields.get("ПолучательИНН", ""),
        recipient_name=fields.get("Получатель1", "") or fields.get("Получатель", ""),
        purpose=fields.get("НазначениеПлатежа", ""),
        received_on=received_on,
        debited_on=debited_on,
        direction=direction,
        line=start,
        fields=dict(fields),
    )


def _decode(data: bytes, codec: str) -> list[str]:
    lines = data.removeprefix(b"\xef\xbb\xbf").splitlines()
    text = []
    for number, raw in enumerate(lines, start=1):
        try:
            text.append(raw.decode(codec))
        except UnicodeDecodeError:
            raise _error(number, _("the line cannot be read in the declared encoding.")) from None
    return text


def parse_statement(data: bytes, *, accounts=()) -> Statement:
    """The statement in ``data`` (the file's bytes). A document's direction is relative to
    ``accounts`` (the firm's settlement accounts) when given, else to the accounts the statement is
    about (its РасчСчет lines and sections)."""
    if not isinstance(data, bytes | bytearray):
        raise TypeError("parse_statement reads the file's bytes")
    codec = detect_encoding(bytes(data))
    lines = _decode(bytes(data), codec)
    header: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    header_accounts: list[str] = []
    sections: list[tuple[str, str, dict, dict, int]] = []  # (what, kind, fields, lines, start)
    current = None
    ended = False
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line:
            continue
        if ended:
            break
        key, equals, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if current is None:
            if line == "КонецФайла":
                ended = True
            elif line == "СекцияРасчСчет":
                current = ("account", "", {}, {}, number)
            elif key == "СекцияДокумент":
                if not value:
                    raise _error(number, _("СекцияДокумент must name the document type."))
                current = ("document", value, {}, {}, number)
            elif line in ("КонецРасчСчет", "КонецДокумента"):
                raise _error(number, _("%(marker)s without a section it ends.") % {"marker": line})
            elif not equals:
                raise _error(number, _("a line must be Key=Value, not “%(line)s”.") % {"line": line[:60]})
            else:
                header[key] = value
                header_lines[key] = number
                if key == "РасчСчет" and value:
                    header_accounts.append(value)
            continue
        what, _kind, fields, field_lines, start = current
        end = "КонецРасчСчет" if what == "account" else "КонецДокумента"
        if line == end:
            sections.append(current)
            current = None
        elif line in ("СекцияРасчСчет", "КонецРасчСчет", "КонецДокумента", "КонецФайла") or key == "СекцияДокумент":
            raise _error(
                start,
                _("the section that starts here has no %(end)s before line %(line)d.") % {"end": end, "line": number},
            )
        elif not equals:
            raise _error(number, _("a line must be Key=Value, not “%(line)s”.") % {"line": line[:60]})
        else:
            fields[key] = value
            field_lines[key] = number
    if current is not None:
        raise _error(current[4], _("the section that starts here has no end: the file is cut short."))
    if not ended:
        last = max((number for number, raw in enumerate(lines, start=1) if raw.strip()), default=1)
        raise _error(last, _("the file has no КонецФайла after this line: it is cut short."))
    if header.get("ВерсияФормата") not in ("1.01", "1.02", "1.03"):
        raise _error(
            header_lines.get("ВерсияФормата", 2),
            _("format version %(version)s is not supported (1.03 is).") % {"version": header.get("ВерсияФормата", "—")},
        )
    account_sections = tuple(_account_section(f, ln, s) for what, _kind, f, ln, s in sections if what == "account")
    own = frozenset(accounts) or frozenset(header_accounts) | {section.account for section in account_sections}
    documents = tuple(_document(kind, f, ln, s, own) for what, kind, f, ln, s in sections if what == "document")
    return Statement(
        version=header["ВерсияФормата"],
        encoding=codec,
        sender=header.get("Отправитель", ""),
        date_from=_optional_date(header, header_lines, "ДатаНачала"),
        date_to=_optional_date(header, header_lines, "ДатаКонца"),
        accounts=account_sections,
        documents=documents,
        header=header,
    )
