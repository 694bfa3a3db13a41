"""The engagement agreement PDF: both sides' requisites, the terms, the acceptances; scoped and logged."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import AccessLogEntry
from clients.models import AgreementDocument
from clients.services import terms as services
from tests import factories as f
from tests.conftest import login, pdf_text, wait_for

pytestmark = pytest.mark.django_db


def url(client_obj):
    return reverse("clients:agreement_pdf", kwargs={"client_pk": client_obj.pk})


def download(http, client_obj):
    response = http.get(url(client_obj))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    assert f"agreement-{client_obj.pk}-v1.pdf" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


@pytest.fixture
def requisites(world):
    c = world.a.client
    c.inn, c.kpp, c.ogrn = "7707083893", "773601001", "1027700132195"
    c.address = "117997, г. Москва, ул. Вавилова, д. 19"
    c.signatory = "генерального директора Петрова П. П., действующего на основании Устава"
    c.save()
    return c


def test_a_russian_clients_agreement_is_in_russian_with_both_sides_requisites(client, world, requisites):
    login(client, world.a.user)
    text = pdf_text(download(client, world.a.client))
    assert "7707083893" in text  # the client's INN
    assert "ООО «Альфа»" in text
    assert "6671415928" in text  # the firm's INN
    assert "Условия взаимодействия" in text
    assert "Откровенность" in text  # rule 4 in Russian, not boxes
    assert world.a.user.full_name in text  # who accepted
    assert "Terms of Interaction" not in text


def test_an_english_client_gets_the_english_text(client, world):
    world.a.client.language = "en"
    world.a.client.save()
    login(client, world.a.user)
    text = pdf_text(download(client, world.a.client))
    assert "Terms of Interaction" in text
    assert "Candour" in text


def test_the_agreement_is_rendered_once_per_state(client, world):
    login(client, world.a.user)
    first = download(client, world.a.client)
    assert download(client, world.a.client) == first
    assert AgreementDocument.objects.count() == 1
    colleague = f.ClientUserFactory(client=world.a.client, accept_terms=False)
    services.terms_accept(user=colleague, version=services.terms_current(), language="ru")
    text = pdf_text(download(client, world.a.client))
    assert colleague.full_name in text
    assert AgreementDocument.objects.count() == 2


def test_a_client_nobody_accepted_for_gets_the_current_offer(world):
    fresh = f.ClientFactory(language="en")
    document = services.agreement_get_or_render(client=fresh)
    assert document.version.number == 1
    with document.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Not yet accepted in the portal" in text
    assert fresh.name in text


def test_the_clients_own_download_is_not_logged_the_firms_is(client, world):
    login(client, world.a.user)
    download(client, world.a.client)
    assert not AccessLogEntry.objects.exists()
    login(client, world.a.lead)
    download(client, world.a.client)
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.client, entry.kind, entry.action) == (
        world.a.lead,
        world.a.client,
        "agreement",
        "download",
    )


def test_another_clients_agreement_is_404_for_users_and_lawyers(client, world):
    outsider = f.SpecialistFactory()
    for user in (world.b.user, world.b.lead, outsider):
        login(client, user)
        assert client.get(url(world.a.client)).status_code == 404
        assert client.get(reverse("clients:agreement_pdf", kwargs={"client_pk": 999_999})).status_code == 404
    assert not AgreementDocument.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_a_partner_downloads_any_agreement(client, world):
    login(client, world.partner)
    download(client, world.b.client)
    assert AccessLogEntry.objects.get().user == world.partner


def test_the_api_serves_the_same_pdf_scoped_the_same_way(world):
    api = APIClient()
    api.force_authenticate(world.a.user)
    response = api.get(f"/api/clients/{world.a.client.pk}/agreement/")
    assert response.status_code == 200
    assert pdf_text(b"".join(response.streaming_content)).count("ООО «Альфа»") >= 1
    other = api.get(f"/api/clients/{world.b.client.pk}/agreement/")
    assert other.status_code == 404
    assert other.json()["error"]["code"] == "not_found"


@pytest.mark.django_db(transaction=True)
def test_an_acceptance_has_the_worker_render_the_agreement_ahead_of_its_download(celery_worker):
    version = services.terms_current() or f.TermsVersionFactory()  # a transactional test may start from a flushed db
    user = f.ClientUserFactory(accept_terms=False)
    services.terms_accept(user=user, version=version, language="ru")
    wait_for(lambda: AgreementDocument.objects.filter(client=user.client).exists())
    document = AgreementDocument.objects.get(client=user.client)
    assert services.agreement_get_or_render(client=user.client) == document  # the download finds it ready
