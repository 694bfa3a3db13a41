"""Invoices through the services: the draft, the issue (number, snapshot, totals, lock), the cancel, the PDF."""

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
import zxingcpp
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from billing import qr
from billing.access import restrict_invoices
from billing.models import FeeRate, Invoice, TaxRegime, WorkStatus
from billing.pdf import payment_payload
from billing.selectors.invoices import invoice_list, invoice_totals
from billing.services.invoices import invoice_cancel, invoice_draft, invoice_issue, invoice_render
from core.errors import InvalidState, NotPermitted, ValidationError
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def billed(world, django_capture_on_commit_callbacks):
    FirmProfileFactory(tax_regime=TaxRegime.GENERAL)
    arrangement = FeeArrangementFactory(
        matter=world.a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("5000.00"),
        valid_from=dt.date(2025, 1, 1),
        created_by=world.a.lead,
    )
    FeeRate.objects.create(arrangement=arrangement, specialist=world.a.lead, rate=Decimal("9000.00"))
    return arrangement


def _entries(world):
    t1 = TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=90, status=WorkStatus.APPROVED)
    t2 = TimeEntryFactory(matter=world.a.matter, specialist=world.a.lead, minutes=20, status=WorkStatus.APPROVED)
    ex = ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.APPROVED)
    return t1, t2, ex


def _issue(world, **kw):
    t1, t2, ex = _entries(world)
    draft = invoice_draft(matter=world.a.matter, by=world.a.specialist, time_entries=[t1, t2], expenses=[ex], **kw)
    return invoice_issue(invoice=draft, by=world.a.lead, issue_date=DAY), (t1, t2, ex)


def test_draft_prices_hours_and_expenses_and_issue_numbers_snapshots_and_locks(world, billed):
    invoice, (t1, t2, ex) = _issue(world)
    lines = list(invoice.lines.all())
    # 90 min × 5000 (default rate) = 7500; 20 min × 9000 (the lead's rate) = 3000; the expense at cost.
    assert [line.gross for line in lines] == [Decimal("7500.00"), Decimal("3000.00"), Decimal("6000.00")]
    assert invoice.number == "2026-0001" and invoice.status == Invoice.Status.ISSUED
    assert invoice.vat_rate == Decimal("22") and invoice.gross == Decimal("16500.00")
    # VAT extracted per line: 7500×22/122 = 1352.46, 3000 → 540.98, 6000 → 1081.97.
    assert invoice.vat == Decimal("2975.41") and invoice.net == invoice.gross - invoice.vat
    for entry in (t1, t2, ex):
        entry.refresh_from_db()
        assert entry.status == WorkStatus.BILLED
    assert invoice.requisites["account"] == "40702810316540001234"
    assert invoice.payer["name"] == world.a.client.name


def test_numbers_are_gapless_per_year_and_cancelled_ones_stay_used(world, billed):
    first, _ = _issue(world)
    invoice_cancel(invoice=first, by=world.partner)
    second, _ = _issue(world)
    third = invoice_issue(
        invoice=invoice_draft(matter=world.a.matter, by=world.a.lead, fixed_amount=Decimal("1000")),
        by=world.a.lead,
        issue_date=dt.date(2027, 1, 2),
    )
    assert [first.number, second.number, third.number] == ["2026-0001", "2026-0002", "2027-0001"]
    with pytest.raises(InvalidState):
        invoice_cancel(invoice=first, by=world.partner)


def test_the_database_refuses_a_duplicate_number(world, billed):
    invoice, _ = _issue(world)
    other = invoice_draft(matter=world.a.matter, by=world.a.lead, fixed_amount=Decimal("10"))
    other.status, other.year, other.seq, other.number = "issued", invoice.year, invoice.seq, invoice.number
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_issued_invoice_keeps_its_requisites_after_the_firm_changes_them(world, billed):
    invoice, _ = _issue(world)
    FirmProfileFactory(valid_from=dt.date(2026, 3, 1), account="40702810900000000001", tax_regime=TaxRegime.NO_VAT)
    invoice.refresh_from_db()
    assert invoice.requisites["account"] == "40702810316540001234" and invoice.vat_rate == Decimal("22")
    # A new invoice on the same date takes the new version, without VAT.
    fresh = invoice_issue(
        invoice=invoice_draft(matter=world.a.matter, by=world.a.lead, fixed_amount=Decimal("100")),
        by=world.a.lead,
        issue_date=DAY,
    )
    assert fresh.vat_rate is None and fresh.vat == 0 and fresh.requisites["account"].endswith("0001")


def test_entries_cannot_be_invoiced_twice_or_unapproved(world, billed):
    _invoice, (t1, _t2, _ex) = _issue(world)
    with pytest.raises(ValidationError):  # billed now, no longer approved
        invoice_draft(matter=world.a.matter, by=world.a.lead, time_entries=[t1])
    draft = TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist)
    with pytest.raises(ValidationError):
        invoice_draft(matter=world.a.matter, by=world.a.lead, time_entries=[draft])


