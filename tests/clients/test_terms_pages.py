"""The terms page: read in one's language, accept with the checkbox, come back to where one was going."""

import pytest
from django.urls import reverse

from clients.models import TermsAcceptance, TermsVersion
from clients.services import terms as services
from tests import factories as f
from tests.conftest import api_for, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(world):
    return f.ClientUserFactory(client=world.a.client, accept_terms=False)


def accept(client, **changes):
    data = {"version": 1, "language": "en", "next": "/matters/", "agree": "on"} | changes
    return client.post(reverse("clients:terms_accept"), data, HTTP_USER_AGENT="Firefox/140", REMOTE_ADDR="192.0.2.1")


def test_the_page_shows_the_summary_the_text_and_the_acceptance_at_the_end(client, newcomer):
    login(client, newcomer)
    page = client.get(reverse("clients:terms"), {"next": "/matters/"}).content.decode()
    assert "The fifteen rules in brief" in page
    assert page.count("<li>", page.index("The fifteen rules"), page.index("terms-text")) == 15
    assert "Terms of Interaction between the Firm and the Client" in page  # the stored HTML, rendered
    assert "&lt;h3&gt;" not in page
    assert "I have read and accept the terms" in page
    assert page.index("16. Final provisions") < page.index('type="checkbox"') < page.index("Accept and continue")
    assert 'value="/matters/"' in page


def test_a_russian_reader_gets_the_russian_text(client, newcomer):
    newcomer.language = "ru"
    newcomer.save()
    login(client, newcomer)
    page = client.get(reverse("clients:terms")).content.decode()
    assert "Условия взаимодействия Фирмы и Клиента" in page
    assert "Terms of Interaction" not in page


def test_accepting_records_the_evidence_and_returns_to_next(client, newcomer):
    login(client, newcomer)
    response = accept(client)
    assert response.status_code == 302
    assert response["Location"] == "/matters/"
    acceptance = TermsAcceptance.objects.get(user=newcomer)
    assert (acceptance.version.number, acceptance.language) == (1, "en")
    assert acceptance.ip_address == "192.0.2.1"
    assert acceptance.user_agent == "Firefox/140"


def test_without_the_tick_nothing_is_recorded(client, newcomer):
    login(client, newcomer)
    response = accept(client, agree="")
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert not TermsAcceptance.objects.filter(user=newcomer).exists()


@pytest.mark.parametrize("next_url", ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)", ""])
def test_a_foreign_next_goes_home_instead(client, newcomer, next_url):
    login(client, newcomer)
    assert accept(client, next=next_url)["Location"] == reverse("home")


def test_terms_changed_while_reading_are_not_accepted(client, newcomer):
    f.TermsVersionFactory()
    login(client, newcomer)
    response = accept(client, version=1)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("clients:terms"))
    assert not TermsAcceptance.objects.filter(user=newcomer).exists()
    assert "have changed while you were reading" in client.get(response["Location"]).content.decode()


def test_after_accepting_the_page_shows_the_date_and_the_agreement(client, world):
    login(client, world.a.user)
    page = client.get(reverse("clients:terms")).content.decode()
    assert "You accepted version 1 of the terms on" in page
    assert reverse("clients:agreement_pdf", kwargs={"client_pk": world.a.client.pk}) in page
    assert 'type="checkbox"' not in page


def test_the_firm_reads_the_terms_without_accepting_them(client, world):
    login(client, world.a.lead)
    page = client.get(reverse("clients:terms")).content.decode()
    assert "Terms of Interaction" in page
    assert 'type="checkbox"' not in page
    assert "Publish a new version" not in page
    assert accept(client).status_code == 403


def test_a_partner_publishes_a_new_version_from_the_page(client, world):
    login(client, world.partner)
    form = client.get(reverse("clients:terms_publish")).content.decode()
    assert "Terms of Interaction" in form  # prefilled with the current text
    response = client.post(
        reverse("clients:terms_publish"),
        {"text_ru": "<h3>1. Новое</h3><p>Текст</p>", "text_en": "<h3>1. New</h3><p>Text</p>", "confirm": "on"},
    )
    assert response.status_code == 302
    assert TermsVersion.objects.get(number=2).text_en == "<h3>1. New</h3><p>Text</p>"


def test_publishing_needs_both_texts_and_the_confirmation(client, world):
    login(client, world.partner)
    response = client.post(reverse("clients:terms_publish"), {"text_ru": "<p>Текст</p>", "text_en": ""})
    assert response.status_code == 400
    assert TermsVersion.objects.count() == 1


def test_only_a_partner_opens_the_publish_page(client, world):
    for user in (world.a.lead, world.secretary, world.a.user):
        login(client, user)
        assert client.get(reverse("clients:terms_publish")).status_code == 403


# --- the API ----------------------------------------------------------------------------------


def test_the_api_gives_the_terms_in_the_callers_or_the_asked_language(world):
    api = api_for(world.a.user)
    body = api.get("/api/terms/").json()
    assert body["version"] == 1
    assert body["language"] == "en"
    assert body["text"].startswith("<h2>Terms of Interaction")
    assert body["accepted"] is True and body["accept_required"] is False
    assert body["accepted_at"]
    assert api.get("/api/terms/?language=ru").json()["text"].startswith("<h2>Условия")


def test_the_api_accepts_once_and_refuses_a_stale_version(world):
    user = f.ClientUserFactory(client=world.a.client, accept_terms=False)
    api = api_for(user)
    stale = api.post("/api/terms/accept/", {"version": 7}, format="json")
    assert stale.status_code == 400
    assert "version" in stale.json()["error"]["fields"]
    first = api.post("/api/terms/accept/", {"version": 1, "language": "ru"}, format="json")
    assert first.status_code == 201
    assert first.json()["language"] == "ru"
    assert api.post("/api/terms/accept/", {"version": 1}, format="json").status_code == 200
    assert TermsAcceptance.objects.filter(user=user).count() == 1


def test_the_firm_cannot_accept_through_the_api(world):
    response = api_for(world.a.lead).post("/api/terms/accept/", {"version": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_permitted"
    assert api_for(world.a.lead).get("/api/terms/").json()["accept_required"] is False


def test_the_pending_version_is_reported_after_a_publish(world):
    services.terms_publish(by=world.partner, text_ru="<p>2</p>", text_en="<p>2</p>")
    body = api_for(world.a.user).get("/api/terms/").json()
    assert (body["version"], body["accepted"], body["accept_required"]) == (2, False, True)
