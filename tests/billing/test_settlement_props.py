"""The settlement arithmetic alone (billing.services.settlement.settle): lines, signs, kopecks."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from billing.services.settlement import (
    AdvanceItem,
    ClaimItem,
    ExpenseItem,
    InvoiceItem,
    Settlement,
    SettlementInput,
    TimeItem,
    Version,
    add_months,
    settle,
)

START = dt.date(2025, 1, 1)
END = dt.date(2026, 6, 30)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2)
days = st.dates(min_value=START, max_value=END)


def _version(kind, **kw):
    return Version(number=kw.pop("number", 1), kind=kind, valid_from=kw.pop("valid_from", START), **kw)


@st.composite
def inputs(draw):
    specialists = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3, unique=True))
    rates = {s: draw(money) for s in specialists if draw(st.booleans())}
    version = _version("hourly", default_rate=draw(st.one_of(st.none(), money)), rates=rates)
    time = tuple(
        TimeItem(i, draw(days), draw(st.sampled_from(specialists)), f"S{i}", draw(st.integers(1, 1440)))
        for i in range(draw(st.integers(0, 30)))
    )
    expenses = tuple(
        ExpenseItem(i, draw(days), draw(money), "other", from_advance=draw(st.booleans()))
        for i in range(draw(st.integers(0, 10)))
    )
    advances = tuple(
        AdvanceItem(i, f"A{i}", received, third_party=draw(st.booleans()))
        for i, received in enumerate(draw(st.lists(money, max_size=5)))
    )
    invoices = tuple(InvoiceItem(i, f"2026-{i:04d}", draw(money)) for i in range(draw(st.integers(0, 5))))
    return SettlementInput(
        end=END, versions=(version,), time=time, expenses=expenses, advances=advances, invoices=invoices
    )


@settings(max_examples=150, deadline=None)
@given(inputs())
def test_balance_is_the_sum_of_the_lines_and_of_the_sections(data):
    s = settle(data)
    assert s.balance == sum(line.amount for line in s.lines)
    assert s.balance == s.fees + s.expenses + s.advances + s.payments
    assert s.due_by_client - s.refund == s.balance
    assert min(s.due_by_client, s.refund) == 0
    for line in s.lines:
        assert line.amount == line.amount.quantize(Decimal("0.01"))


@settings(max_examples=150, deadline=None)
@given(inputs())
def test_no_kopeck_lost_each_part_is_exact(data):
    s = settle(data)
    # Expenses at cost, those paid from an advance included; advances received (third-party ones count
    # nothing); invoices paid.
    assert s.expenses == sum((e.amount for e in data.expenses), Decimal(0))
    held = sum((a.received for a in data.advances if not a.third_party), Decimal(0))
    assert s.advances == -held
    assert s.payments == -sum((i.paid for i in data.invoices), Decimal(0))
    # Each time entry priced once, rounded half up to the kopeck.
    version = data.versions[0]
    expected = Decimal(0)
    for t in data.time:
        rate = version.rates.get(t.specialist_id) or version.default_rate
        if rate:
            expected += (Decimal(t.minutes) * rate / 60).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert s.fees == expected


@settings(max_examples=100, deadline=None)
@given(inputs())
def test_sign_of_the_balance(data):
    s = settle(data)
    owed = s.fees + s.expenses
    credited = -(s.advances + s.payments)
    assert (s.balance > 0) == (owed > credited)
    assert (s.refund > 0) == (credited > owed)


@settings(max_examples=100, deadline=None)
@given(inputs())
def test_the_snapshot_round_trips(data):
    s = settle(data)
    again = Settlement.from_data(s.as_data())
    assert again.lines == s.lines and again.balance == s.balance


@settings(max_examples=100, deadline=None)
@given(inputs(), days, days)
def test_periods_split_the_time_fees_exactly(data, a, b):
    """Two adjacent periods' time fees and expenses add up to the whole (nothing counted twice or lost)."""
    cut = min(a, b)
    whole = settle(data)
    first = settle(SettlementInput(**{**data.__dict__, "start": START, "end": cut}))
    second = settle(SettlementInput(**{**data.__dict__, "start": cut + dt.timedelta(days=1), "end": END}))
    assert first.fees + second.fees == whole.fees
    assert first.expenses + second.expenses == whole.expenses


