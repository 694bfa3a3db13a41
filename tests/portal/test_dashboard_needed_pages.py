"""'Needed from you': every kind of thing that waits on the client shows up while it waits, goes when
it is done, and only for the client concerned; the client's requests for new matters with their state."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from clients.models import Intake
from matters.models import Recommendation, SpecialistRequest, Subcontract
from matters.services.documents import document_submit
from matters.services.recommendations import recommendation_respond
from matters.services.subcontracting import subcontract_answer
from portal.selectors.dashboard import NEEDED_KINDS, client_dashboard
from tests import factories as f
from tests.conftest import login
from tests.factories_deliverables import upload
from tests.factories_disclosures import DisclosureFactory
from tests.factories_messages import RecommendationFactory
from tests.factories_powers import SubcontractFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now


def needed(user, matter, kind=None):
    board = client_dashboard(user=user)
    card = next((c for c in board.matters if c.matter.pk == matter.pk), None)
    items = card.needed if card else []
    return [i for i in items if kind is None or i.kind == kind]


def test_every_kind_is_declared_for_the_api():
    assert set(NEEDED_KINDS) >= {
        "confirm",
        "risk",
        "subcontract",
        "recommendation",
        "message",
        "question",
        "specialist",
        "documents",
    }


# --- subcontracting --------------------------------------------------------------------------------


def test_an_outside_lawyer_awaiting_consent_is_needed_until_the_client_answers(client, world):
    sub = SubcontractFactory(matter=world.a.matter, contractor="Адвокат Сидоров П. П.")
    SubcontractFactory(matter=world.b.matter, contractor="Адвокат Иванов И. И.")
    [item] = needed(world.a.user, world.a.matter, "subcontract")
    assert "Адвокат Сидоров П. П." in item.text
    assert item.url == reverse("matters:subcontract_detail", args=[sub.pk])
    [other] = needed(world.b.user, world.b.matter, "subcontract")  # B's own, not A's
    assert "Иванов" in other.text
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert "Nothing is needed from you right now" not in page and "Адвокат Сидоров П. П." in page
    subcontract_answer(subcontract=sub, by=world.a.user, consent=True)
    assert needed(world.a.user, world.a.matter, "subcontract") == []


def test_a_refused_or_engaged_proposal_is_not_needed(world):
    SubcontractFactory(matter=world.a.matter, status=Subcontract.Status.REFUSED, answered_at=NOW())
    assert needed(world.a.user, world.a.matter, "subcontract") == []


# --- recommendations ---------------------------------------------------------------------------------


def test_the_firms_recommendation_is_needed_until_the_client_answers(world):
    rec = RecommendationFactory(matter=world.a.matter, author=world.a.lead, text="Не подписывайте акт")
    RecommendationFactory(matter=world.a.matter, author=world.a.user)  # the client's own: waits on the firm
    RecommendationFactory(matter=world.b.matter, author=world.b.lead)
    [item] = needed(world.a.user, world.a.matter, "recommendation")
    assert "Не подписывайте акт" in item.text
    assert item.url == reverse("matters:risks", args=[world.a.matter.pk])
    recommendation_respond(recommendation=rec, by=world.a.user, accepted=True)
    assert needed(world.a.user, world.a.matter, "recommendation") == []
    assert Recommendation.objects.filter(matter=world.b.matter).count() == 1


# --- the firm's answer to a request for a specialist -----------------------------------------------


def _answered_request(side, status=SpecialistRequest.Status.REFUSED, **fields):
    return SpecialistRequest.objects.create(
        matter=side.matter,
        specialist=side.specialist,
        requested_by=side.user,
        status=status,
        answered_by=f.PartnerFactory(),
        answered_at=NOW(),
        refusal_reason="занят в другом процессе" if status == SpecialistRequest.Status.REFUSED else "",
        **fields,
    )


def test_an_answered_request_for_a_specialist_shows_until_the_client_opens_the_matter(client, world):
    SpecialistRequest.objects.create(matter=world.a.matter, specialist=world.a.specialist, requested_by=world.a.user)
    assert needed(world.a.user, world.a.matter, "specialist") == []  # pending: waits on the firm
    request = _answered_request(world.a)
    _answered_request(world.b)
    [item] = needed(world.a.user, world.a.matter, "specialist")
    assert world.a.specialist.full_name in item.text
    assert item.url == reverse("matters:specialist_request_detail", args=[request.pk])
    login(client, world.a.user)
    client.get(reverse("matters:matter_detail", args=[world.a.matter.pk]))
    assert needed(world.a.user, world.a.matter, "specialist") == []
    assert len(needed(world.b.user, world.b.matter, "specialist")) == 1


def test_a_granted_request_says_the_specialist_will_work_on_the_matter(world):
    _answered_request(world.a, status=SpecialistRequest.Status.GRANTED)
    [item] = needed(world.a.user, world.a.matter, "specialist")
    assert "will work on your matter" in item.text


# --- documents to send -------------------------------------------------------------------------------


def test_each_requested_document_is_needed_until_the_client_sends_it(client, world):
    DisclosureFactory(matter=world.a.matter, missing_documents="- Выписка из ЕГРН\n- Договор аренды\n")
    DisclosureFactory(matter=world.b.matter, missing_documents="Устав")
    items = needed(world.a.user, world.a.matter, "documents")
    assert [i.text for i in items] == [
        "Send the firm a document: Выписка из ЕГРН",
        "Send the firm a document: Договор аренды",
    ]
    assert items[0].url == reverse("matters:matter_documents", args=[world.a.matter.pk])
    document_submit(by=world.a.user, matter=world.a.matter, requested="Выписка из ЕГРН", file=upload("egrn.pdf"))
    assert [i.text for i in needed(world.a.user, world.a.matter, "documents")] == [
        "Send the firm a document: Договор аренды"
    ]
    assert [i.text for i in needed(world.b.user, world.b.matter, "documents")] == ["Send the firm a document: Устав"]
    login(client, world.a.user)
    page = client.get(items[0].url).content.decode()
    assert "Договор аренды" in page and "egrn.pdf" in page


# --- the client's requests for new matters -------------------------------------------------------


def _request(side, status, title):
    return Intake.objects.create(
        kind=Intake.Kind.NEW_MATTER, status=status, client=side.client, requested_by=side.user, title=title
    )


def test_a_request_for_a_new_matter_stays_on_the_dashboard_without_revealing_a_conflict(client, world):
    waiting = _request(world.a, Intake.Status.REQUESTED, "Взыскать долг с ООО «Гамма»")
    blocked = _request(world.a, Intake.Status.BLOCKED, "Спор с ООО «Дельта»")
    _request(world.a, Intake.Status.OPENED, "Уже открытое дело")
    _request(world.b, Intake.Status.REQUESTED, "Чужая просьба")
    rows = client_dashboard(user=world.a.user).requests
    assert [r.intake.pk for r in rows] == [blocked.pk, waiting.pk]
    assert {r.status for r in rows} == {"requested"}
    assert rows[0].url == reverse("clients:intake_detail", args=[blocked.pk])
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert "Спор с ООО «Дельта»" in page and "Взыскать долг" in page and "Чужая просьба" not in page
    assert "The firm is considering your request" in page
    assert "partner" not in page.split('id="requests-title"')[1].split("</section>")[0].lower()
    body = APIClient()
    body.force_authenticate(world.a.user)
    data = body.get("/api/dashboard/").json()["matter_requests"]
    assert [r["id"] for r in data] == [blocked.pk, waiting.pk] and {r["status"] for r in data} == {"requested"}


def test_the_matter_list_shows_the_clients_requests_with_their_state(client, world):
    _request(world.a, Intake.Status.BLOCKED, "Спор с ООО «Дельта»")
    refused = _request(world.a, Intake.Status.REFUSED, "Отказанное дело")
    refused.closed_at = NOW() - dt.timedelta(days=1)
    refused.save()
    login(client, world.a.user)
    page = client.get(reverse("matters:matter_list")).content.decode()
    assert "Спор с ООО «Дельта»" in page and "The firm is considering your request" in page
    assert "Отказанное дело" in page and "The firm cannot take on this matter" in page
    assert world.a.matter.number in page
    login(client, world.a.lead)
    assert "Спор с ООО «Дельта»" not in client.get(reverse("matters:matter_list")).content.decode()
