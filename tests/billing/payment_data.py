"""Shared data of the payments' tests: the 1C statement of tests/billing/data in either encoding."""

from pathlib import Path

TEMPLATE = (Path(__file__).parent / "data" / "statement_1c.txt").read_text(encoding="utf-8")
CODECS = {"Windows": "cp1251", "DOS": "cp866"}
FIRM_ACCOUNT = "40702810938000000001"  # the statement's own account
ROMASHKA_INN = "7736010011"


def statement(encoding="Windows", text=None, newline="\r\n") -> bytes:
    text = (text if text is not None else TEMPLATE).replace("{encoding}", encoding)
    return newline.join(text.splitlines()).encode(CODECS.get(encoding, "cp1251")) + newline.encode()


def broken(old: str, new: str, encoding="Windows") -> bytes:
    assert old in TEMPLATE
    return statement(encoding, TEMPLATE.replace(old, new, 1))


def line_of(needle: str) -> int:
    for number, line in enumerate(TEMPLATE.splitlines(), start=1):
        if line.startswith(needle):
            return number
    raise AssertionError(needle)
