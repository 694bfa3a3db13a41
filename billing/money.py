"""Money arithmetic of invoices and payments: Decimal roubles, rounded to the kopeck.

Pure functions, no models. Every amount is a ``Decimal`` (or an ``int`` of whole roubles/units);
a ``float`` anywhere raises ``TypeError`` — a float cannot hold 0.1 exactly, and a kopeck lost in a
float is a kopeck the client disputes. NaN and infinities raise ``ValueError``.

Rounding rule (as Russian invoices and the VAT chapter of the Tax Code do it):

* every amount is rounded to the kopeck **half up** (0.005 → 0.01), ``quantize_kopecks``;
* a line's amount is quantity × price, rounded per line;
* a line's VAT is computed and rounded **per line** — on top of its net amount
  (``vat_on_top``: net × rate / 100) or extracted from its gross amount when prices include VAT
  (``vat_from_gross``: gross × rate / (100 + rate));
* every total (net, VAT, gross — overall and per rate) is the **sum of the rounded lines**, never
  recomputed from a summed base, so the VAT column always adds up to the VAT total printed.

A VAT rate is a ``Decimal`` percent (0, 5, 7, 10, 20, 22 …) or ``None`` for "without VAT"
(an advocates' office, a simplified-system firm under the threshold) — not the same as 0 %.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from billing.words import amount_in_words  # noqa: F401 - re-exported: money.amount_in_words

KOPECK = Decimal("0.01")
HUNDRED = Decimal(100)
VAT_RATES = (Decimal(0), Decimal(5), Decimal(7), Decimal(10), Decimal(20), Decimal(22))
"""Rates a Russian invoice may carry in 2026: 22 % general (Federal Law 425-FZ), 10 % reduced,
5 % and 7 % for the simplified system, 0 %. ``None`` is "without VAT"."""


def as_decimal(value, name: str = "amount") -> Decimal:
    """``value`` as a finite Decimal; ``int`` is accepted, ``float`` and ``bool`` raise TypeError."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal or an int, not {type(value).__name__}: {value!r}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite number, not {value}")
    return value


def quantize_kopecks(value) -> Decimal:
    """The amount rounded to the kopeck, half up: 0.005 → 0.01, -0.005 → -0.01."""
    return as_decimal(value).quantize(KOPECK, rounding=ROUND_HALF_UP)


def line_total(quantity, price) -> Decimal:
    """quantity × price, rounded to the kopeck (once, for the line)."""
    return quantize_kopecks(as_decimal(quantity, "quantity") * as_decimal(price, "price"))


def _rate(rate) -> Decimal | None:
    if rate is None:
        return None
    rate = as_decimal(rate, "rate")
    if not Decimal(0) <= rate < HUNDRED:
        raise ValueError(f"a VAT rate is a percent in [0, 100), not {rate}")
    return rate


def document_line_rate(rate, *, pass_through: bool):
    """The VAT rate of one line of a document whose rate is `rate` (``None``: the firm charges no VAT).

    The rule (general regime; the same for the simplified system's 5 % / 7 %):

    * fees — time, a fixed fee or its stage, a retainer, a line entered by hand — are the firm's
      revenue: the document's rate;
    * **expenses re-billed to the client** (travel, an expert, a notary, postage, a courier, even a
      state duty the firm paid out of its own money and now recovers) are part of the price of the
      firm's services, hence its revenue too (Tax Code art. 154 and 162 — a compensation of costs is
      not carved out of the VAT base): **the document's rate, exactly as for fees** — the VAT is
      extracted from the amount re-billed, which is what the client pays;
    * **an advance the client pays for a state duty** that goes on to the treasury in the client's
      name is not the firm's money: the firm passes it on (an intermediary's pass-through, not a sale),
      so it is **without VAT** (``None``, printed "Без НДС") even on an invoice that charges VAT on
      the rest — ``pass_through=True``.

    A firm without VAT (``rate`` None) prints every line without VAT."""
    if rate is None or pass_through:
        return None
    return _rate(rate)


