"""An amount in words ("Сумма прописью"), Russian and English, via num2words.

The format, as Russian invoices write it: the roubles in words with a capital first letter, the
kopecks in two digits, each with its noun in the right form:

* ru: "Одна тысяча двести рублей 05 копеек", "Двадцать один рубль 01 копейка",
  "Две тысячи два рубля 22 копейки", "Ноль рублей 00 копеек";
* en: "One thousand, two hundred roubles 05 kopecks", "One rouble 01 kopeck".

num2words' own ``to="currency"`` is not used: it reads an int as kopecks (``1`` → "ноль рублей,
одна копейка"), spells the kopecks out and puts a comma between the parts. Only its cardinal
numbers are used (Russian thousands are feminine — "одна тысяча", "две тысячи" — and roubles
masculine — "один рубль", "два рубля" — which num2words' default masculine form gets right).
A negative amount raises ValueError: an invoice never says "minus" in words.
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words


def _ru_form(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def amount_in_words(amount, lang: str = "ru") -> str:
    """The amount (Decimal or int roubles; no float) in words, as in the module doc."""
    from billing.money import as_decimal

    amount = as_decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError("a negative amount has no words on an invoice")
    roubles = int(amount)
    kopecks = int((amount - roubles) * 100)
    if lang.split("-")[0].lower() == "ru":
        words = num2words(roubles, lang="ru")
        text = (
            f"{words} {_ru_form(roubles, 'рубль', 'рубля', 'рублей')} "
            f"{kopecks:02d} {_ru_form(kopecks, 'копейка', 'копейки', 'копеек')}"
        )
    else:
        words = num2words(roubles, lang="en")
        text = (
            f"{words} {'rouble' if roubles == 1 else 'roubles'} {kopecks:02d} {'kopeck' if kopecks == 1 else 'kopecks'}"
        )
    return text[0].upper() + text[1:]
