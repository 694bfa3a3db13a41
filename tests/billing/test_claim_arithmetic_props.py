"""Property-based tests of the claim arithmetic (hypothesis): billing.claim_law.

The consumer's delay penalty (art. 28 п.5 of the consumer law) against an independent computation in
fractions; the cap at the price; a fee reduction never above the fee billed and a refund never above
what was paid, however many claims on the matter are granted one after another.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from billing.claim_law import (
    CONSUMER,
    CONTRACT,
    Limits,
    consumer_delay_penalty,
    delay_days,
    over_limits,
    percent_of,
    regime_for,
    response_due_on,
)

KOPECK = Decimal("0.01")
price = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("99999999.99"), places=2)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2)
days = st.integers(min_value=-30, max_value=2000)


def independent_penalty(price: Decimal, days: int) -> Decimal:
    """3 % per day of the price, in exact fractions, rounded half up to the kopeck, capped at the price."""
    if days <= 0:
        return Decimal("0.00")
    exact = Fraction(price) * 3 * days / 100
    kopecks = exact * 100
    whole = int(kopecks)  # non-negative: floor
    if kopecks - whole >= Fraction(1, 2):
        whole += 1
    return min(Decimal(whole) / 100, price).quantize(KOPECK)


@given(price, days)
def test_the_penalty_is_three_percent_a_day_capped_at_the_price(price, days):
    penalty = consumer_delay_penalty(price, days)
    assert penalty == independent_penalty(price, days)
    assert penalty == penalty.quantize(KOPECK)  # kopeck-exact
    assert Decimal(0) <= penalty <= price
    if days >= 34:  # 34 × 3 % > 100 %: the cap
        assert penalty == price
    if 0 < days <= 33:
        assert penalty == (price * 3 * days / 100).quantize(KOPECK, rounding=ROUND_HALF_UP)


@given(price, st.integers(min_value=0, max_value=200))
def test_the_penalty_never_falls_as_the_delay_grows(price, days):
    assert consumer_delay_penalty(price, days) <= consumer_delay_penalty(price, days + 1)


@given(st.dates(), st.one_of(st.none(), st.dates()), st.dates())
def test_delay_days_count_from_the_day_after_the_agreed_date(agreed, performed, today):
    n = delay_days(agreed, performed, today)
    end = performed or today
    assert n == max((end - agreed).days, 0) and n >= 0


@given(money, st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2))
def test_a_percentage_reduction_is_never_above_the_fee(fee, percent):
    reduction = percent_of(fee, percent)
    assert reduction == reduction.quantize(KOPECK)
    assert Decimal(0) <= reduction <= fee


@given(
    money,
    money,
    st.lists(st.tuples(st.sampled_from(["fee_reduction", "refund"]), money), max_size=25),
)
def test_granting_claim_after_claim_never_exceeds_the_fee_or_the_paid(fee, paid, asks):
    """Each ask is granted only if within the limits left; the totals granted stay within fee and paid."""
    reduced = refunded = Decimal("0.00")
    for kind, amount in asks:
        limits = Limits(fee=fee, paid=paid, reduced=reduced, refunded=refunded)
        over = over_limits(**{kind: amount}, limits=limits)
        left = limits.fee_left if kind == "fee_reduction" else limits.paid_left
        assert (kind in over) == (amount > left)
        if kind in over:
            assert over[kind] == left  # the message names the most that may be granted
            continue
        if kind == "fee_reduction":
            reduced += amount
        else:
            refunded += amount
    assert reduced <= fee and refunded <= paid


@given(price, money)
def test_a_penalty_above_the_cap_is_refused_and_at_the_cap_accepted(cap, amount):
    limits = Limits(penalty_cap=cap)
    assert ("penalty" in over_limits(penalty=amount, limits=limits)) == (amount > cap)
    assert over_limits(penalty=cap, limits=limits) == {}
    assert over_limits(penalty=amount * 1000, limits=Limits()) == {}  # the contract: no statutory cap


@given(st.booleans(), st.booleans(), st.integers(min_value=1, max_value=90), st.dates())
def test_only_a_person_buying_for_personal_needs_is_a_consumer(person, personal, contract_days, filed):
    regime = regime_for(client_is_person=person, personal_needs=personal, contract_days=contract_days)
    assert regime.code == (CONSUMER if person and personal else CONTRACT)
    assert regime.response_days == (10 if regime.code == CONSUMER else contract_days)
    if filed <= dt.date.max - dt.timedelta(days=100):
        assert (response_due_on(filed, regime.response_days) - filed).days == regime.response_days
