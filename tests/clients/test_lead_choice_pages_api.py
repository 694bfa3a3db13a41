"""The lead of a new matter: only lead specialists and partners are offered, never the portal's administrator;
anyone else submitted is refused with the reason (pages, API, service)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from clients.forms import NewMatterForm
from clients.models import Intake
from clients.selectors import lead_choices
from clients.services.intake import intake_new_matter
from core.errors import ValidationError
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db

REASON = "The lead must be an active lead specialist or partner."


@pytest.fixture
def admin(db):
    return f.PartnerFactory(full_name="Администратор Портала", is_staff=True, is_superuser=True)


def test_only_leads_and_partners_are_offered_never_the_administrator(world, admin):
    offered = set(lead_choices())
    assert {world.a.lead, world.b.lead, world.partner} <= offered
    assert admin not in offered
    assert not offered & {world.a.specialist, world.secretary, world.a.user}


def test_the_new_matter_page_offers_no_administrator(client, world, admin):
    login(client, world.partner)
    page = client.get(reverse("clients:intake_new_matter", args=[world.a.client.pk])).content.decode()
    assert world.a.lead.full_name in page and "Администратор Портала" not in page


@pytest.mark.parametrize("who", ["admin", "specialist"])
def test_the_form_refuses_a_non_lead_with_the_reason(world, admin, who):
    person = {"admin": admin, "specialist": world.a.specialist}[who]
    form = NewMatterForm({"title": "Иск", "lead": person.pk}, leads=lead_choices())
    assert not form.is_valid()
    assert form.errors["lead"] == [REASON]


def test_the_page_refuses_the_administrator_and_opens_nothing(client, world, admin):
    login(client, world.partner)
    response = client.post(
        reverse("clients:intake_new_matter", args=[world.a.client.pk]),
        {"title": "Иск", "lead": admin.pk, "parties-TOTAL_FORMS": "0", "parties-INITIAL_FORMS": "0"},
    )
    assert REASON in response.content.decode()
    assert not Intake.objects.filter(lead=admin).exists()


@pytest.mark.parametrize("who", ["admin", "specialist"])
def test_the_api_refuses_a_non_lead_with_the_reason(world, admin, who):
    person = {"admin": admin, "specialist": world.a.specialist}[who]
    api = APIClient()
    api.force_authenticate(world.partner)
    response = api.post(
        "/api/intakes/", {"client": world.a.client.pk, "title": "Иск", "lead": person.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["lead"] == [REASON]
    assert not Intake.objects.exists()


def test_the_service_refuses_the_administrator(world, admin):
    with pytest.raises(ValidationError) as error:
        intake_new_matter(by=world.partner, client=world.a.client, title="Иск", lead=admin)
    assert [str(m) for m in error.value.fields["lead"]] == [REASON]
