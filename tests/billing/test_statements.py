"""Bank statements in the 1C exchange format: both encodings, any document type, stable fingerprints,
malformed files refused at the right line; invoice numbers found in a payment's purpose."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from billing.statements import (
    INCOMING,
    OUTGOING,
    StatementError,
    detect_encoding,
    invoice_numbers_in,
    normalise_invoice_number,
    parse_statement,
)

TEMPLATE = (Path(__file__).parent / "data" / "statement_1c.txt").read_text(encoding="utf-8")
CODECS = {"Windows": "cp1251", "DOS": "cp866"}


def _file(encoding="Windows", text=None, newline="\r\n") -> bytes:
    text = (text if text is not None else TEMPLATE).replace("{encoding}", encoding)
    return newline.join(text.splitlines()).encode(CODECS.get(encoding, "cp1251")) + newline.encode()


def _broken(old: str, new: str, encoding="Windows") -> bytes:
    assert old in TEMPLATE
    return _file(encoding, TEMPLATE.replace(old, new, 1))


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(needle):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(needle)


@pytest.mark.parametrize("encoding", ["Windows", "DOS"])
def test_statement_in_each_encoding(encoding):
    statement = parse_statement(_file(encoding))
    assert statement.encoding == CODECS[encoding]
    assert statement.version == "1.03"
    assert (statement.date_from, statement.date_to) == (date(2026, 12, 1), date(2026, 12, 5))
    (section,) = statement.accounts
    assert section.account == "40702810938000000001"
    assert section.closing_balance == Decimal("220465.05") and section.total_out == Decimal(4000)
    order, bank_order, duty = statement.documents
    assert order.kind == "Платежное поручение" and bank_order.kind == "Банковский ордер"
    assert order.amount == Decimal("1200.05") and order.date == date(2026, 12, 2)
    assert order.payer_name == 'ООО "Ромашка"' and order.payer_inn == "7736010011"
    assert order.payer_kpp == "773601001" and order.payer_account == "40702810400000000077"
    assert order.purpose.startswith("Оплата по счёту № 2026-0012")
    assert order.received_on == date(2026, 12, 2) and order.debited_on is None
    assert [d.direction for d in statement.documents] == [INCOMING, INCOMING, OUTGOING]
    assert bank_order.amount == Decimal("123265") and bank_order.payer_name == "ПАО Сбербанк (эквайринг)"
    assert duty.recipient_name == "Казначейство России (ФНС России)" and duty.debited_on == date(2026, 12, 4)
    assert statement.incoming == (order, bank_order)
    assert order.line == _line_of(TEMPLATE, "СекцияДокумент")
    assert order.fields["Очередность"] == "5"


def test_both_encodings_and_line_endings_read_the_same():
    windows = parse_statement(_file("Windows"))
    dos = parse_statement(_file("DOS", newline="\n"))
    assert windows.documents == dos.documents
    assert [d.fingerprint for d in windows.documents] == [d.fingerprint for d in dos.documents]


def test_detect_encoding_reads_the_header_bytes():
    assert detect_encoding(_file("Windows")) == "cp1251"
    assert detect_encoding(_file("DOS")) == "cp866"
    # The cp866 bytes of a Windows-declared file are still found, and the other way round.
    mixed = _file("DOS").replace(b"DOS", b"Windows")
    assert detect_encoding(mixed) == "cp1251"


def test_the_same_file_parsed_twice_gives_the_same_fingerprints():
    first = [d.fingerprint for d in parse_statement(_file()).documents]
    second = [d.fingerprint for d in parse_statement(_file()).documents]
    assert first == second and len(set(first)) == 3
    assert all(len(f) == 64 for f in first)


def test_equal_documents_get_distinct_keys():
    start = TEMPLATE.index("СекцияДокумент=Платежное поручение")
    end = TEMPLATE.index("КонецДокумента", start) + len("КонецДокумента\n")
    doubled = TEMPLATE[:end] + TEMPLATE[start:end] + TEMPLATE[end:]
    statement = parse_statement(_file(text=doubled))
    first, second = statement.documents[:2]
    assert first.fingerprint == second.fingerprint
    keys = statement.document_keys()
    assert len(set(keys)) == 4 and keys[1] == f"{first.fingerprint}#2"
    assert parse_statement(_file(text=doubled)).document_keys() == keys


def test_fingerprint_ignores_kind_and_whitespace_but_not_money():
    base = parse_statement(_file()).documents[0]
    respaced = parse_statement(
        _broken("НазначениеПлатежа=Оплата по счёту", "НазначениеПлатежа=Оплата  по   счёту")
    ).documents[0]
    retyped = parse_statement(_broken("СекцияДокумент=Платежное поручение", "СекцияДокумент=Прочее")).documents[0]
    other_sum = parse_statement(_broken("Сумма=1200.05", "Сумма=1200.06")).documents[0]
    half = parse_statement(_broken("Сумма=1200.05", "Сумма=1200.5")).documents[0]
    half_again = parse_statement(_broken("Сумма=1200.05", "Сумма=1200.50")).documents[0]
    assert half.fingerprint == half_again.fingerprint
    assert respaced.fingerprint == base.fingerprint == retyped.fingerprint
    assert other_sum.fingerprint != base.fingerprint


def test_direction_relative_to_the_given_accounts():
    statement = parse_statement(_file(), accounts={"40702810400000000077"})
    assert statement.documents[0].direction == OUTGOING  # the payer's account is "ours" now


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "1CClientBankExchange"),
        (_file().replace(b"1CClientBankExchange", b"1CClientBank", 1), 1, "1CClientBankExchange"),
        (_broken("Кодировка={encoding}", "Кодировка=KOI8"), 3, "KOI8"),
        (_broken("Кодировка={encoding}\n", ""), 2, "Кодировка"),
        (_broken("ВерсияФормата=1.03", "ВерсияФормата=2.00"), 2, "2.00"),
        (
            _broken("Номер=77\n", "Номер=77\nЭто строка без знака равенства\n"),
            _line_of(TEMPLATE, "Номер=77") + 1,
            "Key=Value",
        ),
        (_broken("Сумма=123265", "Сумма=123 265,00"), _line_of(TEMPLATE, "Сумма=123265"), "Сумма"),
        (_broken("Сумма=1200.05", "Сумма=1200.005"), _line_of(TEMPLATE, "Сумма=1200.05"), "Сумма"),
        (_broken("Дата=03.12.2026", "Дата=31.02.2026"), _line_of(TEMPLATE, "Дата=03.12.2026"), "31.02.2026"),
        (
            _broken("ДатаПоступило=02.12.2026", "ДатаПоступило=2026-12-02"),
            _line_of(TEMPLATE, "ДатаПоступило"),
            "ДатаПоступило",
        ),
        (
            _broken("НачальныйОстаток=100000.00", "НачальныйОстаток=сто"),
            _line_of(TEMPLATE, "НачальныйОстаток"),
            "НачальныйОстаток",
        ),
        (_broken("Номер=512\n", ""), _line_of(TEMPLATE, "СекцияДокумент"), "Номер"),
        # The first document loses its end: the error names the line where it starts.
        (
            _broken("ДатаПоступило=02.12.2026\nКонецДокумента\n", "ДатаПоступило=02.12.2026\n"),
            _line_of(TEMPLATE, "СекцияДокумент"),
            "КонецДокумента",
        ),
        (
            _broken("ДатаСписано=04.12.2026\nКонецДокумента\nКонецФайла", "ДатаСписано=04.12.2026"),
            _line_of(TEMPLATE, "СекцияДокумент", 3),
            "end",
        ),
        (_broken("КонецФайла", ""), len(TEMPLATE.splitlines()) - 1, "КонецФайла"),
        (
            _broken("КонецРасчСчет\n", "КонецРасчСчет\nКонецРасчСчет\n"),
            _line_of(TEMPLATE, "КонецРасчСчет") + 1,
            "КонецРасчСчет",
        ),
        (
            _broken("СекцияДокумент=Банковский ордер", "СекцияДокумент="),
            _line_of(TEMPLATE, "СекцияДокумент", 2),
            "СекцияДокумент",
        ),
    ],
)
def test_malformed_files_name_the_line(data, line, words):
    with pytest.raises(StatementError) as caught:
        parse_statement(data)
    assert caught.value.line == line
    assert f"Line {line} " in str(caught.value)
    assert words in str(caught.value)


def test_a_byte_the_encoding_lacks_is_refused_at_its_line():
    data = _file().replace("Номер=77".encode("cp1251"), b"\xd0\xdd\x98=77")  # 0x98 has no cp1251 character
    with pytest.raises(StatementError) as caught:
        parse_statement(data)
    assert caught.value.line == _line_of(TEMPLATE, "Номер=77")


def test_the_error_is_translated():
    with translation.override("ru"), pytest.raises(StatementError) as caught:
        parse_statement(_broken("Сумма=1200.05", "Сумма=abc"))
    assert str(caught.value).startswith(f"Строка {_line_of(TEMPLATE, 'Сумма=1200.05')} банковской выписки")


def test_refuses_text():
    with pytest.raises(TypeError):
        parse_statement(TEMPLATE)


@pytest.mark.parametrize(
    ("purpose", "numbers"),
    [
        ("Оплата по счёту № 2026-0012 от 01.12.2026 за юридические услуги", ["2026-0012"]),
        ("Оплата по счету №12 от 01.02.2026", ["12"]),
        ("Опл. сч. 12 от 01.02.2026, НДС нет", ["12"]),
        ("Зачисление: сч.13; invoice 2026-0014; Invoice No. 2026-0014", ["13", "2026-0014"]),
        ("Оплата по счетам 2026-0001, сч 2026-0002", ["2026-0001", "2026-0002"]),
        ("Перевод на р/счет 40702810938000000001", []),
        ("Возврат по счёту-фактуре", []),
        ("Госпошлина", []),
        ("", []),
    ],
)
def test_invoice_numbers_in(purpose, numbers):
    assert invoice_numbers_in(purpose) == numbers


def test_invoice_number_pattern_is_configurable():
    import re

    pattern = re.compile(r"INV/(?P<number>[0-9]+)")
    assert invoice_numbers_in("paid INV/77 and сч. 12", pattern) == ["77"]
    assert normalise_invoice_number("2026-0012") == normalise_invoice_number("2026-12") == "2026-12"
