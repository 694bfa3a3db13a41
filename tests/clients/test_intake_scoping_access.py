"""Issue 9 as an attacker: intakes are scoped as the matters they become, and a client never learns
that its request hit a conflict (the status is masked in the selector, so filters see it too)."""

import pytest
from django.urls import reverse

from clients.models import Intake
from clients.services import intake as services
from tests import factories as f
from tests import factories_intake as fi
from tests.conftest import api_for, login

pytestmark = pytest.mark.django_db

SECRET = "Тайная история спора с поставщиком"
OPPONENT = "ООО «Противник-Секрет»"


@pytest.fixture
def b_intake(world):
    """A new matter of client B, led by B's lead, naming an opponent: nothing of A's side."""
    return services.intake_new_matter(
        by=world.partner,
        client=world.b.client,
        title="Спор Беты",
        description=SECRET,
        lead=world.b.lead,
        parties=[{"name": OPPONENT}],
    )


@pytest.fixture
def blocked_request(world):
    """A's own request, blocked by a conflict with B (B's matter has A's opponent as its client)."""
    fi.matter_with(world.b.client, "ООО «Гамма»")
    intake = services.intake_request_matter(
        client_user=world.a.user, title="Иск к Гамме", description="Текст", parties=[{"name": "ООО «Бета»"}]
    )
    services.intake_process(intake=intake, by=world.partner, lead=world.a.lead)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.BLOCKED
    return intake


# --- 1. a lead specialist sees only the intakes of its own work ------------------------------------


def test_a_lead_not_on_the_intake_gets_404_on_its_page_and_api(client, world, b_intake):
    login(client, world.a.lead)
    assert client.get(reverse("clients:intake_detail", args=[b_intake.pk])).status_code == 404
    response = api_for(world.a.lead).get(f"/api/intakes/{b_intake.pk}/")
    assert response.status_code == 404 and SECRET not in response.content.decode()


def test_a_lead_lists_no_other_leads_intakes(client, world, b_intake):
    login(client, world.a.lead)
    page = client.get(reverse("clients:intake_list")).content.decode()
    assert "Спор Беты" not in page
    body = api_for(world.a.lead).get("/api/intakes/").content.decode()
    assert "Спор Беты" not in body and SECRET not in body and OPPONENT not in body


def test_a_lead_on_the_intake_reads_it_all(client, world, b_intake):
    login(client, world.b.lead)
    page = client.get(reverse("clients:intake_detail", args=[b_intake.pk])).content.decode()
    assert SECRET in page and OPPONENT in page
    body = api_for(world.b.lead).get(f"/api/intakes/{b_intake.pk}/").json()
    assert body["description"] == SECRET and body["parties"][0]["name"] == OPPONENT


def test_a_clients_unassigned_request_reaches_the_lead_of_its_other_matters_only(client, world):
    request = services.intake_request_matter(client_user=world.b.user, title="Новое дело Беты", description="Суть")
    assert api_for(world.b.lead).get(f"/api/intakes/{request.pk}/").status_code == 200  # told of it, takes it up
    assert api_for(world.a.lead).get(f"/api/intakes/{request.pk}/").status_code == 404


def test_the_client_card_shows_no_opponents_to_the_front_desk(client, world):
    f.PartyFactory(matter=world.b.matter, name=OPPONENT)
    login(client, world.secretary)
    page = client.get(reverse("clients:client_detail", args=[world.b.client.pk])).content.decode()
    assert world.b.client.name in page and OPPONENT not in page
    login(client, world.b.lead)
    assert OPPONENT in client.get(reverse("clients:client_detail", args=[world.b.client.pk])).content.decode()


# --- the front desk: scheduling facts, not the contents --------------------------------------------


def test_the_secretary_sees_an_intakes_facts_not_its_description_or_opponents(client, world, b_intake):
    login(client, world.secretary)
    page = client.get(reverse("clients:intake_detail", args=[b_intake.pk])).content.decode()
    assert "Спор Беты" in page and world.b.lead.full_name in page
    assert SECRET not in page and OPPONENT not in page


def test_the_secretarys_api_leaves_the_contents_out(world, b_intake):
    api = api_for(world.secretary)
    one = api.get(f"/api/intakes/{b_intake.pk}/").json()
    assert one["title"] == "Спор Беты" and "description" not in one and "parties" not in one
    listing = api.get("/api/intakes/").content.decode()
    assert "Спор Беты" in listing and SECRET not in listing and OPPONENT not in listing


def test_the_secretary_still_processes_a_clients_request(client, world):
    request = services.intake_request_matter(client_user=world.a.user, title="Дело", description="Суть дела")
    login(client, world.secretary)
    response = client.post(reverse("clients:intake_process", args=[request.pk]), {"lead": world.a.lead.pk})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Intake.Status.OPENED


# --- 4. a client never learns that its request hit a conflict ----------------------------------------


def test_filtering_by_blocked_does_not_reveal_a_conflict_to_the_client(client, world, blocked_request):
    api = api_for(world.a.user)
    assert api.get("/api/intakes/?status=blocked").json()["results"] == []
    requested = api.get("/api/intakes/?status=requested").json()["results"]
    assert [row["id"] for row in requested] == [blocked_request.pk]
    assert requested[0]["status"] == "requested"
    login(client, world.a.user)
    assert "Иск к Гамме" not in client.get(reverse("clients:intake_list") + "?status=blocked").content.decode()
    page = client.get(reverse("clients:intake_list") + "?status=requested").content.decode()
    assert "Иск к Гамме" in page and "row-alert" not in page and "blocked" not in page


def test_a_clients_requested_and_blocked_requests_look_the_same(client, world, blocked_request):
    fresh = services.intake_request_matter(client_user=world.a.user, title="Другое", description="Текст")
    login(client, world.a.user)
    blocked = client.get(reverse("clients:intake_detail", args=[blocked_request.pk])).content.decode()
    requested = client.get(reverse("clients:intake_detail", args=[fresh.pk])).content.decode()
    badge = '<span class="badge badge-requested">under review</span>'
    assert badge in blocked and badge in requested


def test_the_firm_still_filters_by_blocked(world, blocked_request):
    rows = api_for(world.partner).get("/api/intakes/?status=blocked").json()["results"]
    assert [row["id"] for row in rows] == [blocked_request.pk] and rows[0]["status"] == "blocked"
