"""Results and deliveries, attacked: another client's ids, a guessed draft, the firm's people not on the matter."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from matters.access import visible_deliverables
from matters.models import Delivery
from matters.services import deliverables as svc
from tests import factories as f
from tests.conftest import login
from tests.factories_deliverables import DeliverableFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_things(world):
    """B's released result (with a portal delivery) and B's draft."""
    released = svc.deliverable_release(
        deliverable=DeliverableFactory(matter=world.b.matter), by=world.b.lead, channel="portal"
    )
    draft = DeliverableFactory(matter=world.b.matter)
    return released, draft


def _pages(deliverable):
    stored = deliverable.files.first()
    urls = [
        ("get", reverse("matters:deliverable_detail", args=[deliverable.pk])),
        ("get", reverse("matters:deliverable_edit", args=[deliverable.pk])),
        ("post", reverse("matters:deliverable_release", args=[deliverable.pk])),
        ("post", reverse("matters:delivery_new", args=[deliverable.pk])),
        ("get", reverse("matters:deliverable_file", args=[deliverable.pk, stored.pk])),
    ]
    for delivery in deliverable.deliveries.all():
        urls += [
            ("post", reverse("matters:delivery_confirm", args=[delivery.pk])),
            ("post", reverse("matters:delivery_delivered", args=[delivery.pk])),
        ]
    return urls


def _api(deliverable):
    stored = deliverable.files.first()
    urls = [
        ("get", f"/api/deliverables/{deliverable.pk}/"),
        ("post", f"/api/deliverables/{deliverable.pk}/release/"),
        ("post", f"/api/deliverables/{deliverable.pk}/deliveries/"),
        ("get", f"/api/deliverables/{deliverable.pk}/files/{stored.pk}/"),
    ]
    for delivery in deliverable.deliveries.all():
        urls += [
            ("post", f"/api/deliveries/{delivery.pk}/confirm/"),
            ("post", f"/api/deliveries/{delivery.pk}/delivered/"),
        ]
    return urls


def _assert_all_404(user, deliverables, matter):
    web = login(Client(), user)
    api = APIClient()
    api.force_authenticate(user)
    for deliverable in deliverables:
        for method, url in _pages(deliverable):
            assert getattr(web, method)(url).status_code == 404, url
        for method, url in _api(deliverable):
            response = (
                getattr(api, method)(url, {"channel": "portal"}, format="json") if method == "post" else api.get(url)
            )
            assert response.status_code == 404, url
            if response.get("Content-Type", "").startswith("application/json"):
                assert response.json()["error"]["code"] == "not_found"
    for url in (
        reverse("matters:deliverable_list", args=[matter.pk]),
        reverse("matters:deliverable_new", args=[matter.pk]),
    ):
        assert web.get(url).status_code == 404, url
    assert api.get(f"/api/matters/{matter.pk}/deliverables/").status_code == 404


def test_client_a_reaches_for_bs_results_and_gets_404(world, b_things):
    _assert_all_404(world.a.user, b_things, world.b.matter)
    assert not Delivery.objects.filter(confirmed_at__isnull=False).exists()


def test_bs_lawyers_and_an_unassigned_secretary_or_specialist_get_404(world, b_things):
    for outsider in (world.a.lead, world.a.specialist, world.secretary, f.SpecialistFactory()):
        _assert_all_404(outsider, b_things, world.b.matter)


def test_a_client_guessing_its_own_matters_draft_gets_404(world, client):
    draft = DeliverableFactory(matter=world.a.matter)
    login(client, world.a.user)
    assert client.get(reverse("matters:deliverable_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("matters:deliverable_file", args=[draft.pk, draft.files.get().pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(world.a.user)
    assert api.get(f"/api/deliverables/{draft.pk}/").status_code == 404
    assert api.get(f"/api/deliverables/{draft.pk}/files/{draft.files.get().pk}/").status_code == 404
    assert api.get(f"/api/matters/{world.a.matter.pk}/deliverables/").json()["results"] == []
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert draft.title not in page
    assert not visible_deliverables(world.a.user).exists()


def test_a_file_is_reached_only_through_its_own_result(world, client):
    mine = svc.deliverable_release(deliverable=DeliverableFactory(matter=world.a.matter), by=world.a.lead)
    theirs = svc.deliverable_release(deliverable=DeliverableFactory(matter=world.b.matter), by=world.b.lead)
    login(client, world.a.user)
    url = reverse("matters:deliverable_file", args=[mine.pk, theirs.files.get().pk])
    assert client.get(url).status_code == 404


def test_an_assigned_secretary_sees_the_matters_results(world, client):
    from matters.models import Assignment

    draft = DeliverableFactory(matter=world.a.matter)
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    login(client, world.secretary)
    assert client.get(reverse("matters:deliverable_detail", args=[draft.pk])).status_code == 200
    assert (
        client.post(reverse("matters:deliverable_release", args=[draft.pk]), {"channel": "portal"}).status_code == 302
    )
    draft.refresh_from_db()
    assert draft.status == "draft"  # shown the refusal, nothing released
