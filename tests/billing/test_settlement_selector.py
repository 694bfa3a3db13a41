"""The settlement read from the database (billing.selectors.settlement): what counts, at which rate,
what is credited; a fixed number of queries whatever the size of the matter."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import Advance, FeeRate, Payment, WorkStatus
from billing.selectors.settlement import settlement_for, settlement_of
from core.errors import NotFound
from tests.factories_advances import AdvanceFactory, SpendingFactory
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory, TimeEntryFactory
from tests.factories_invoices import InvoiceFactory
from tests.factories_payments import PaymentFactory

pytestmark = pytest.mark.django_db
END = dt.date(2026, 6, 30)


@pytest.fixture
def matter(world):
    a = world.a
    v1 = FeeArrangementFactory(
        matter=a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("5000"),
        valid_from=dt.date(2025, 1, 1),
        created_by=a.lead,
        version=1,
    )
    FeeRate.objects.create(arrangement=v1, specialist=a.lead, rate=Decimal("9000"))
    FeeArrangementFactory(
        matter=a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("7000"),
        valid_from=dt.date(2026, 1, 1),
        created_by=a.lead,
        version=2,
        reason="Индексация",
    )
    return a.matter


def _work(world, matter, n=1):
    for _ in range(n):
        TimeEntryFactory(
            matter=matter, specialist=world.a.lead, minutes=60, status=WorkStatus.APPROVED, date=dt.date(2025, 6, 1)
        )
        TimeEntryFactory(
            matter=matter, specialist=world.a.specialist, minutes=30, status=WorkStatus.BILLED, date=dt.date(2026, 2, 1)
        )
        TimeEntryFactory(
            matter=matter,
            specialist=world.a.specialist,
            minutes=30,
            status=WorkStatus.SUBMITTED,
            date=dt.date(2026, 2, 1),
        )
        TimeEntryFactory(
            matter=matter, specialist=world.a.specialist, minutes=30, status=WorkStatus.APPROVED, billable=False
        )
        ExpenseFactory(
            matter=matter,
            specialist=world.a.specialist,
            status=WorkStatus.APPROVED,
            amount=Decimal("100.10"),
            date=dt.date(2026, 3, 1),
        )
        ExpenseFactory(
            matter=matter,
            specialist=world.a.specialist,
            status=WorkStatus.DRAFT,
            amount=Decimal("999"),
            date=dt.date(2026, 3, 1),
        )
        firm_paid = AdvanceFactory(
            matter=matter,
            status=Advance.Status.CONFIRMED,
            confirmed_amount=Decimal("2000"),
            confirmed_at=timezone.now() - dt.timedelta(days=400),
        )
        SpendingFactory(advance=firm_paid, amount=Decimal("1500.50"), spent_on=dt.date(2026, 1, 5))
        AdvanceFactory(
            matter=matter,
            status=Advance.Status.CONFIRMED,
            confirmed_amount=Decimal("300"),
            payer=Advance.Payer.CLIENT_TO_THIRD_PARTY,
            confirmed_at=timezone.now() - dt.timedelta(days=400),
        )
        AdvanceFactory(matter=matter)  # requested, unpaid: nothing
        invoice = InvoiceFactory(matter=matter, gross=Decimal("5000"))
        PaymentFactory(
            amount=Decimal("4000"),
            date=dt.date(2026, 4, 1),
            status=Payment.Status.MATCHED,
            matched_invoice_id=invoice.pk,
        )
        PaymentFactory(amount=Decimal("999"), date=dt.date(2026, 4, 1))  # unmatched: not the matter's


def test_the_lines_from_the_database(world, matter):
    _work(world, matter)
    s = settlement_of(matter, end=END)
    assert [(line.code, line.amount) for line in s.lines] == [
        ("hourly", Decimal("9000.00")),  # the lead's own rate in v1
        ("hourly", Decimal("3500.00")),  # v2's default rate on 1 Feb 2026
        ("expense_advance", Decimal("1500.50")),  # the spending from the firm's advance is the expense it paid
        ("expense", Decimal("100.10")),
        ("advance_received", Decimal("-2000.00")),
        ("advance_third_party", Decimal("0.00")),
        ("invoice_paid", Decimal("-4000.00")),
    ]
    assert s.balance == Decimal("8100.60")
    assert "Expense" not in s.lines[3].text and "state duty" in s.lines[3].text


def test_scoped_and_a_fixed_number_of_queries(world, matter, django_assert_max_num_queries):
    _work(world, matter)
    with pytest.raises(NotFound):
        settlement_for(user=world.b.user, pk=matter.pk, end=END)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        settlement_for(user=world.a.user, pk=matter.pk, end=END)
    _work(world, matter, n=4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        settlement_for(user=world.a.user, pk=matter.pk, end=END)
