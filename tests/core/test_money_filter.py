"""`roubles` writes a sum exactly as Django's number_format would (grouped, two decimals, the reader's
separators), on its fast path and off it."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format
from hypothesis import given
from hypothesis import strategies as st

from core.templatetags.money import roubles


def django_way(value) -> str:
    return f"{number_format(Decimal(value), 2, force_grouping=True)}\u00a0₽"


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(
    "value",
    ["0", "0.00", "-0.00", "1", "999.99", "1000", "-1234567.8", "150000.5", "12.345", "1E+3", "0.005", "-0.001",
     "123456789012345678901234.56", "1e40", 7, 1234567, "3.10"],
)  # fmt: skip
def test_the_same_as_number_format(language, value):
    with translation.override(language):
        assert roubles(value) == django_way(value)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=2))
def test_any_stored_sum_in_both_languages(value):
    for language in ("ru", "en"):
        with translation.override(language):
            assert roubles(value) == django_way(value)


def test_nothing_for_nothing_and_the_russian_form():
    assert roubles(None) == "" and roubles("") == ""
    with translation.override("ru"):
        assert roubles(Decimal("150000.5")) == "150\u00a0000,50\u00a0₽"
