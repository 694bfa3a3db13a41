"""The one way an amount of money is shown (`{{ amount|roubles }}`): any app's pages, billing's included."""

from decimal import Decimal

from django import template
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

register = template.Library()

_separators: dict[str | None, tuple[str, str] | None] = {}


def _separators_of(language: str | None) -> tuple[str, str] | None:
    """(thousands, decimal) of the language when it groups by three, as both of ours do; else None."""
    found = _separators.get(language, False)
    if found is False:
        grouping = get_format("NUMBER_GROUPING")
        found = _separators[language] = (
            (get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")) if grouping == 3 else None
        )
    return found


@register.filter
def roubles(amount) -> str:
    """Decimal("150000.5") → «150 000,50 ₽» (grouped, two decimals, in the reader's locale).

    A list of invoices or acts shows a hundred sums: for an amount of at most two decimals (every stored one)
    the language's separators are looked up once, not three times a sum (number_format); anything else —
    more decimals, a signed zero, an exotic grouping — goes through number_format, whose output this equals
    (tests/core/test_money_filter.py)."""
    if amount is None or amount == "":
        return ""
    value = Decimal(amount)
    separators = _separators_of(get_language())
    if (
        separators is None
        or not value.is_finite()
        or value.as_tuple().exponent < -2
        or value.adjusted() > 30
        or (value.is_signed() and not value)
    ):
        return f"{number_format(value, 2, force_grouping=True)}\u00a0₽"
    thousands, decimal = separators
    text = f"{value:,.2f}".replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
    return f"{text}\u00a0₽"
