"""The client's money on its dashboard (issue 12): the invoices to pay under "needed from you", the Money
card per matter; the firm's dashboard counts the payments waiting to be matched."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from billing.models import Invoice, Payment
from portal.selectors.dashboard import client_dashboard, staff_dashboard
from tests.conftest import api_for, login
from tests.factories_advances import AdvanceFactory, SpendingFactory
from tests.factories_invoices import InvoiceFactory
from tests.factories_payments import PaymentFactory

pytestmark = pytest.mark.django_db


def card(user, matter):
    return next(c for c in client_dashboard(user=user).matters if c.matter.pk == matter.pk)


def invoices_needed(user, matter):
    return [item for item in card(user, matter).needed if item.kind == "invoice"]


def test_an_issued_unpaid_invoice_is_needed_with_its_number_amount_due_and_date(world):
    invoice = InvoiceFactory(matter=world.a.matter, gross=Decimal("12500.50"), paid=Decimal("2500.00"))
    [item] = invoices_needed(world.a.user, world.a.matter)
    assert invoice.number in item.text and "10,000.50" in item.text and "15 Mar 2026" in item.text
    assert item.url == reverse("billing:invoice_detail", args=[invoice.pk])
    assert item.links == ()  # no PDF rendered yet: no link to it


def test_the_invoice_links_to_its_pdf_once_rendered(client, world):
    invoice = InvoiceFactory(matter=world.a.matter)
    invoice.pdf.save("x.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    [item] = invoices_needed(world.a.user, world.a.matter)
    pdf_url = reverse("billing:invoice_pdf", args=[invoice.pk])
    assert item.links == (("PDF", pdf_url),)
    page = login(client, world.a.user).get("/").content.decode()
    assert f'href="{pdf_url}"' in page and f'href="{item.url}"' in page
    [needed] = api_for(world.a.user).get("/api/dashboard/").json()["matters"][0]["needed"]
    assert needed["kind"] == "invoice" and needed["links"] == [{"label": "PDF", "url": pdf_url}]


@pytest.mark.parametrize(
    "status", [Invoice.Status.DRAFT, Invoice.Status.PAID, Invoice.Status.CANCELLED], ids=lambda s: s.value
)
def test_drafts_paid_and_cancelled_invoices_are_not_needed(world, status):
    fields = {"status": status}
    if status == Invoice.Status.DRAFT:
        fields.update(year=None, seq=None, number="")
    if status == Invoice.Status.PAID:
        fields["paid"] = Decimal("1000.00")
    InvoiceFactory(matter=world.a.matter, **fields)
    assert invoices_needed(world.a.user, world.a.matter) == []


def test_a_partly_paid_invoice_is_still_needed_for_what_is_left(world):
    InvoiceFactory(
        matter=world.a.matter, status=Invoice.Status.PARTLY_PAID, gross=Decimal("900.00"), paid=Decimal("100.00")
    )
    [item] = invoices_needed(world.a.user, world.a.matter)
    assert "800.00" in item.text


def test_the_other_clients_invoices_stay_with_it(client, world):
    theirs = InvoiceFactory(matter=world.b.matter)
    assert invoices_needed(world.a.user, world.a.matter) == []
    page = login(client, world.a.user).get("/").content.decode()
    assert theirs.number not in page
    [item] = invoices_needed(world.b.user, world.b.matter)
    assert theirs.number in item.text


def test_the_money_card_sums_issued_invoices_and_the_advance_balance(client, world):
    matter = world.a.matter
    InvoiceFactory(matter=matter, gross=Decimal("1000.00"), paid=Decimal("400.00"), status=Invoice.Status.PARTLY_PAID)
    InvoiceFactory(matter=matter, gross=Decimal("250.25"), paid=Decimal("250.25"), status=Invoice.Status.PAID)
    InvoiceFactory(matter=matter, gross=Decimal("99999.00"), status=Invoice.Status.CANCELLED)
    InvoiceFactory(matter=matter, status=Invoice.Status.DRAFT, year=None, seq=None, number="", gross=Decimal("7.00"))
    confirmed = AdvanceFactory(
        matter=matter, amount=Decimal("3000.00"), status="confirmed", confirmed_amount=Decimal("3000.00")
    )
    SpendingFactory(advance=confirmed, amount=Decimal("1200.00"))
    AdvanceFactory(matter=matter, amount=Decimal("500.00"))
    InvoiceFactory(matter=world.b.matter, gross=Decimal("777.00"))
    money = card(world.a.user, matter).money
    assert (money.invoiced, money.paid, money.due) == (Decimal("1250.25"), Decimal("650.25"), Decimal("600.00"))
    assert (money.advance_requested, money.advance_paid, money.advance_spent) == (
        Decimal("3500.00"),
        Decimal("3000.00"),
        Decimal("1200.00"),
    )
    assert (money.advance_left, money.advance_due) == (Decimal("1800.00"), Decimal("500.00"))
    page = login(client, world.a.user).get("/").content.decode()
    assert 'id="money-title"' in page and f'id="money-{matter.pk}"' in page
    for shown in ("1,250.25", "650.25", "600.00", "1,800.00"):
        assert shown in page
    assert "777.00" not in page
    body = api_for(world.a.user).get("/api/dashboard/").json()
    assert body["matters"][0]["money"]["due"] == "600.00"
    assert body["matters"][0]["money"]["advance_left"] == "1800.00"


def test_no_money_card_while_nothing_is_invoiced_or_asked_for(client, world):
    page = login(client, world.a.user).get("/").content.decode()
    assert 'id="money-title"' not in page


@pytest.mark.parametrize("who", ["partner", "secretary"])
def test_those_who_handle_payments_see_how_many_wait_in_the_queue(client, world, who):
    PaymentFactory.create_batch(3)
    PaymentFactory(status=Payment.Status.IGNORED, ignore_reason="Возврат")
    user = getattr(world, who)
    panel = next(p for p in staff_dashboard(user=user).panels if p.key == "payments")
    assert panel.total == 3
    page = login(client, user).get("/").content.decode()
    assert 'id="panel-payments"' in page and reverse("billing:payments") in page
    assert api_for(user).get("/api/dashboard/").json()["panels"][0]["total"] == 3


def test_lawyers_see_no_payments_queue(client, world):
    PaymentFactory()
    assert staff_dashboard(user=world.a.lead).panels == []
    assert 'id="panel-payments"' not in login(client, world.a.lead).get("/").content.decode()
