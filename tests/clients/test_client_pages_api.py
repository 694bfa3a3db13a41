"""The client list and card (pages, for the firm) and `/api/clients/` (scoped): who sees which client."""

import pytest
from django.urls import reverse

from clients.models import PartyRole
from tests import factories as f
from tests import factories_intake as fi
from tests.conftest import api_for, api_queries, assert_error, login, page_queries

pytestmark = pytest.mark.django_db


def test_the_card_shows_requisites_matters_parties_people_and_intakes(client, world):
    alpha = world.a.client
    alpha.inn, alpha.address = fi.inn10(), "г. Екатеринбург, ул. Ленина, д. 1"
    alpha.save()
    fi.matter_with(alpha, ("Орлов Дмитрий Сергеевич", PartyRole.RELATED, {"note": "директор"}), lead=world.a.lead)
    login(client, world.partner)
    page = client.get(reverse("clients:client_detail", args=[alpha.pk])).content.decode()
    for text in (alpha.name, alpha.inn, "ул. Ленина", world.a.matter.number, "Орлов Дмитрий Сергеевич", "директор"):
        assert text in page
    assert world.a.user.email in page
    assert "extra_panels" not in page  # the block is there for other panels, invisible


def test_a_lead_sees_only_the_clients_of_its_matters(client, world):
    login(client, world.a.lead)
    assert client.get(reverse("clients:client_detail", args=[world.a.client.pk])).status_code == 200
    assert client.get(reverse("clients:client_detail", args=[world.b.client.pk])).status_code == 404
    listing = client.get(reverse("clients:client_list")).content.decode()
    assert world.a.client.name in listing and world.b.client.name not in listing


def test_a_card_shows_a_lead_only_the_matters_it_works_on(client, world):
    hidden = f.MatterFactory(client=world.a.client, title="Скрытое дело")
    fi.matter_with(world.a.client, "ООО «Тайный противник»")
    login(client, world.a.lead)
    page = client.get(reverse("clients:client_detail", args=[world.a.client.pk])).content.decode()
    assert hidden.number not in page and "Тайный противник" not in page


def test_client_users_have_no_client_pages(client, world):
    login(client, world.a.user)
    assert client.get(reverse("clients:client_list")).status_code == 404
    assert client.get(reverse("clients:client_detail", args=[world.a.client.pk])).status_code == 404


def test_the_list_finds_by_name_and_inn(client, world):
    world.b.client.inn = fi.inn10()
    world.b.client.save()
    login(client, world.secretary)
    by_name = client.get(reverse("clients:client_list"), {"q": "Альф"}).content.decode()
    assert world.a.client.name in by_name and world.b.client.name not in by_name
    by_inn = client.get(reverse("clients:client_list"), {"q": world.b.client.inn[:6]}).content.decode()
    assert world.b.client.name in by_inn and world.a.client.name not in by_inn


@pytest.mark.parametrize("n", [1, 15])
def test_the_client_list_costs_the_same_queries(client, world, django_assert_num_queries, n):
    for i in range(n):
        fi.organisation(f"ООО «Клиент {i}»")
    login(client, world.secretary)
    with django_assert_num_queries(page_queries(1)):
        assert client.get(reverse("clients:client_list")).status_code == 200


# --- the API ---------------------------------------------------------------------------------------------


def test_the_api_lists_the_clients_a_caller_may_see(world):
    names = lambda user: {row["name"] for row in api_for(user).get("/api/clients/").json()["results"]}  # noqa: E731
    assert names(world.partner) == names(world.secretary) == {world.a.client.name, world.b.client.name}
    assert names(world.a.lead) == {world.a.client.name}
    assert names(world.a.user) == {world.a.client.name}


def test_a_client_reads_its_own_record_and_not_anothers(world):
    api = api_for(world.a.user)
    body = api.get(f"/api/clients/{world.a.client.pk}/").json()
    assert body["id"] == world.a.client.pk and body["name"] == world.a.client.name
    assert {"kind", "status", "inn", "ogrn", "kpp", "address", "language"} <= set(body)
    assert_error(api.get(f"/api/clients/{world.b.client.pk}/"), 404, "not_found")
    assert_error(api_for(world.b.lead).get(f"/api/clients/{world.a.client.pk}/"), 404, "not_found")


@pytest.mark.parametrize("n", [1, 15])
def test_the_client_api_list_costs_the_same_queries(world, django_assert_num_queries, n):
    for i in range(n):
        fi.organisation(f"ООО «Клиент {i}»")
    with django_assert_num_queries(api_queries(1)):
        response = api_for(world.partner).get("/api/clients/")
    assert len(response.json()["results"]) == n + 2
