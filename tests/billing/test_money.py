"""The money rules of billing.money: kopeck rounding, line and VAT arithmetic, totals, words, format."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing import money
from billing.money import (
    Line,
    amount_in_words,
    format_money,
    from_kopecks,
    line_total,
    quantize_kopecks,
    to_kopecks,
    totals,
    vat_from_gross,
    vat_on_top,
)

D = Decimal
amounts = st.decimals(min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=4)
money_amounts = st.decimals(min_value=D(0), max_value=D("1e10"), places=2)
quantities = st.decimals(min_value=D("0.001"), max_value=D(10000), places=3)
rates = st.sampled_from([None, *money.VAT_RATES])
lines = st.builds(Line, quantities, money_amounts, rates, st.booleans())


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.005", "0.01"), ("0.004", "0.00"), ("-0.005", "-0.01"), ("2.675", "2.68"), ("1", "1.00"), (7, "7.00")],
)
def test_quantize_is_half_up(value, expected):
    assert quantize_kopecks(D(value) if isinstance(value, str) else value) == D(expected)


@pytest.mark.parametrize(
    "call",
    [
        lambda: quantize_kopecks(0.1),
        lambda: line_total(D(1), 2.5),
        lambda: line_total(1.0, D(1)),
        lambda: vat_on_top(D(100), 22.0),
        lambda: vat_from_gross(100.0, D(22)),
        lambda: to_kopecks(1.5),
        lambda: from_kopecks(1.5),
        lambda: amount_in_words(1.5),
        lambda: format_money(1.5),
        lambda: quantize_kopecks(True),
        lambda: quantize_kopecks("1.00"),
        lambda: Line(D(1), 1.5, 22).amounts(),
    ],
)
def test_floats_and_other_types_are_refused(call):
    with pytest.raises(TypeError):
        call()


def test_nan_and_infinity_are_refused():
    for bad in (D("NaN"), D("Infinity"), D("-Infinity")):
        with pytest.raises(ValueError):
            quantize_kopecks(bad)


def test_rate_out_of_range_is_refused():
    with pytest.raises(ValueError):
        vat_on_top(D(100), D(100))
    with pytest.raises(ValueError):
        vat_on_top(D(100), D(-1))


def test_known_vat_figures():
    assert vat_on_top(D("1000"), D(22)) == D("220.00")
    assert vat_from_gross(D("1220"), D(22)) == D("220.00")
    assert vat_from_gross(D("1000"), D(22)) == D("180.33")  # 1000 × 22 / 122 = 180.327…
    assert vat_from_gross(D("1000"), D(20)) == D("166.67")
    assert vat_from_gross(D("1050"), D(5)) == D("50.00")
    assert vat_from_gross(D("1070"), D(7)) == D("70.00")
    assert vat_on_top(D("1000"), None) == D("0.00")
    assert vat_on_top(D("1000"), D(0)) == D("0.00")


def test_totals_per_rate_sum_the_rounded_lines():
    result = totals(
        [
            Line(D(3), D("333.33"), D(22), vat_included=False),  # 999.99 + 220.00 (219.9978)
            Line(D(1), D("0.03"), D(22)),  # 0.03 gross, VAT 0.01 (0.0054…)
            Line(D(1), D("0.03"), D(22)),
            Line(D(2), D("500"), None),
        ]
    )
    assert [a.vat for a in result.lines] == [D("220.00"), D("0.01"), D("0.01"), D("0.00")]
    assert result.by_rate[D(22)].vat == D("220.02")  # not round(0.06 × 22/122) = 0.01
    assert result.by_rate[None].gross == D("1000.00")
    assert result.total.gross == D("2219.99") + D("0.06")


@given(quantities, money_amounts)
def test_line_total_is_rounded_product(quantity, price):
    total = line_total(quantity, price)
    assert total == total.quantize(D("0.01"))
    assert abs(total - quantity * price) <= D("0.005")


@given(amounts)
def test_rounding_is_idempotent(value):
    once = quantize_kopecks(value)
    assert quantize_kopecks(once) == once
    assert abs(once - value) <= D("0.005")


@given(money_amounts, st.sampled_from(money.VAT_RATES))
def test_vat_added_then_extracted_gives_the_net_back_within_a_kopeck(net, rate):
    gross = net + vat_on_top(net, rate)
    extracted = vat_from_gross(gross, rate)
    assert abs((gross - extracted) - net) <= D("0.01")
    assert abs(extracted - vat_on_top(net, rate)) <= D("0.01")


@given(st.lists(lines, max_size=20))
def test_totals_are_the_sums_of_the_lines(entered):
    result = totals(entered)
    for field in ("net", "vat", "gross"):
        column = sum((getattr(a, field) for a in result.lines), D("0.00"))
        assert getattr(result.total, field) == column
        assert sum((getattr(a, field) for a in result.by_rate.values()), D("0.00")) == column
    for line in result.lines:
        assert line.net + line.vat == line.gross
        for value in (line.net, line.vat, line.gross):
            assert isinstance(value, Decimal) and value == value.quantize(D("0.01"))


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_kopecks_round_trip(kopecks):
    assert to_kopecks(from_kopecks(kopecks)) == kopecks


def test_to_kopecks_refuses_fractions_of_a_kopeck():
    assert to_kopecks(D("1234.05")) == 123405
    assert to_kopecks(12) == 1200
    with pytest.raises(ValueError):
        to_kopecks(D("0.001"))


@pytest.mark.parametrize(
    ("amount", "ru", "en"),
    [
        ("1200.05", "Одна тысяча двести рублей 05 копеек", "One thousand, two hundred roubles 05 kopecks"),
        ("21.01", "Двадцать один рубль 01 копейка", "Twenty-one roubles 01 kopeck"),
        ("2002.22", "Две тысячи два рубля 22 копейки", "Two thousand and two roubles 22 kopecks"),
        ("1", "Один рубль 00 копеек", "One rouble 00 kopecks"),
        ("0", "Ноль рублей 00 копеек", "Zero roubles 00 kopecks"),
        ("11.11", "Одиннадцать рублей 11 копеек", "Eleven roubles 11 kopecks"),
        ("1000000", "Один миллион рублей 00 копеек", "One million roubles 00 kopecks"),
        ("104.14", "Сто четыре рубля 14 копеек", "One hundred and four roubles 14 kopecks"),
    ],
)
def test_amount_in_words(amount, ru, en):
    assert amount_in_words(D(amount), "ru") == ru
    assert amount_in_words(D(amount), "en") == en


def test_amount_in_words_of_an_int_means_roubles_not_kopecks():
    assert amount_in_words(1) == "Один рубль 00 копеек"


def test_negative_amount_has_no_words():
    with pytest.raises(ValueError):
        amount_in_words(D("-1"))


def test_format_money():
    nbsp = "\u00a0"
    assert format_money(D("1234567.89"), "ru") == f"1{nbsp}234{nbsp}567,89{nbsp}₽"
    assert format_money(D("1234567.89"), "en") == f"RUB{nbsp}1,234,567.89"
    assert format_money(D("-1234567.885"), "en") == f"-RUB{nbsp}1,234,567.89"
    assert format_money(D("5"), "ru") == f"5,00{nbsp}₽"
    assert format_money(D("999.999"), "ru-ru") == f"1{nbsp}000,00{nbsp}₽"