def test_who_may_draft_issue_and_see(world, billed):
    with pytest.raises(NotPermitted):
        invoice_draft(matter=world.a.matter, by=world.a.user, fixed_amount=Decimal("1"))
    with pytest.raises(NotPermitted):
        invoice_draft(matter=world.a.matter, by=world.b.lead, fixed_amount=Decimal("1"))
    draft = invoice_draft(matter=world.a.matter, by=world.a.specialist, fixed_amount=Decimal("1"))
    assert not restrict_invoices(world.a.user).filter(pk=draft.pk).exists()  # clients never see drafts
    with pytest.raises(NotPermitted):
        invoice_issue(invoice=draft, by=world.b.lead)
    invoice_issue(invoice=draft, by=world.a.lead)
    assert list(invoice_list(user=world.a.user)) == [draft]
    assert not invoice_list(user=world.b.user).exists()
    assert invoice_list(user=world.partner).count() == 1
    assert invoice_totals(invoice_list(user=world.a.user))["due"] == Decimal("1.00")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 1440), st.decimals("0.01", "99999.99", places=2)), min_size=1, max_size=6))
def test_totals_are_the_sum_of_the_rounded_lines(world, billed, rows):
    entries = [
        TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=m, status=WorkStatus.APPROVED)
        for m, _ in rows
    ]
    billed.default_rate = rows[0][1]
    billed.save()
    invoice = invoice_issue(
        invoice=invoice_draft(matter=world.a.matter, by=world.a.lead, time_entries=entries),
        by=world.a.lead,
        issue_date=DAY,
    )
    lines = list(invoice.lines.all())
    assert invoice.gross == sum(line.gross for line in lines)
    assert invoice.vat == sum(line.vat for line in lines)
    assert invoice.net + invoice.vat == invoice.gross
    for line in lines:
        exact = Decimal(line.minutes) * line.unit_price / 60
        assert abs(line.gross - exact) <= Decimal("0.005")
        assert line.gross.as_tuple().exponent == -2


def test_pdf_rendered_once_and_its_qr_decodes_to_the_invoice(world, billed, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    invoice, _ = _issue(world)
    assert invoice_render(invoice.pk) is True
    assert invoice_render(invoice.pk) is False  # once
    invoice.refresh_from_db()
    with invoice.pdf.open("rb") as fh:
        (tmp_path / "inv.pdf").write_bytes(fh.read())
    subprocess.run(
        ["/usr/bin/pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "inv.pdf", tmp_path / "page"],
        check=True,
        timeout=60,
    )
    results = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1
    fields = qr.parse_payload(results[0].text)
    assert fields == qr.parse_payload(payment_payload(invoice))
    assert fields["Sum"] == "1650000" and fields["PersonalAcc"] == "40702810316540001234"
    assert fields["PayeeINN"] == "6671415928" and fields["BIC"] == "046577964"
    assert fields["Purpose"] == "Оплата по счёту № 2026-0001 от 10.03.2026, НДС 22% 2 975,41 ₽"


def test_an_entry_on_a_draft_is_not_drafted_again_and_a_draft_may_be_deleted(world, billed):
    from billing.services.invoices import invoice_delete

    t1, _t2, _ex = _entries(world)
    draft = invoice_draft(matter=world.a.matter, by=world.a.lead, time_entries=[t1])
    with pytest.raises(InvalidState):
        invoice_draft(matter=world.a.matter, by=world.a.lead, time_entries=[t1])
    invoice_delete(invoice=draft, by=world.a.specialist)
    assert invoice_draft(matter=world.a.matter, by=world.a.lead, time_entries=[t1]).lines.count() == 1


def test_no_requisites_on_the_issue_date_is_refused_and_nothing_changes(world, billed):
    draft = invoice_draft(matter=world.a.matter, by=world.a.lead, fixed_amount=Decimal("10"))
    with pytest.raises(InvalidState):
        invoice_issue(invoice=draft, by=world.a.lead, issue_date=dt.date(1999, 1, 1))
    draft.refresh_from_db()
    assert draft.status == Invoice.Status.DRAFT and draft.number == ""


def test_payments_matched_to_an_invoice_make_it_partly_paid_then_paid(world, billed):
    from billing.services.payments import payment_match, payment_record

    invoice, _ = _issue(world)
    half = (invoice.gross / 2).quantize(Decimal("0.01"))
    # A part payment does not match by amount on its own: a person matches it by the number.
    first = payment_record(by=world.partner, amount=half, date=DAY, purpose="часть оплаты")
    payment_match(payment=first, by=world.partner, invoice_number=invoice.number)
    invoice.refresh_from_db()
    assert (invoice.paid, invoice.status) == (half, Invoice.Status.PARTLY_PAID)
    # The rest names the invoice and is exactly what is due: matched at once, the invoice is paid.
    rest = invoice.gross - half
    second = payment_record(
        by=world.partner,
        amount=rest,
        date=DAY,
        purpose=f"Оплата по счёту № {invoice.number}",
        payer_inn=world.a.client.inn,
    )
    invoice.refresh_from_db()
    assert second.status == "matched" and second.matched_invoice_id == invoice.pk
    assert (invoice.paid, invoice.status, invoice.due) == (invoice.gross, Invoice.Status.PAID, Decimal("0.00"))
    with pytest.raises(InvalidState):
        invoice_cancel(invoice=invoice, by=world.a.lead)
