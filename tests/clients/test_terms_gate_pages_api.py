"""The terms gate: a client user reads and accepts the current terms before anything else, on pages and API."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from clients.services import terms as services
from tests import factories as f
from tests.conftest import api_for, assert_error, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(world):
    """A client user of A who has not accepted the terms yet."""
    return f.ClientUserFactory(client=world.a.client, accept_terms=False)


@pytest.mark.parametrize("name", ["matters:task_list", "matters:matter_list", "audit:my_access_log"])
def test_pages_send_the_newcomer_to_the_terms_with_the_way_back(client, newcomer, name):
    login(client, newcomer)
    target = reverse(name)
    response = client.get(f"{target}?page=2")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('clients:terms')}?next={quote(target + '?page=2', safe='')}"


def test_the_disclosure_page_and_the_agreement_are_gated_too(client, world, newcomer):
    login(client, newcomer)
    for url in (
        reverse("clients:disclosure", kwargs={"matter_pk": world.a.matter.pk}),
        reverse("clients:agreement_pdf", kwargs={"client_pk": world.a.client.pk}),
    ):
        assert client.get(url)["Location"].startswith(reverse("clients:terms"))


def test_the_terms_and_account_pages_stay_open(client, newcomer):
    login(client, newcomer)
    assert client.get(reverse("clients:terms")).status_code == 200
    assert client.get(reverse("account_change_password")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_the_firms_people_are_never_gated(client, world):
    f.TermsVersionFactory()  # a new version nobody has accepted
    for user in (world.partner, world.a.lead, world.a.specialist, world.secretary):
        login(client, user)
        assert client.get(reverse("matters:task_list")).status_code == 200, user
        assert api_for(user).get("/api/tasks/").status_code == 200


def test_accepting_opens_the_portal(client, newcomer):
    login(client, newcomer)
    response = client.post(
        reverse("clients:terms_accept"), {"version": 1, "language": "en", "next": "/tasks/", "agree": "on"}
    )
    assert response["Location"] == "/tasks/"
    assert client.get("/tasks/").status_code == 200


def test_a_new_version_asks_every_client_user_again_at_the_next_page(client, world):
    login(client, world.a.user)
    assert client.get(reverse("matters:task_list")).status_code == 200
    services.terms_publish(by=world.partner, text_ru="<p>Версия 2</p>", text_en="<p>Version 2</p>")
    response = client.get(reverse("matters:task_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("clients:terms"))
    page = client.get(reverse("clients:terms")).content.decode()
    assert "Version 2" in page
    assert "The terms have changed since you accepted version 1" in page
    assert_error(api_for(world.b.user).get("/api/tasks/"), 403, "terms_not_accepted")


def test_the_api_refuses_the_newcomer_until_accepted_except_the_terms_themselves(newcomer):
    api = api_for(newcomer)
    error = assert_error(api.get("/api/tasks/"), 403, "terms_not_accepted")
    assert "/api/terms/" in error["message"]
    assert_error(api.get("/api/matters/"), 403, "terms_not_accepted")
    terms = api.get("/api/terms/")
    assert terms.status_code == 200
    assert terms.json()["accept_required"] is True
    accepted = api.post("/api/terms/accept/", {"version": terms.json()["version"]}, format="json")
    assert accepted.status_code == 201, accepted.content
    assert api.get("/api/tasks/").status_code == 200
    assert api.get("/api/terms/").json()["accepted"] is True
