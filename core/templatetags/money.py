"""The one way an amount of money is shown (`{{ amount|roubles }}`): any app's pages, billing's included."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def roubles(amount) -> str:
    """Decimal("150000.5") → «150 000,50 ₽» (grouped, two decimals, in the reader's locale)."""
    if amount is None or amount == "":
        return ""
    return f"{number_format(Decimal(amount), 2, force_grouping=True)}\u00a0₽"
