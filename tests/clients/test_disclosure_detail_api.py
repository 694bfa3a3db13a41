"""GET one follow-up question, one earlier revision of the disclosure: scoped as their lists, and
a read by the firm is written to the client's access log, as the lists do."""

import pytest

from audit.models import AccessLogEntry
from clients.services import disclosures as services
from tests.conftest import api_for, assert_404
from tests.factories_disclosures import DisclosureQuestionFactory

pytestmark = pytest.mark.django_db


def test_a_question_is_read_by_the_client_and_the_matters_lawyers(world):
    question = DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead)
    body = api_for(world.a.user).get(f"/api/disclosure-questions/{question.pk}/").json()
    assert body["id"] == question.pk
    assert body["question"] == question.question
    assert body["answer_url"] == f"/api/disclosure-questions/{question.pk}/answer/"
    assert not AccessLogEntry.objects.exists()

    assert api_for(world.a.specialist).get(f"/api/disclosure-questions/{question.pk}/").status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.client_id, entry.matter_id) == (world.a.specialist, world.a.client.pk, world.a.matter.pk)
    assert entry.kind == AccessLogEntry.Kind.DISCLOSURE


@pytest.mark.parametrize("who", ["user", "lead", "specialist"])
def test_another_clients_question_is_a_404_and_logs_nothing(world, who):
    question = DisclosureQuestionFactory(matter=world.b.matter, asked_by=world.b.lead)
    assert_404(api_for(getattr(world.a, who)).get(f"/api/disclosure-questions/{question.pk}/"))
    assert not AccessLogEntry.objects.exists()


def test_an_earlier_revision_is_read_by_its_number(world):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers={"doubts": "Первые сомнения."})
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers={"doubts": "Вторые сомнения."})
    path = f"/api/matters/{world.a.matter.pk}/disclosure/revisions/"
    listed = api_for(world.a.user).get(path).json()["results"]
    number = listed[0]["revision"]

    body = api_for(world.a.user).get(f"{path}{number}/").json()
    assert body == listed[0]
    assert_404(api_for(world.a.user).get(f"{path}999/"))

    api_for(world.a.lead).get(f"{path}{number}/")
    assert AccessLogEntry.objects.filter(user=world.a.lead, matter_id=world.a.matter.pk).count() == 1


def test_another_clients_revision_is_a_404(world):
    services.disclosure_save(matter=world.b.matter, by=world.b.user, answers={"doubts": "Сомнения."})
    services.disclosure_save(matter=world.b.matter, by=world.b.user, answers={"doubts": "Иные."})
    for user in (world.a.user, world.a.lead):
        assert_404(api_for(user).get(f"/api/matters/{world.b.matter.pk}/disclosure/revisions/1/"))