def vat_on_top(net, rate) -> Decimal:
    """The VAT added to a net amount: net × rate / 100, rounded; 0.00 without VAT (rate None)."""
    rate = _rate(rate)
    net = as_decimal(net)
    if rate is None:
        return Decimal("0.00")
    return quantize_kopecks(net * rate / HUNDRED)


def vat_from_gross(gross, rate) -> Decimal:
    """The VAT included in a gross amount: gross × rate / (100 + rate), rounded ("в т. ч. НДС")."""
    rate = _rate(rate)
    gross = as_decimal(gross)
    if rate is None:
        return Decimal("0.00")
    return quantize_kopecks(gross * rate / (HUNDRED + rate))


@dataclass(frozen=True)
class Amounts:
    """Net, VAT and gross of a line or a total; gross == net + vat always."""

    net: Decimal
    vat: Decimal
    gross: Decimal

    def __add__(self, other: "Amounts") -> "Amounts":
        return Amounts(self.net + other.net, self.vat + other.vat, self.gross + other.gross)


ZERO = Amounts(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


@dataclass(frozen=True)
class Line:
    """An invoice line as entered: quantity × price at a VAT rate; ``vat_included`` when the price
    already contains the VAT (the firm's usual "в т. ч. НДС"), else the VAT is added on top."""

    quantity: Decimal | int
    price: Decimal | int
    rate: Decimal | int | None = None
    vat_included: bool = True

    def amounts(self) -> Amounts:
        return line_amounts(self.quantity, self.price, self.rate, vat_included=self.vat_included)


def line_amounts(quantity, price, rate, *, vat_included: bool) -> Amounts:
    """A line's net, VAT and gross under the rounding rule of the module doc."""
    total = line_total(quantity, price)
    if vat_included:
        vat = vat_from_gross(total, rate)
        return Amounts(total - vat, vat, total)
    vat = vat_on_top(total, rate)
    return Amounts(total, vat, total + vat)


@dataclass(frozen=True)
class Totals:
    """The sum of the lines, and per VAT rate (key ``None`` for lines without VAT)."""

    lines: tuple[Amounts, ...]
    total: Amounts
    by_rate: dict[Decimal | None, Amounts]


def totals(lines) -> Totals:
    """Each line rounded first, then summed: the totals are exactly the sums of the lines."""
    amounts = []
    by_rate: dict[Decimal | None, Amounts] = {}
    total = ZERO
    for line in lines:
        line_sums = line.amounts()
        amounts.append(line_sums)
        total = total + line_sums
        rate = _rate(line.rate)
        key = None if rate is None else rate.normalize()
        by_rate[key] = by_rate.get(key, ZERO) + line_sums
    return Totals(tuple(amounts), total, by_rate)


def to_kopecks(amount) -> int:
    """Whole kopecks as an int (the QR code's Sum, a bank file's integer amounts).
    An amount with a fraction of a kopeck raises ValueError rather than being rounded silently."""
    amount = as_decimal(amount)
    kopecks = amount * HUNDRED
    if kopecks != kopecks.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of kopecks")
    return int(kopecks)


def from_kopecks(kopecks: int) -> Decimal:
    """An int of kopecks as roubles with two places: 123405 → Decimal('1234.05')."""
    if isinstance(kopecks, bool) or not isinstance(kopecks, int):
        raise TypeError(f"kopecks must be an int, not {type(kopecks).__name__}")
    return (Decimal(kopecks) / HUNDRED).quantize(KOPECK)


def format_money(amount, lang: str = "ru") -> str:
    """The amount for people, by the Django formats of each language, with non-breaking spaces so it
    never wraps: ru "1 234 567,89 ₽" (grouped by a no-break space, as formats/ru and CLDR do);
    en "RUB 1,234,567.89". Rounded half up to the kopeck first; a minus sign leads."""
    from django.utils import numberformat

    amount = quantize_kopecks(amount)
    if lang.split("-")[0].lower() == "ru":
        number = numberformat.format(amount, ",", 2, 3, "\u00a0", force_grouping=True)
        return f"{number}\u00a0₽"
    number = numberformat.format(abs(amount), ".", 2, 3, ",", force_grouping=True)
    return f"{'-' if amount < 0 else ''}RUB\u00a0{number}"
