"""The access log pages: a client sees who at the firm looked at its data; partners see the whole firm's log."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from clients.services import disclosures
from tests import factories as f
from tests.conftest import login, page_queries
from tests.factories_disclosures import AccessLogEntryFactory

pytestmark = pytest.mark.django_db


def _english_client(customer):
    customer.language = "en"  # the log is written in the client's language
    customer.save(update_fields=["language"])


def test_the_client_sees_exactly_its_entries_with_who_what_when_where(client, world):
    _english_client(world.a.client)
    disclosures.disclosure_read(user=world.a.lead, matter=world.a.matter)
    AccessLogEntryFactory(client=world.a.client, user=world.partner, ip_address="198.51.100.77")
    AccessLogEntryFactory(client=world.b.client, user=world.b.lead, description="Чужая запись")
    login(client, world.a.user)
    page = client.get(reverse("audit:my_access_log")).content.decode()
    assert world.a.lead.full_name in page and "lead specialist" in page
    assert world.partner.full_name in page and "partner" in page
    assert f"Disclosure questionnaire of matter {world.a.matter.number}" in page
    assert "198.51.100.77" in page
    assert "Чужая запись" not in page
    assert world.b.lead.full_name not in page
    assert page.count('data-label="Who"') == 2


def test_newest_first(client, world):
    now = timezone.now()
    AccessLogEntryFactory(client=world.a.client, description="старая", at=now - dt.timedelta(days=2))
    AccessLogEntryFactory(client=world.a.client, description="новая", at=now)
    login(client, world.a.user)
    page = client.get(reverse("audit:my_access_log")).content.decode()
    assert page.index("новая") < page.index("старая")


def test_an_empty_log_says_nobody_looked(client, world):
    login(client, world.a.user)
    assert "Nobody at the firm has opened" in client.get(reverse("audit:my_access_log")).content.decode()


def test_the_privacy_page_pages_through_a_long_log(client, world):
    AccessLogEntryFactory.create_batch(51, client=world.a.client, user=world.a.lead)
    login(client, world.a.user)
    first = client.get(reverse("audit:my_access_log")).content.decode()
    assert first.count('data-label="Who"') == 50
    assert "page=2" in first
    second = client.get(reverse("audit:my_access_log"), {"page": 2}).content.decode()
    assert second.count('data-label="Who"') == 1


@pytest.mark.parametrize("count", [1, 60])
def test_the_privacy_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    AccessLogEntryFactory.create_batch(count, client=world.a.client, user=world.a.lead)
    login(client, world.a.user)
    with django_assert_num_queries(page_queries(1, client_user=True)):  # the entries with their people
        client.get(reverse("audit:my_access_log"))


def test_staff_are_refused_the_clients_page_and_partners_are_sent_to_theirs(client, world):
    for user in (world.a.lead, world.a.specialist, world.secretary):
        login(client, user)
        assert client.get(reverse("audit:my_access_log")).status_code == 403
        assert client.get(reverse("audit:access_log")).status_code == 403
    login(client, world.partner)
    assert client.get(reverse("audit:my_access_log"))["Location"] == reverse("audit:access_log")


def test_a_client_user_cannot_open_the_firms_log(client, world):
    login(client, world.a.user)
    assert client.get(reverse("audit:access_log")).status_code == 403


def test_partners_read_the_whole_log_and_filter_it(client, world):
    AccessLogEntryFactory(client=world.a.client, user=world.a.lead, description="про Альфу")
    AccessLogEntryFactory(client=world.b.client, user=world.b.specialist, description="про Бету", kind="document")
    login(client, world.partner)
    page = client.get(reverse("audit:access_log")).content.decode()
    assert "про Альфу" in page and "про Бету" in page
    by_client = client.get(reverse("audit:access_log"), {"client": world.a.client.pk}).content.decode()
    assert "про Альфу" in by_client and "про Бету" not in by_client
    assert world.a.client.name in by_client  # the heading names the filter
    by_user = client.get(reverse("audit:access_log"), {"user": world.b.specialist.pk}).content.decode()
    assert "про Бету" in by_user and "про Альфу" not in by_user
    by_kind = client.get(reverse("audit:access_log"), {"kind": "document"}).content.decode()
    assert "про Бету" in by_kind and "про Альфу" not in by_kind
    by_name = client.get(reverse("audit:access_log"), {"q": "Альфа"}).content.decode()
    assert "про Альфу" in by_name and "про Бету" not in by_name
    assert client.get(reverse("audit:access_log"), {"client": "x", "user": "-1", "kind": "?"}).status_code == 200


@pytest.mark.parametrize("count", [1, 60])
def test_the_firms_log_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for n in range(count):
        AccessLogEntryFactory(client=f.ClientFactory() if n % 2 else world.a.client, user=world.a.lead)
    login(client, world.partner)
    # the filter's client, the entries, the people of the firm for the filter
    with django_assert_num_queries(page_queries(3)):
        client.get(reverse("audit:access_log"), {"client": world.a.client.pk})


def test_there_is_no_way_to_change_an_entry(client, world):
    entry = AccessLogEntryFactory(client=world.a.client, user=world.a.lead)
    login(client, world.partner)
    assert client.post(reverse("audit:access_log"), {"id": entry.pk}).status_code == 405
    admin = f.PartnerFactory(is_staff=True, is_superuser=True)
    login(client, admin)
    change = reverse("admin:audit_accesslogentry_change", args=[entry.pk])
    assert client.post(change, {"description": "стёрто"}).status_code == 403
    assert (
        client.post(reverse("admin:audit_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.description != "стёрто"
