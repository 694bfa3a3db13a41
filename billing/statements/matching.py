"""Invoice numbers named in a payment's purpose ("Оплата по счёту № 2026-0012 от 01.02.2026")."""

import re

INVOICE_NUMBER = re.compile(
    r"""(?<![\w/])                                   # not "р/счет", not inside a word
        (?:сч[её]т(?:у|а|ом|ам|ы)?|сч\.?|invoices?|inv\.?)   # the word for an invoice
        \s*(?:№|N[°o]?\.?|No\.?|\#)?\s*             # an optional number sign
        (?P<number>[0-9]{4}-[0-9]{1,6}|[0-9]{1,9})   # 2026-0012, or 12
        (?![0-9])                                    # not the start of a 20-digit account
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""The default pattern: one named group ``number``. Pass another to ``invoice_numbers_in`` when the
firm numbers its invoices otherwise."""


def normalise_invoice_number(number: str) -> str:
    """Leading zeros of each part dropped, so "2026-0012" == "2026-12" and "012" == "12"."""
    return "-".join(str(int(part)) if part.isdigit() else part.upper() for part in number.strip().split("-"))


def invoice_numbers_in(purpose: str, pattern: re.Pattern = INVOICE_NUMBER) -> list[str]:
    """The invoice numbers the purpose names, as written, in order, each once."""
    found: list[str] = []
    for match in pattern.finditer(purpose or ""):
        number = match.group("number")
        if number not in found:
            found.append(number)
    return found
