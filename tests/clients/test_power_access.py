"""Rules 5, 11 and 12 tested as an attacker: client A and A's lawyers reach for B's things by id. All 404."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import AccessLogEntry
from clients.models import PowerOfAttorney
from clients.services.powers import poa_draft_file
from matters.models import SpecialistRequest
from tests.conftest import login
from tests.factories_powers import PowerFactory, ProfileFactory, SubcontractFactory, pdf_scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_things(world):
    """B's signed power with a scan and a rendered draft, B's request for a specialist, B's proposal."""
    poa = PowerFactory(client=world.b.client, specialists=[world.b.lead], matters=[world.b.matter])
    poa.signed_scan.save("scan.pdf", pdf_scan(), save=True)
    poa_draft_file(poa=poa, user=world.b.user)
    star = ProfileFactory().user
    request = SpecialistRequest.objects.create(matter=world.b.matter, specialist=star, requested_by=world.b.user)
    subcontract = SubcontractFactory(matter=world.b.matter)
    return {"poa": poa, "request": request, "subcontract": subcontract}


def page_urls(world, things):
    poa, request, subcontract = things["poa"], things["request"], things["subcontract"]
    return [
        ("get", reverse("clients:power_list", args=[world.b.client.pk])),
        ("get", reverse("clients:power_new", args=[world.b.client.pk])),
        ("get", reverse("clients:power_detail", args=[poa.pk])),
        ("get", reverse("clients:power_draft_pdf", args=[poa.pk])),
        ("get", reverse("clients:power_scan", args=[poa.pk])),
        ("post", reverse("clients:power_send", args=[poa.pk])),
        ("post", reverse("clients:power_signed", args=[poa.pk])),
        ("post", reverse("clients:power_revoke", args=[poa.pk])),
        ("get", reverse("matters:specialist_request_detail", args=[request.pk])),
        ("post", reverse("matters:specialist_request_answer", args=[request.pk])),
        ("get", reverse("matters:specialist_request_new", args=[world.b.matter.pk])),
        ("get", reverse("matters:subcontract_detail", args=[subcontract.pk])),
        ("post", reverse("matters:subcontract_answer", args=[subcontract.pk])),
        ("post", reverse("matters:subcontract_engage", args=[subcontract.pk])),
        ("get", reverse("matters:subcontract_new", args=[world.b.matter.pk])),
    ]


def api_urls(world, things):
    poa, request, subcontract = things["poa"], things["request"], things["subcontract"]
    return [
        ("get", f"/api/powers-of-attorney/{poa.pk}/"),
        ("get", f"/api/powers-of-attorney/{poa.pk}/draft.pdf"),
        ("get", f"/api/powers-of-attorney/{poa.pk}/scan/"),
        ("post", f"/api/powers-of-attorney/{poa.pk}/send/"),
        ("post", f"/api/powers-of-attorney/{poa.pk}/signed/"),
        ("post", f"/api/powers-of-attorney/{poa.pk}/revoke/"),
        ("get", f"/api/powers-of-attorney/?client={world.b.client.pk}"),
        ("get", f"/api/powers-of-attorney/valid/?specialist={world.b.lead.pk}&client={world.b.client.pk}"),
        ("get", f"/api/specialist-requests/{request.pk}/"),
        ("post", f"/api/specialist-requests/{request.pk}/answer/"),
        ("post", f"/api/matters/{world.b.matter.pk}/specialist-requests/"),
        ("get", f"/api/subcontracts/{subcontract.pk}/"),
        ("post", f"/api/subcontracts/{subcontract.pk}/answer/"),
        ("post", f"/api/subcontracts/{subcontract.pk}/engage/"),
        ("get", f"/api/matters/{world.b.matter.pk}/subcontracts/"),
        ("post", f"/api/matters/{world.b.matter.pk}/subcontracts/"),
    ]


@pytest.mark.parametrize("who", ["user", "lead", "specialist"])
def test_side_a_gets_404_on_every_page_of_b(client, world, b_things, who):
    login(client, getattr(world.a, who))
    for method, url in page_urls(world, b_things):
        if who != "user" and "request-specialist" in url:
            continue  # the firm is refused that form outright (403): it is the client's
        response = getattr(client, method)(url, {"reason": "x", "decision": "consent", "scan": pdf_scan()})
        assert response.status_code == 404, (who, method, url, response.status_code)


@pytest.mark.parametrize("who", ["user", "lead", "specialist"])
def test_side_a_gets_404_on_every_api_endpoint_of_b(world, b_things, who):
    api = APIClient()
    api.force_authenticate(getattr(world.a, who))
    payloads = {"reason": "x", "consent": True, "grant": True, "specialist": world.b.lead.pk}
    for method, url in api_urls(world, b_things):
        if method == "post" and url.endswith("/signed/"):
            response = api.post(url, {"scan": pdf_scan()}, format="multipart")
        elif method == "post" and url.endswith("/subcontracts/"):
            response = api.post(url, {"kind": "lawyer", "contractor": "X", "scope": "Y", "reason": "Z"}, format="json")
        else:
            response = getattr(api, method)(url, payloads if method == "post" else None, format="json")
        assert response.status_code == 404, (who, method, url, response.content)
        assert response.json()["error"]["code"] == "not_found"


def test_nothing_of_b_changed_and_nothing_was_logged_for_a(world, b_things, client):
    login(client, world.a.specialist)
    for method, url in page_urls(world, b_things):
        getattr(client, method)(url, {"reason": "x", "decision": "consent"})
    poa = PowerOfAttorney.objects.get(pk=b_things["poa"].pk)
    assert poa.status == "signed"
    assert SpecialistRequest.objects.get().status == "pending"
    b_things["subcontract"].refresh_from_db()
    assert b_things["subcontract"].status == "proposed"
    assert not AccessLogEntry.objects.filter(user=world.a.specialist).exists()


def test_b_lists_never_show_in_a_registers(client, world, b_things):
    login(client, world.a.user)
    for url in (reverse("clients:power_list"), reverse("matters:specialist_request_list")):
        page = client.get(url).content.decode()
        assert b_things["poa"].number not in page and world.b.matter.number not in page
    login(client, world.a.lead)
    assert b_things["poa"].number not in client.get(reverse("clients:power_list")).content.decode()


def test_a_client_user_cannot_draft_a_power_even_for_itself(client, world):
    login(client, world.a.user)
    response = client.post(
        reverse("clients:power_new", args=[world.a.client.pk]),
        {"specialists": [world.a.lead.pk], "scope": "x", "issued_on": "2030-01-01", "valid_until": "2030-02-01"},
    )
    assert response.status_code == 403
    assert not PowerOfAttorney.objects.exists()


def test_anonymous_callers_are_sent_to_sign_in_or_refused(client, world, b_things):
    for method, url in page_urls(world, b_things):
        assert getattr(client, method)(url).status_code == 302, url
    response = APIClient().get("/api/powers-of-attorney/")
    assert response.status_code == 401 and response.json()["error"]["code"] == "not_authenticated"
