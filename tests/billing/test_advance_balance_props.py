"""Property-based tests of the advance balance's arithmetic (hypothesis): billing.selectors.advances.balance_of."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from billing.models import Advance
from billing.selectors.advances import balance_of

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
status = st.sampled_from(Advance.Status.values)
advance = st.tuples(st.integers(1, 4), status, money, st.one_of(st.none(), money))
spending = st.tuples(st.integers(1, 4), money)


@given(st.lists(advance, max_size=30), st.lists(spending, max_size=30))
def test_balance_arithmetic(advances, spendings):
    result = balance_of(advances, spendings)
    for matter_id, b in result.items():
        mine = [a for a in advances if a[0] == matter_id and a[1] != Advance.Status.CANCELLED]
        assert b.requested == sum((a[2] for a in mine), Decimal("0"))
        confirmed = [a for a in mine if a[1] == Advance.Status.CONFIRMED]
        assert b.paid == sum((a[3] if a[3] is not None else a[2] for a in confirmed), Decimal("0"))
        assert b.spent == sum((x[1] for x in spendings if x[0] == matter_id), Decimal("0"))
        assert b.left == b.paid - b.spent  # left is always paid − spent, to the kopeck
        assert b.due >= 0
        for figure in (b.requested, b.paid, b.spent, b.left):
            assert figure == figure.quantize(Decimal("0.01"))
    # Nothing is lost or invented across matters.
    total_spent = sum((b.spent for b in result.values()), Decimal("0"))
    assert total_spent == sum((x[1] for x in spendings), Decimal("0"))


@given(st.lists(advance, max_size=20))
def test_cancelled_advances_count_nowhere(advances):
    with_cancelled = [*advances, (1, Advance.Status.CANCELLED, Decimal("1000.00"), Decimal("1000.00"))]
    a, b = balance_of(advances, []), balance_of(with_cancelled, [])
    for matter_id, balance in a.items():
        assert b[matter_id] == balance
