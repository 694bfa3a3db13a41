"""The documents register in pages and API: the client's view, the firm's entries, attacks, query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLogEntry
from matters.models import HeldDocument
from tests import factories as f
from tests.conftest import api_for, api_queries, login, page_queries
from tests.factories_deliverables import HeldDocumentFactory
from tests.factories_disclosures import DisclosureFactory

pytestmark = pytest.mark.django_db


def test_the_client_sees_its_register_with_the_missing_documents_first(client, world):
    HeldDocumentFactory(client=world.a.client, matter=world.a.matter, title="Устав", location="Сейф 1")
    HeldDocumentFactory(client=world.b.client, title="Чужой договор")
    DisclosureFactory(matter=world.a.matter, missing_documents="Выписка ЕГРН — заказать в МФЦ.")
    login(client, world.a.user)
    page = client.get(reverse("matters:documents")).content.decode()
    assert "Устав" in page and "Сейф 1" in page and "Чужой договор" not in page
    assert page.index("Выписка ЕГРН") < page.index("Устав")
    assert 'id="record"' not in page and "Record its return" not in page
    assert client.get(reverse("matters:documents", kwargs={"client_pk": world.a.client.pk})).status_code == 200


def test_the_matter_page_links_to_the_register(client, world):
    login(client, world.a.user)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert reverse("matters:documents") in page
    login(client, world.a.lead)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert reverse("matters:documents", kwargs={"client_pk": world.a.client.pk}) in page


def test_the_lead_enters_a_document_and_records_its_return(client, world):
    login(client, world.a.lead)
    url = reverse("matters:documents", kwargs={"client_pk": world.a.client.pk})
    response = client.post(
        url,
        {
            "title": "Договор аренды",
            "form": "original",
            "pages": "7",
            "received_from": "Петров И. Н.",
            "location": "Сейф 2",
            "matter": world.a.matter.pk,
        },
    )
    assert response.status_code == 302
    doc = HeldDocument.objects.get()
    assert doc.matter == world.a.matter and doc.recorded_by == world.a.lead
    response = client.post(reverse("matters:document_return", args=[doc.pk]), {"returned_to": "Петрову И. Н."})
    assert response.status_code == 302 and response["Location"] == url
    doc.refresh_from_db()
    assert doc.returned_to == "Петрову И. Н." and doc.returned_by == world.a.lead
    page = client.get(url + "?status=returned").content.decode()
    assert "Петрову И. Н." in page
    # the firm's look at the register is in the access log
    assert AccessLogEntry.objects.filter(user=world.a.lead, client=world.a.client, kind="document").exists()


def test_a_bad_entry_shows_its_errors_and_saves_nothing(client, world):
    login(client, world.a.lead)
    url = reverse("matters:documents", kwargs={"client_pk": world.a.client.pk})
    response = client.post(url, {"title": "", "form": "original", "received_from": "", "location": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not HeldDocument.objects.exists()


def test_a_client_cannot_post_to_its_register(client, world):
    login(client, world.a.user)
    response = client.post(reverse("matters:documents"), {"title": "X"})
    assert response.status_code == 403
    assert not HeldDocument.objects.exists()


def test_the_firm_without_a_client_goes_to_the_client_list(client, world):
    login(client, world.a.lead)
    assert client.get(reverse("matters:documents"))["Location"] == reverse("clients:client_list")


def test_attackers_get_404_for_anothers_register_and_documents(client, world):
    doc = HeldDocumentFactory(client=world.b.client, matter=world.b.matter)
    url = reverse("matters:documents", kwargs={"client_pk": world.b.client.pk})
    for outsider in (world.a.user, world.a.lead, world.secretary, f.SpecialistFactory()):
        login(client, outsider)
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"title": "x", "received_from": "y", "location": "z", "form": "copy"}).status_code == 404
        )
        assert client.post(reverse("matters:document_return", args=[doc.pk]), {"returned_to": "x"}).status_code == 404
        api = api_for(outsider)
        assert api.get(f"/api/clients/{world.b.client.pk}/documents/").status_code == 404
        assert api.get(f"/api/clients/{world.b.client.pk}/documents/missing/").status_code == 404
        response = api.post(f"/api/documents/{doc.pk}/return/", {"returned_to": "x"}, format="json")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
        assert doc.pk not in [row["id"] for row in api.get("/api/documents/").json()["results"]]
    doc.refresh_from_db()
    assert doc.is_held and HeldDocument.objects.count() == 1


def test_the_api_records_lists_and_returns(world):
    DisclosureFactory(matter=world.a.matter, missing_documents="Паспорт БТИ — запросить в БТИ.")
    lead = api_for(world.a.lead)
    response = lead.post(
        f"/api/clients/{world.a.client.pk}/documents/",
        {
            "title": "Техпаспорт",
            "form": "plain_copy",
            "received_from": "Петров",
            "location": "Папка 1",
            "matter": world.a.matter.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    doc = response.json()
    assert doc["held"] is True and doc["matter"] == world.a.matter.pk and doc["recorded_by"]["id"] == world.a.lead.pk
    bad = lead.post(f"/api/clients/{world.a.client.pk}/documents/", {"title": "X"}, format="json")
    assert bad.status_code == 400 and "received_from" in bad.json()["error"]["fields"]

    client = api_for(world.a.user)
    [row] = client.get("/api/documents/").json()["results"]
    assert row["title"] == "Техпаспорт"
    [missing] = client.get(f"/api/clients/{world.a.client.pk}/documents/missing/").json()
    assert missing["matter_number"] == world.a.matter.number and "БТИ" in missing["missing_documents"]
    refused = client.post(f"/api/documents/{doc['id']}/return/", {"returned_to": "мне"}, format="json")
    assert refused.status_code == 403

    response = lead.post(f"/api/documents/{doc['id']}/return/", {"returned_to": "Петрову"}, format="json")
    assert response.status_code == 200 and response.json()["held"] is False
    again = lead.post(f"/api/documents/{doc['id']}/return/", {"returned_to": "Петрову"}, format="json")
    assert again.status_code == 409
    assert client.get("/api/documents/?held=true").json()["results"] == []
    assert len(client.get(f"/api/clients/{world.a.client.pk}/documents/?held=false").json()["results"]) == 1


@pytest.mark.parametrize("count", [1, 40])
def test_the_register_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for i in range(count):
        HeldDocumentFactory(
            client=world.a.client,
            matter=world.a.matter if i % 2 else None,
            recorded_by=world.a.lead,
            returned_at=timezone.now() if i % 3 == 0 else None,
            returned_by=world.a.lead if i % 3 == 0 else None,
            received_at=timezone.now() - dt.timedelta(days=1),
        )
    DisclosureFactory(matter=world.a.matter, missing_documents="Акт сверки.")
    login(client, world.a.user)
    # the client; the documents with matter and people; the missing documents
    with django_assert_num_queries(page_queries(3, client_user=True)):
        response = client.get(reverse("matters:documents"))
    assert response.content.decode().count('id="document-') == count
    login(client, world.a.lead)
    # the client; the assignment check; may-record check; the record form's matters; documents; missing; the log entry
    with django_assert_num_queries(page_queries(7)):
        response = client.get(reverse("matters:documents", kwargs={"client_pk": world.a.client.pk}))
    assert response.content.decode().count('id="document-') == count


@pytest.mark.parametrize("count", [1, 40])
def test_the_register_api_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for _ in range(count):
        HeldDocumentFactory(client=world.a.client, recorded_by=world.a.lead)
    with django_assert_num_queries(api_queries(2, client_user=True)):  # the client; the documents with people
        response = api_for(world.a.user).get(f"/api/clients/{world.a.client.pk}/documents/")
    assert len(response.json()["results"]) == count
    with django_assert_num_queries(api_queries(1, client_user=True, warm=True)):
        response = api_for(world.a.user).get("/api/documents/")
    assert len(response.json()["results"]) == count