def test_hourly_uses_the_version_in_force_on_the_entry_date_and_the_specialist_rate():
    v1 = _version("hourly", default_rate=Decimal("1000.00"), rates={7: Decimal("3000.00")})
    v2 = _version("hourly", number=2, valid_from=dt.date(2025, 6, 1), default_rate=Decimal("2000.00"))
    time = (
        TimeItem(1, dt.date(2025, 5, 31), 7, "Lead", 60),
        TimeItem(2, dt.date(2025, 6, 1), 7, "Lead", 60),
        TimeItem(3, dt.date(2025, 6, 1), 8, "Junior", 20),  # 20 × 2000 / 60 = 666.666… → 666.67
    )
    s = settle(SettlementInput(end=END, versions=(v1, v2), time=time))
    assert [line.amount for line in s.lines] == [Decimal("3000.00"), Decimal("2000.00"), Decimal("666.67")]


def test_retainer_counts_every_month_begun_and_switches_with_the_version():
    v1 = _version("retainer", valid_from=dt.date(2025, 1, 31), monthly_amount=Decimal("50000.00"))
    v2 = _version("hourly", number=2, valid_from=dt.date(2025, 4, 15), default_rate=Decimal("1000.00"))
    s = settle(SettlementInput(end=dt.date(2025, 12, 31), versions=(v1, v2)))
    # 31 Jan, 28 Feb, 31 Mar begun under the retainer; from 15 Apr hourly.
    assert [line.date for line in s.lines] == [dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2025, 3, 31)]
    assert s.fees == Decimal("150000.00")
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_stage_fees_only_for_stages_passed_fixed_only_when_closed_success_only_when_recorded():
    stages = {10: (1, "Анализ", "Analysis", Decimal("10000")), 11: (2, "Суд", "Court", Decimal("20000"))}
    staged = _version("stages", stages=stages, success_percent=Decimal("10"))
    s = settle(SettlementInput(end=END, versions=(staged,), current_stage_order=2))
    assert [(line.code, line.amount) for line in s.lines] == [
        ("stage", Decimal("10000.00")),
        ("stage_pending", Decimal("0.00")),
        ("success_pending", Decimal("0.00")),
    ]
    won = settle(
        SettlementInput(end=END, versions=(staged,), closed=True, success_on=END, success_base=Decimal("1234567.89"))
    )
    assert won.fees == Decimal("30000.00") + Decimal("123456.79")
    fixed = _version("fixed", fixed_amount=Decimal("150000.00"))
    assert settle(SettlementInput(end=END, versions=(fixed,))).fees == 0
    assert settle(SettlementInput(end=END, versions=(fixed,), closed=True)).fees == Decimal("150000.00")


def test_third_party_advance_is_listed_but_not_credited():
    # What was spent from the firm's advance is the expense it paid (charged once, marked as such).
    s = settle(
        SettlementInput(
            end=END,
            expenses=(ExpenseItem(7, dt.date(2026, 2, 1), Decimal("45000.50"), "expert", from_advance=True),),
            advances=(
                AdvanceItem(1, "Пошлина", Decimal("3000"), third_party=True),
                AdvanceItem(2, "Экспертиза", Decimal("50000")),
            ),
        )
    )
    assert [(line.code, line.amount) for line in s.lines] == [
        ("expense_advance", Decimal("45000.50")),
        ("advance_third_party", Decimal("0.00")),
        ("advance_received", Decimal("-50000.00")),
    ]
    assert s.refund == Decimal("4999.50")


def test_what_a_claim_granted_is_credited_unless_paid_out_in_money():
    day = dt.date(2026, 2, 1)
    s = settle(
        SettlementInput(
            end=END,
            invoices=(InvoiceItem(1, "2026-0001", Decimal("9000.00")),),
            claims=(
                ClaimItem(1, "fee_reduction", Decimal("1000.00"), day),
                ClaimItem(2, "penalty", Decimal("250.50"), day),
                ClaimItem(3, "refund", Decimal("700.00"), day, paid_out=True),
            ),
        )
    )
    assert [(line.code, line.amount) for line in s.lines] == [
        ("invoice_paid", Decimal("-9000.00")),
        ("claim_fee_reduction", Decimal("-1000.00")),
        ("claim_penalty", Decimal("-250.50")),
        ("claim_paid_out", Decimal("0.00")),
    ]
    assert s.refund == Decimal("10250.50")
