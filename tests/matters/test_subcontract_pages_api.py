"""Subcontracting through the pages and the API: propose, the client's consent, engage only after it."""

import pytest
from django.urls import reverse

from matters.models import Subcontract
from tests.conftest import api_for, assert_error, login
from tests.factories_powers import SubcontractFactory

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "kind": "firm",
    "contractor": "Коллегия адвокатов «Москва-Центр»",
    "contractor_details": "ИНН 7701000000",
    "scope": "участие в заседании Арбитражного суда г. Москвы",
    "reason": "заседание в Москве",
}


# --- pages -----------------------------------------------------------------------------------


def test_lead_proposes_from_the_matter_page_and_the_client_consents_there(client, world):
    login(client, world.a.lead)
    matter_url = reverse("matters:matter_detail", args=[world.a.matter.pk])
    new_url = reverse("matters:subcontract_new", args=[world.a.matter.pk])
    assert new_url in client.get(matter_url).content.decode()
    response = client.post(new_url, PROPOSAL)
    item = Subcontract.objects.get()
    assert response["Location"] == reverse("matters:subcontract_detail", args=[item.pk])

    login(client, world.a.user)
    page = client.get(matter_url).content.decode()
    assert "Коллегия адвокатов" in page and "The Firm remains responsible" in page
    assert reverse("matters:subcontract_answer", args=[item.pk]) in page
    detail = client.get(reverse("matters:subcontract_detail", args=[item.pk])).content.decode()
    assert "By consenting you sign this text" in detail and "The Firm remains responsible" in detail
    client.post(reverse("matters:subcontract_answer", args=[item.pk]), {"decision": "consent"})
    item.refresh_from_db()
    assert item.status == "consented" and "The Firm remains responsible" in item.consent_text

    login(client, world.a.lead)
    page = client.get(reverse("matters:subcontract_detail", args=[item.pk])).content.decode()
    assert reverse("matters:subcontract_engage", args=[item.pk]) in page
    client.post(reverse("matters:subcontract_engage", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "engaged"


def test_client_refuses_with_a_reason_and_engaging_then_shows_the_rule(client, world):
    item = SubcontractFactory(matter=world.a.matter)
    login(client, world.a.user)
    client.post(reverse("matters:subcontract_answer", args=[item.pk]), {"decision": "refuse", "reason": "Дорого"})
    item.refresh_from_db()
    assert (item.status, item.refusal_reason) == ("refused", "Дорого")
    login(client, world.a.lead)
    response = client.post(reverse("matters:subcontract_engage", args=[item.pk]), follow=True)
    assert "has not consented" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "refused"


def test_the_proposal_form_shows_errors_next_to_the_fields(client, world):
    login(client, world.a.lead)
    response = client.post(reverse("matters:subcontract_new", args=[world.a.matter.pk]), {"kind": "firm"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not Subcontract.objects.exists()


def test_only_the_lead_or_a_partner_sees_the_proposal_form(client, world):
    url = reverse("matters:subcontract_new", args=[world.a.matter.pk])
    for user, status in ((world.a.specialist, 403), (world.a.user, 403), (world.b.lead, 404), (world.partner, 200)):
        login(client, user)
        assert client.get(url).status_code == status, user


def test_another_clients_proposal_is_not_found(client, world):
    item = SubcontractFactory(matter=world.b.matter)
    login(client, world.a.user)
    assert client.get(reverse("matters:subcontract_detail", args=[item.pk])).status_code == 404
    assert (
        client.post(reverse("matters:subcontract_answer", args=[item.pk]), {"decision": "consent"}).status_code == 404
    )
    login(client, world.a.lead)
    assert client.post(reverse("matters:subcontract_engage", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.status == "proposed"


# --- API -------------------------------------------------------------------------------------


def test_the_whole_flow_through_the_api(world):
    response = api_for(world.a.lead).post(f"/api/matters/{world.a.matter.pk}/subcontracts/", PROPOSAL, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "proposed" and body["matter"]["number"] == world.a.matter.number
    assert "The Firm remains responsible" in body["consent_text"]
    pk = body["id"]

    error = assert_error(api_for(world.a.lead).post(f"/api/subcontracts/{pk}/engage/"), 403, "not_permitted")
    assert "has not consented" in error["message"]

    listed = api_for(world.a.user).get(f"/api/matters/{world.a.matter.pk}/subcontracts/").json()["results"]
    assert [row["id"] for row in listed] == [pk]
    answered = api_for(world.a.user).post(f"/api/subcontracts/{pk}/answer/", {"consent": True}, format="json")
    assert answered.status_code == 200 and answered.json()["status"] == "consented"
    engaged = api_for(world.a.lead).post(f"/api/subcontracts/{pk}/engage/")
    assert engaged.status_code == 200 and engaged.json()["engaged_at"]
    assert_error(api_for(world.a.lead).post(f"/api/subcontracts/{pk}/engage/"), 409, "invalid_state")


def test_api_errors_take_the_one_shape(world):
    api = api_for(world.a.lead)
    assert_error(
        api.post(f"/api/matters/{world.a.matter.pk}/subcontracts/", {"kind": "cousin"}, format="json"),
        400,
        "invalid",
        fields=("kind", "contractor", "scope", "reason"),
    )
    assert_error(
        api_for(world.a.specialist).post(f"/api/matters/{world.a.matter.pk}/subcontracts/", PROPOSAL, format="json"),
        403,
        "not_permitted",
    )
    assert_error(api.post(f"/api/matters/{world.b.matter.pk}/subcontracts/", PROPOSAL, format="json"), 404, "not_found")
    item = SubcontractFactory(matter=world.a.matter)
    assert_error(
        api.post(f"/api/subcontracts/{item.pk}/answer/", {"consent": True}, format="json"), 403, "not_permitted"
    )
    assert_error(api_for(world.a.user).post(f"/api/subcontracts/{item.pk}/answer/", {}, format="json"), 400, "invalid")


def test_another_clients_user_gets_404_everywhere_in_the_api(world):
    item = SubcontractFactory(matter=world.b.matter)
    api = api_for(world.a.user)
    assert_error(api.get(f"/api/subcontracts/{item.pk}/"), 404, "not_found")
    assert_error(api.post(f"/api/subcontracts/{item.pk}/answer/", {"consent": True}, format="json"), 404, "not_found")
    assert_error(api.get(f"/api/matters/{world.b.matter.pk}/subcontracts/"), 404, "not_found")
    assert_error(api_for(world.a.lead).post(f"/api/subcontracts/{item.pk}/engage/"), 404, "not_found")
