"""Issue 9: every staff read of a client's confidential data is logged, whichever door it comes
through — the missing documents (disclosure answers), the firm-wide documents list, the Django admin."""

import pytest

from audit.models import AccessLogEntry
from tests.conftest import api_for, login
from tests.factories_deliverables import DeliverableFactory, HeldDocumentFactory
from tests.factories_disclosures import DisclosureFactory
from tests.factories_messages import MessageFactory

pytestmark = pytest.mark.django_db


def entries(user, **filters):
    return AccessLogEntry.objects.filter(user=user, **filters)


def test_the_missing_documents_endpoint_writes_the_access_log(world):
    DisclosureFactory(matter=world.a.matter, missing_documents="Выписка ЕГРН — заказать в МФЦ.")
    response = api_for(world.a.lead).get(f"/api/clients/{world.a.client.pk}/documents/missing/")
    assert response.status_code == 200 and "Выписка ЕГРН" in response.content.decode()
    entry = entries(world.a.lead).get()
    assert (entry.client, entry.kind, entry.action) == (world.a.client, "disclosure", "view")
    api_for(world.a.user).get(f"/api/clients/{world.a.client.pk}/documents/missing/")
    assert AccessLogEntry.objects.count() == 1  # the client's own look is not logged


def test_the_documents_list_writes_one_entry_per_client_shown(world):
    HeldDocumentFactory(client=world.a.client, matter=world.a.matter)
    HeldDocumentFactory(client=world.b.client, matter=world.b.matter)
    body = api_for(world.partner).get("/api/documents/").json()
    assert len(body["results"]) == 2
    assert set(entries(world.partner, kind="document").values_list("client", flat=True)) == {
        world.a.client.pk,
        world.b.client.pk,
    }
    api_for(world.a.lead).get("/api/documents/")
    assert list(entries(world.a.lead).values_list("client", flat=True)) == [world.a.client.pk]


def test_staff_looks_in_the_admin_are_logged(client, world, admin_user):
    message = MessageFactory(matter=world.a.matter)
    result = DeliverableFactory(matter=world.b.matter)
    document = HeldDocumentFactory(client=world.a.client)
    login(client, admin_user)
    pages = [
        (f"/admin/matters/task/{world.a.task.pk}/change/", world.a.client),
        (f"/admin/matters/message/{message.pk}/change/", world.a.client),
        (f"/admin/matters/deliverable/{result.pk}/change/", world.b.client),
        (f"/admin/matters/helddocument/{document.pk}/change/", world.a.client),
        (f"/admin/clients/client/{world.b.client.pk}/change/", world.b.client),
    ]
    for url, owner in pages:
        before = AccessLogEntry.objects.count()
        assert client.get(url).status_code == 200, url
        entry = AccessLogEntry.objects.order_by("-id").first()
        assert AccessLogEntry.objects.count() == before + 1, url
        assert (entry.user, entry.client, entry.action) == (admin_user, owner, "view"), url


def test_an_admin_list_writes_one_entry_per_client_on_the_page(client, world, admin_user):
    login(client, admin_user)
    assert client.get("/admin/matters/task/").status_code == 200
    assert set(entries(admin_user).values_list("client", flat=True)) == {world.a.client.pk, world.b.client.pk}
