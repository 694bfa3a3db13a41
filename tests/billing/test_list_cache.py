"""The act and invoice lists keep their page per user (billing.caching.for_a_list): the kept page is the page
computed afresh for every role; a write to what it shows (an act or invoice saved, a payment, a matter's
number, a client's name, an assignment ended) shows on the next view; nobody is handed another user's page.
Run with caches on (as CI does with Redis)."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from billing.models import Invoice
from billing.selectors.acts import act_page, act_rows
from billing.selectors.invoices import invoice_list, invoice_page, invoice_rows, invoice_totals
from matters.models import Assignment
from tests.conftest import login
from tests.factories_acts import ActFactory
from tests.factories_invoices import InvoiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PORTAL_CACHE = True


@pytest.fixture
def books(world):
    """Acts and invoices on both clients' matters; a draft invoice the client does not see."""
    made = {
        "acts": [ActFactory(matter=m) for m in (world.a.matter, world.a.matter, world.b.matter)],
        "invoices": [InvoiceFactory(matter=m) for m in (world.a.matter, world.a.matter, world.b.matter)],
    }
    made["draft"] = InvoiceFactory(
        matter=world.a.matter, status=Invoice.Status.DRAFT, number="", year=None, seq=None, issue_date=None
    )
    return made


def body(browser, path: str) -> str:
    response = browser.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r"<main.*</main>", html, re.S)[0]


def test_the_kept_pages_are_the_pages_computed_afresh_for_every_role(world, books):
    people = [world.a.user, world.b.user, world.a.lead, world.a.specialist, world.b.lead, world.partner]
    for user in people:
        for matter in (None, world.a.matter):
            fresh_acts = act_rows(user=user, matter=matter, page=1)
            fresh_invoices = invoice_rows(user=user, matter=matter, page=1)
            fresh_totals = invoice_totals(invoice_list(user=user, matter=matter))
            for _ in range(2):  # computed, then kept
                acts = act_page(user=user, matter=matter, page="1")
                invoices, totals = invoice_page(user=user, matter=matter, page=1)
                assert (acts.items, acts.has_next) == (fresh_acts.items, fresh_acts.has_next)
                assert (invoices.items, invoices.has_next, totals) == (
                    fresh_invoices.items,
                    fresh_invoices.has_next,
                    fresh_totals,
                )


def test_a_page_kept_for_one_user_is_never_anothers(world, books):
    for path in ("/acts/", "/invoices/"):
        seen = body(login(Client(), world.a.user), path)
        theirs = body(login(Client(), world.b.user), path)
        assert books["acts"][0].number in seen or books["invoices"][0].number in seen
        assert books["acts"][0].number not in theirs and books["invoices"][0].number not in theirs
        assert books["acts"][2].number in theirs or books["invoices"][2].number in theirs
    # the lead sees the draft, the client (same client, same matter) does not
    draft = f"draft #{books['draft'].pk}"
    assert draft in body(login(Client(), world.a.lead), "/invoices/")
    assert draft not in body(login(Client(), world.a.user), "/invoices/")
    assert books["invoices"][0].number not in body(login(Client(), world.b.lead), "/invoices/")


def test_writes_show_at_once(world, books):
    client_a = login(Client(), world.a.user)
    partner = login(Client(), world.partner)
    for browser in (client_a, partner):
        body(browser, "/acts/"), body(browser, "/invoices/")
    # a new act and a new invoice
    act = ActFactory(matter=world.a.matter, seq=7777)
    invoice = InvoiceFactory(matter=world.a.matter, seq=7778)
    for browser in (client_a, partner):
        assert act.number in body(browser, "/acts/")
        assert invoice.number in body(browser, "/invoices/")
    # a payment changes the totals (saved on the invoice, as billing's services do)
    before = body(client_a, "/invoices/")
    invoice.paid = Decimal("400.00")
    invoice.save(update_fields=["paid"])
    assert body(client_a, "/invoices/") != before
    # a client renamed, a matter renumbered: the partner's rows name them
    world.a.client.name = "ООО «Переименованное»"
    world.a.client.save()
    world.a.matter.number = "M-RENUMBERED"
    world.a.matter.save()
    for path in ("/acts/", "/invoices/"):
        page = body(partner, path)
        assert "ООО «Переименованное»" in page and "M-RENUMBERED" in page


def test_a_lawyer_who_leaves_the_matter_stops_seeing_its_books_at_once(world, books):
    browser = login(Client(), world.a.specialist)
    assert books["acts"][0].number in body(browser, "/acts/")
    assert books["invoices"][0].number in body(browser, "/invoices/")
    Assignment.objects.filter(user=world.a.specialist, matter=world.a.matter).delete()
    assert books["acts"][0].number not in body(browser, "/acts/")
    assert books["invoices"][0].number not in body(browser, "/invoices/")
