"""A claim's decision set off on the next invoice (rule 15): the pending adjustments of the matter become
negative lines of the next draft, never taking it to zero; a deleted draft or a cancelled invoice hands
them back; a fee reduction carries the invoice's VAT, a penalty or a refund does not."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.models import BillingAdjustment, Invoice, InvoiceLine, TaxRegime, WorkStatus
from billing.selectors.claims import pending_adjustments
from billing.services.invoice_lines import invoice_line_remove
from billing.services.invoices import invoice_cancel, invoice_delete, invoice_draft, invoice_issue
from tests import factories_claims as fc
from tests.factories_billing import FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def hourly(world):
    FirmProfileFactory(tax_regime=TaxRegime.GENERAL)
    FeeArrangementFactory(
        matter=world.a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("6000.00"),
        valid_from=dt.date(2025, 1, 1),
        created_by=world.a.lead,
    )


def _granted(world, kind, amount, *, settle="invoice"):
    claim = fc.ClaimFactory(
        matter=world.a.matter, status="granted", decided_by=world.partner, decided_at=timezone.now()
    )
    return fc.AdjustmentFactory(claim=claim, kind=kind, amount=Decimal(amount), settle=settle)


def _draft(world, minutes=60):
    entry = TimeEntryFactory(
        matter=world.a.matter, specialist=world.a.specialist, minutes=minutes, status=WorkStatus.APPROVED
    )
    return invoice_draft(by=world.a.lead, matter=world.a.matter, time_entries=[entry])


def test_the_next_draft_sets_off_the_pending_adjustments(world, hourly):
    reduction = _granted(world, "fee_reduction", "1000.00")
    penalty = _granted(world, "penalty", "500.00")
    payout = _granted(world, "refund", "300.00", settle="payout")  # paid out in money: never on an invoice
    draft = _draft(world)
    lines = list(draft.lines.order_by("position"))
    assert [(line.source, line.unit_price) for line in lines] == [
        (InvoiceLine.Source.TIME, Decimal("6000.00")),
        (InvoiceLine.Source.ADJUSTMENT, Decimal("-1000.00")),
        (InvoiceLine.Source.ADJUSTMENT, Decimal("-500.00")),
    ]
    assert draft.gross == Decimal("4500.00")
    for adjustment in (reduction, penalty):
        adjustment.refresh_from_db()
        assert adjustment.status == BillingAdjustment.Status.APPLIED and adjustment.applied_invoice == draft
    payout.refresh_from_db()
    assert payout.status == BillingAdjustment.Status.PENDING and payout.applied_invoice is None

    issued = invoice_issue(by=world.a.lead, invoice=draft, issue_date=DAY)
    by_source = {line.adjustment_id: line for line in issued.lines.all() if line.adjustment_id}
    # A fee reduction lowers the price: the invoice's 22 % is extracted from it; a penalty is not a price.
    assert by_source[reduction.pk].vat_rate == Decimal("22.00") and by_source[reduction.pk].vat == Decimal("-180.33")
    assert by_source[penalty.pk].vat_rate is None and by_source[penalty.pk].vat == 0
    assert issued.gross == Decimal("4500.00") and issued.vat == Decimal("1081.97") - Decimal("180.33")


def test_an_adjustment_larger_than_the_invoice_waits_for_the_next_one(world, hourly):
    large = _granted(world, "refund", "7000.00")
    small = _granted(world, "penalty", "100.00")
    draft = _draft(world)  # 6000.00: the refund does not fit, the penalty does
    assert draft.gross == Decimal("5900.00")
    assert pending_adjustments(world.a.matter) == [large]
    small.refresh_from_db()
    assert small.applied_invoice == draft


def test_a_deleted_draft_a_removed_line_or_a_cancelled_invoice_hands_them_back(world, hourly):
    reduction = _granted(world, "fee_reduction", "1000.00")
    draft = _draft(world)
    invoice_delete(by=world.a.lead, invoice=draft)
    assert pending_adjustments(world.a.matter) == [reduction]

    draft = _draft(world)
    line = draft.lines.get(source=InvoiceLine.Source.ADJUSTMENT)
    draft = invoice_line_remove(by=world.a.lead, invoice=draft, line=line)
    assert draft.gross == Decimal("6000.00") and pending_adjustments(world.a.matter) == [reduction]
    invoice_delete(by=world.a.lead, invoice=draft)

    issued = invoice_issue(by=world.a.lead, invoice=_draft(world), issue_date=DAY)
    assert pending_adjustments(world.a.matter) == []
    invoice_cancel(by=world.a.lead, invoice=issued)
    assert Invoice.objects.get(pk=issued.pk).status == Invoice.Status.CANCELLED
    assert pending_adjustments(world.a.matter) == [reduction]
    again = _draft(world)
    assert again.lines.filter(adjustment=reduction).exists()
