"""GET one entry of the access log: scoped as the list (a client's own entries, partners all, other staff 403)."""

import pytest

from tests.conftest import api_for
from tests.factories_disclosures import AccessLogEntryFactory

pytestmark = pytest.mark.django_db


def test_a_client_user_reads_its_own_entry_as_listed(world):
    entry = AccessLogEntryFactory(client=world.a.client, user=world.a.lead)
    listed = api_for(world.a.user).get("/api/access-log/").json()["results"]
    body = api_for(world.a.user).get(f"/api/access-log/{entry.pk}/").json()
    assert body == listed[0]
    assert body["user"]["id"] == world.a.lead.pk


def test_another_clients_entry_is_a_404(world):
    entry = AccessLogEntryFactory(client=world.b.client, user=world.b.lead)
    response = api_for(world.a.user).get(f"/api/access-log/{entry.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_partners_read_any_entry_and_other_staff_are_refused(world):
    entry = AccessLogEntryFactory(client=world.b.client, user=world.b.lead)
    assert api_for(world.partner).get(f"/api/access-log/{entry.pk}/").json()["id"] == entry.pk
    response = api_for(world.a.lead).get(f"/api/access-log/{entry.pk}/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_permitted"
