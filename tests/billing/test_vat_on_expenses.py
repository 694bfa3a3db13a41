"""VAT on what an invoice re-bills (billing.money.document_line_rate): re-billed expenses carry the
document's rate exactly as fees do; an advance for a state duty passed on to the treasury carries none.
The arithmetic with hypothesis; then an issued invoice, its page and its PDF's text."""

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from billing import money
from billing.models import Advance, TaxRegime, WorkStatus
from billing.money import Line, document_line_rate, totals
from billing.services.invoices import invoice_draft, invoice_issue, invoice_render
from tests import factories_advances as fa
from tests.conftest import login
from tests.factories_billing import ExpenseFactory, FirmProfileFactory

D = Decimal
prices = st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2)
document_rates = st.sampled_from([None, *money.VAT_RATES])


@given(document_rates, prices)
def test_a_re_billed_expense_is_taxed_exactly_as_a_fee_of_the_same_amount(rate, price):
    fee = Line(1, price, document_line_rate(rate, pass_through=False)).amounts()
    expense = Line(1, price, document_line_rate(rate, pass_through=False)).amounts()
    assert fee == expense
    assert expense.gross == price and expense.vat == money.vat_from_gross(price, rate)


@given(document_rates, prices)
def test_a_state_duty_passed_on_carries_no_vat_whatever_the_document_rate(rate, price):
    assert document_line_rate(rate, pass_through=True) is None
    duty = Line(1, price, document_line_rate(rate, pass_through=True)).amounts()
    assert (duty.net, duty.vat, duty.gross) == (price, D("0.00"), price)


@given(document_rates, st.lists(st.tuples(prices, st.booleans()), min_size=1, max_size=12))
def test_the_vat_total_is_the_vat_of_the_taxable_lines_only(rate, rows):
    lines = [Line(1, price, document_line_rate(rate, pass_through=passed)) for price, passed in rows]
    result = totals(lines)
    taxable = sum((money.vat_from_gross(price, rate) for price, passed in rows if not passed), D("0.00"))
    assert result.total.vat == taxable
    assert result.total.gross == sum(price for price, _passed in rows)
    if rate is not None:  # the "without VAT" column of an invoice with VAT is exactly the duties passed on
        passed_on = sum((price for price, passed in rows if passed), D("0.00"))
        assert result.by_rate.get(None, money.ZERO).gross == passed_on


@pytest.mark.django_db
def test_an_invoice_with_a_fee_an_expense_and_a_state_duty_advance(world, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    FirmProfileFactory(tax_regime=TaxRegime.GENERAL)
    expense = ExpenseFactory(
        matter=world.a.matter,
        specialist=world.a.specialist,
        status=WorkStatus.APPROVED,
        amount=D("1220.00"),
        category="travel",
        description="Билеты в Москву",
    )
    duty = fa.AdvanceFactory(matter=world.a.matter, amount=D("6000.00"), category=Advance.Category.STATE_DUTY)
    draft = invoice_draft(
        matter=world.a.matter, by=world.a.lead, fixed_amount=D("12200.00"), expenses=[expense], advances=[duty]
    )
    invoice = invoice_issue(invoice=draft, by=world.a.lead, issue_date=dt.date(2026, 3, 10))
    lines = {line.source: line for line in invoice.lines.all()}
    fee, travel, advance = lines["fixed"], lines["expense"], lines["advance"]
    assert (fee.vat_rate, fee.vat) == (D("22"), D("2200.00"))
    assert (travel.vat_rate, travel.vat) == (D("22"), D("220.00"))  # re-billed: VAT as on fees
    assert (advance.vat_rate, advance.vat, advance.net) == (None, D("0.00"), D("6000.00"))
    assert (invoice.gross, invoice.vat) == (D("19420.00"), D("2420.00"))
    page = login(Client(), world.a.lead).get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()
    assert "expense re-billed" in page and "state duty passed on: without VAT" in page
    assert page.count('class="num nowrap line-vat"') == 3
    assert invoice_render(invoice.pk)
    invoice.refresh_from_db()
    with invoice.pdf.open("rb") as fh:
        (tmp_path / "inv.pdf").write_bytes(fh.read())
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", tmp_path / "inv.pdf", "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    # The duty's row shows no VAT rate; the VAT total is the fee's and the expense's only.
    duty_row = next(row for row in text.splitlines() if "пошлина" in row)
    assert "6 000,00" in duty_row and "%" not in duty_row
    assert "В том числе НДС 22%" in text and "2 420,00" in text
