"""Issue 9 as an attacker: powers of attorney are scoped by the matters they cover and the people
they name; the front desk sees the register's facts, not the documents; who signs and revokes."""

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from clients.access import restrict_powers, visible_powers
from clients.models import PowerOfAttorney
from clients.services.powers import poa_draft_file, poa_mark_signed, poa_revoke
from core.errors import NotFound, NotPermitted
from tests import factories as f
from tests.conftest import api_for, login
from tests.factories_powers import PowerFactory, pdf_scan

pytestmark = pytest.mark.django_db

SCOPE = "представлять интересы в споре с ООО «Секрет»"


@pytest.fixture
def b_power(world):
    poa = PowerFactory(client=world.b.client, specialists=[world.b.lead], matters=[world.b.matter], scope=SCOPE)
    poa.signed_scan.save("scan.pdf", pdf_scan(), save=True)
    return poa


def test_a_secretary_assigned_nowhere_downloads_no_power_documents(client, world, b_power):
    login(client, world.secretary)
    for name in ("clients:power_draft_pdf", "clients:power_scan"):
        assert client.get(reverse(name, args=[b_power.pk])).status_code == 404, name
    api = api_for(world.secretary)
    for url in (f"/api/powers-of-attorney/{b_power.pk}/draft.pdf", f"/api/powers-of-attorney/{b_power.pk}/scan/"):
        assert api.get(url).status_code == 404, url
    assert not AccessLogEntry.objects.filter(user=world.secretary).exists()


def test_a_secretary_downloads_no_clients_agreement(client, world):
    f.TermsVersionFactory()
    login(client, world.secretary)
    assert client.get(reverse("clients:agreement_pdf", args=[world.b.client.pk])).status_code == 404
    assert api_for(world.secretary).get(f"/api/clients/{world.b.client.pk}/agreement/").status_code == 404


def test_a_secretary_sees_the_registers_facts_only(client, world, b_power):
    login(client, world.secretary)
    page = client.get(reverse("clients:power_detail", args=[b_power.pk])).content.decode()
    assert b_power.number in page and world.b.lead.full_name in page
    assert SCOPE not in page and reverse("clients:power_draft_pdf", args=[b_power.pk]) not in page
    body = api_for(world.secretary).get(f"/api/powers-of-attorney/{b_power.pk}/").json()
    assert body["number"] == b_power.number and body["valid_until"] and body["status"] == "signed"
    assert not {"scope", "draft_url", "scan_url", "revoke_reason"} & set(body)


def test_a_lawyer_of_the_same_client_on_another_matter_does_not_see_the_power(world):
    other_lead = f.LeadFactory()
    f.MatterFactory(client=world.b.client, lead=other_lead)
    poa = PowerFactory(client=world.b.client, specialists=[world.b.lead], matters=[world.b.matter])
    assert not visible_powers(other_lead).filter(pk=poa.pk).exists()
    assert api_for(other_lead).get(f"/api/powers-of-attorney/{poa.pk}/").status_code == 404
    general = PowerFactory(client=world.b.client, specialists=[world.b.lead])  # covers every matter of B
    assert visible_powers(other_lead).filter(pk=general.pk).exists()


def test_a_named_specialist_sees_the_power_wherever_it_works(world):
    stranger = f.SpecialistFactory()
    poa = PowerFactory(client=world.b.client, specialists=[stranger], matters=[world.b.matter])
    assert visible_powers(stranger).filter(pk=poa.pk).exists()


def test_a_secretary_cannot_mark_a_power_signed(world):
    poa = PowerFactory(client=world.a.client, status=PowerOfAttorney.Status.SENT, matters=[world.a.matter])
    with pytest.raises(NotPermitted):
        poa_mark_signed(poa=poa, by=world.secretary, scan=pdf_scan())
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.SENT and not poa.signed_scan


def test_a_specialist_who_does_not_lead_cannot_sign_or_revoke(world):
    poa = PowerFactory(client=world.a.client, status=PowerOfAttorney.Status.SENT, matters=[world.a.matter])
    with pytest.raises(NotPermitted):
        poa_mark_signed(poa=poa, by=world.a.specialist, scan=pdf_scan())
    with pytest.raises(NotPermitted):
        poa_revoke(poa=poa, by=world.a.specialist, reason="нет")
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.SENT


def test_the_lead_of_a_covered_matter_a_partner_and_the_client_may_revoke(world):
    for who in (world.a.lead, world.partner, world.a.user):
        poa = PowerFactory(client=world.a.client, matters=[world.a.matter])
        poa_revoke(poa=poa, by=who, reason="Сменили представителя")
        poa.refresh_from_db()
        assert poa.status == PowerOfAttorney.Status.REVOKED


def test_a_lead_of_another_matter_of_the_client_cannot_revoke(world):
    other_lead = f.LeadFactory()
    other = f.MatterFactory(client=world.a.client, lead=other_lead)
    poa = PowerFactory(client=world.a.client, matters=[world.a.matter], specialists=[other_lead])
    assert visible_powers(other_lead).filter(pk=poa.pk).exists()  # named in it: sees it
    with pytest.raises(NotPermitted):
        poa_revoke(poa=poa, by=other_lead, reason="нет")
    own = PowerFactory(client=world.a.client, matters=[other])
    assert restrict_powers(other_lead, "revoke").filter(pk=own.pk).exists()


def test_the_api_refuses_a_secretarys_revocation_and_upload(world):
    poa = PowerFactory(client=world.a.client, status=PowerOfAttorney.Status.SENT, matters=[world.a.matter])
    api = api_for(world.secretary)
    assert api.post(f"/api/powers-of-attorney/{poa.pk}/revoke/", {"reason": "x"}, format="json").status_code == 403
    signed = api.post(f"/api/powers-of-attorney/{poa.pk}/signed/", {"scan": pdf_scan()}, format="multipart")
    assert signed.status_code == 403
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.SENT


def test_the_service_refuses_the_front_desk_the_draft_too(world, b_power):
    with pytest.raises(NotFound):
        poa_draft_file(poa=b_power, user=world.secretary)


def test_the_front_desk_reads_no_passport_or_bank_details_on_the_card_or_the_api(client, world):
    from clients.models import Client

    Client.objects.filter(pk=world.b.client.pk).update(
        kind="person", passport="65 10 123456 выдан ОУФМС", bik="046577674", account="40702810900000000001"
    )
    login(client, world.secretary)
    page = client.get(reverse("clients:client_detail", args=[world.b.client.pk])).content.decode()
    assert world.b.client.name in page and "65 10 123456" not in page and "40702810900000000001" not in page
    api = api_for(world.secretary)
    one = api.get(f"/api/clients/{world.b.client.pk}/").json()
    assert one["name"] == world.b.client.name and not {"passport", "account", "bik", "birth_date"} & set(one)
    listing = api.get("/api/clients/").content.decode()
    assert "65 10 123456" not in listing and "40702810900000000001" not in listing
    assert api_for(world.b.lead).get(f"/api/clients/{world.b.client.pk}/").json()["passport"].startswith("65 10")
    login(client, world.partner)
    assert "65 10 123456" in client.get(reverse("clients:client_detail", args=[world.b.client.pk])).content.decode()
