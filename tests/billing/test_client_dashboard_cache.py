"""What billing adds to a client's dashboard (the Money card, the invoices, acts and advances to pay or
answer) is cached per user (billing.caching.for_the_client_dashboard): a change through a billing
service shows at once, and no other user — of another client or of the same — reads it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from billing.services.advances import advance_request
from billing.services.invoices import invoice_draft, invoice_issue
from billing.services.payments import payment_record
from tests import factories as f
from tests.conftest import api_for, login
from tests.factories_invoices import InvoiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.PORTAL_CACHE = True


def needed(user, kind) -> list[dict]:
    body = api_for(user).get("/api/dashboard/").json()
    return [item for card in body["matters"] for item in card["needed"] if item["kind"] == kind]


def billing_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    tables = ('"billing_invoice"', '"billing_advance"', '"billing_act"')
    return [q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in tables)]


def test_billings_part_is_read_once_then_kept(client, world, cache_on):
    InvoiceFactory(matter=world.a.matter, gross=Decimal("1000.00"))
    login(client, world.a.user)
    assert len(billing_queries(client)) == 6  # the Money card's three, the invoices, acts, advances needed
    assert billing_queries(client) == []


def test_an_invoice_issued_and_paid_through_the_services_shows_at_once(client, world, cache_on):
    login(client, world.a.user)
    assert needed(world.a.user, "invoice") == []
    assert 'id="money-' not in client.get("/").content.decode()
    draft = invoice_draft(by=world.a.lead, matter=world.a.matter, fixed_amount=Decimal("5000.00"))
    invoice = invoice_issue(by=world.a.lead, invoice=draft, issue_date=timezone.localdate())
    [item] = needed(world.a.user, "invoice")
    assert invoice.number in item["text"]
    page = client.get("/").content.decode()
    assert f'id="money-{world.a.matter.pk}"' in page and 'class="needed-invoice"' in page
    payment_record(
        by=world.partner, amount=str(invoice.gross), date=timezone.localdate(), invoice_number=invoice.number
    )
    assert needed(world.a.user, "invoice") == []
    assert 'class="needed-invoice"' not in client.get("/").content.decode()


def test_an_advance_asked_for_shows_at_once(world, cache_on):
    assert needed(world.a.user, "advance") == []
    advance_request(
        by=world.a.lead,
        matter=world.a.matter,
        amount="3000.00",
        purpose="Госпошлина",
        category="other",
        due_on=timezone.localdate() + dt.timedelta(days=5),
        payer="firm",
    )
    [item] = needed(world.a.user, "advance")
    assert "Госпошлина" in item["text"]


def test_no_other_user_reads_a_clients_cached_money(world, cache_on):
    InvoiceFactory(matter=world.a.matter, gross=Decimal("1000.00"))
    assert len(needed(world.a.user, "invoice")) == 1  # cached for A's user
    assert needed(world.b.user, "invoice") == []  # B's user: its own (empty) figures
    # A second user of the same client computes its own value: never one kept for the first.
    colleague = f.ClientUserFactory(client=world.a.client, language="en")
    InvoiceFactory(matter=world.a.matter, gross=Decimal("2000.00"))  # not through a service: no bump
    assert len(needed(colleague, "invoice")) == 2
    assert len(needed(world.a.user, "invoice")) == 1  # the first user's value, kept under its own key
