"""The partner's view and its API are cached per partner (billing.caching): a second read runs none of the
figures' queries, a change through any billing service shows at once, and no one else ever reads a
partner's cached figures. With caches on (a Redis in CI; the local-memory cache here otherwise)."""

import datetime as dt
from decimal import Decimal

import pytest

from billing.models import Advance, WorkStatus
from billing.services.advances import advance_confirm
from billing.services.claims import claim_file
from billing.services.invoices import invoice_draft, invoice_issue
from billing.services.payments import payment_record
from billing.services.work import approve_work, record_time, submit_work
from tests import factories as f
from tests.billing.test_partner_pages import books  # noqa: F401 (the fixture)
from tests.conftest import api_for, api_queries, assert_error, login, page_queries

pytestmark = pytest.mark.django_db

PAGE = "/partner/"
API = "/api/partner/"


@pytest.fixture
def cache_on(settings):
    settings.PORTAL_CACHE = True


def figures(user) -> dict:
    response = api_for(user).get(API)
    assert response.status_code == 200
    return response.json()


def main(response) -> str:
    """The page's own content (the layout around it carries a fresh CSRF token each time)."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_a_second_read_runs_none_of_the_figures_queries(client, world, books, cache_on, django_assert_num_queries):  # noqa: F811
    login(client, world.partner)
    first = main(client.get(PAGE))
    with django_assert_num_queries(page_queries(0, warm=True)):
        assert main(client.get(PAGE)) == first
    data = figures(world.partner)
    with django_assert_num_queries(api_queries(0)):
        assert figures(world.partner) == data


def test_a_change_through_each_billing_service_shows_at_once(client, world, books, cache_on):  # noqa: F811
    today = books["today"]
    login(client, world.partner)
    before = figures(world.partner)
    assert client.get(PAGE).status_code == 200  # both cached now
    assert before["unbilled"]["matters"][0]["minutes"] == 90

    # Time recorded, submitted and approved: the unbilled work and the hours.
    entry = record_time(by=world.b.specialist, matter=world.b.matter, date=today, minutes=30, description="Иск")
    submit_work(by=world.b.specialist, entry=entry)
    approve_work(by=world.b.lead, entry=entry)
    now = figures(world.partner)
    assert now["unbilled"]["matters"][0]["minutes"] == 120 and now["unbilled"]["total"] == "12000.00"
    assert sum(p["this_billable"] + p["last_billable"] for p in now["hours"]["people"]) == 120
    assert "12,000.00" in client.get(PAGE).content.decode().split('id="unbilled-table"', 1)[1]

    # A payment recorded: received this month.
    payment_record(by=world.partner, amount="100.00", date=today)
    assert figures(world.partner)["revenue"]["months"][-1]["received"] == "445.67"
    assert "445.67" in client.get(PAGE).content.decode()

    # The work drafted on an invoice leaves "unbilled"; the invoice issued is revenue and a receivable.
    approved = list(type(entry).objects.filter(matter=world.b.matter, status=WorkStatus.APPROVED))
    draft = invoice_draft(by=world.b.lead, matter=world.b.matter, time_entries=approved)
    assert figures(world.partner)["unbilled"]["matters"] == []
    invoice_issue(by=world.b.lead, invoice=draft, issue_date=today, due_date=today + dt.timedelta(days=10))
    now = figures(world.partner)
    assert now["revenue"]["months"][-1]["invoices"] == 2
    draft.refresh_from_db()
    assert Decimal(now["receivables"]["total"]) - Decimal(before["receivables"]["total"]) == draft.gross
    assert "All approved work is invoiced." in client.get(PAGE).content.decode()

    # The overdue advance confirmed paid.
    assert figures(world.partner)["advances"]["count"] == 1
    advance_confirm(advance=books["advance"], by=world.a.lead)
    assert Advance.objects.get(pk=books["advance"].pk).status == Advance.Status.CONFIRMED
    assert figures(world.partner)["advances"]["count"] == 0
    assert "No advance is overdue." in client.get(PAGE).content.decode()

    # A claim filed by the client: one more open claim.
    claim_file(by=world.a.user, matter=world.a.matter, subject="quality", description="Долго", ask_refund="1")
    assert figures(world.partner)["claims_open"]["open"] == 2


def test_no_one_else_ever_reads_a_partners_cached_figures(client, world, books, cache_on, django_assert_num_queries):  # noqa: F811
    login(client, world.partner)
    client.get(PAGE)
    figures(world.partner)
    # Another partner computes their own (the figures' queries run), never reading the first one's.
    other = f.PartnerFactory(language="en")
    with django_assert_num_queries(api_queries(16)):
        assert figures(other)["as_of"] == books["today"].isoformat()
    # Everyone else is refused before any cache is read, with the partner's figures warm.
    for user in (world.a.lead, world.a.specialist, world.a.user, world.secretary):
        client.logout()
        login(client, user)
        assert client.get(PAGE).status_code == 403
        assert_error(api_for(user).get(API), 403, "not_permitted")
