"""Mutual recommendations (rule 10): either side recommends, the other answers once."""

import pytest

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, Recommendation
from matters.services.recommendations import recommendation_make, recommendation_respond
from notices.models import Notice
from tests import factories as f
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def test_the_client_recommends_and_the_firm_people_on_the_matter_are_told(world):
    item = recommendation_make(matter=world.a.matter, by=world.a.user, text="Предлагаю привлечь аудитора.")
    assert (item.side, item.author, item.accepted, item.responded_at) == ("client", world.a.user, None, None)
    recipients = set(Notice.objects.filter(kind="recommendation_made").values_list("recipient_id", flat=True))
    assert recipients == {world.a.lead.pk, world.a.specialist.pk}
    event = TimelineEvent.objects.get(kind=TimelineEvent.Kind.RECOMMENDATION)
    assert event.client_visible and event.detail == "Предлагаю привлечь аудитора." and event.ref_id == item.pk


def test_a_lawyer_recommends_for_the_firm_and_the_clients_people_are_told(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    item = recommendation_make(matter=world.a.matter, by=world.a.specialist, text="Не подписывайте акт сверки.")
    assert item.side == "firm"
    recipients = set(Notice.objects.filter(kind="recommendation_made").values_list("recipient_id", flat=True))
    assert recipients == {world.a.user.pk, colleague.pk}


def test_secretaries_and_outsiders_do_not_recommend(world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    with pytest.raises(NotPermitted):
        recommendation_make(matter=world.a.matter, by=world.secretary, text="Совет")
    with pytest.raises(NotFound):
        recommendation_make(matter=world.a.matter, by=world.b.user, text="Совет")
    with pytest.raises(NotFound):
        recommendation_make(matter=world.a.matter, by=world.b.lead, text="Совет")
    with pytest.raises(ValidationError):
        recommendation_make(matter=world.a.matter, by=world.a.user, text="  ")
    assert not Recommendation.objects.exists()


def test_the_other_side_answers_once_and_the_author_is_told(world):
    item = recommendation_make(matter=world.a.matter, by=world.a.lead, text="Заключите мировое соглашение.")
    answered = recommendation_respond(recommendation=item, by=world.a.user, accepted=True, comment="Согласны.")
    assert (answered.accepted, answered.response, answered.responded_by) == (True, "Согласны.", world.a.user)
    assert Notice.objects.filter(kind="recommendation_answered", recipient=world.a.lead).count() == 1
    assert TimelineEvent.objects.filter(kind="recommendation", summary__contains="accepted").count() == 1
    colleague = f.ClientUserFactory(client=world.a.client)
    with pytest.raises(InvalidState):
        recommendation_respond(recommendation=item, by=colleague, accepted=False, comment="Нет")
    item.refresh_from_db()
    assert item.accepted is True and item.responded_by == world.a.user


def test_the_same_side_cannot_answer_its_own_recommendation(world):
    item = recommendation_make(matter=world.a.matter, by=world.a.lead, text="Совет")
    with pytest.raises(NotPermitted):
        recommendation_respond(recommendation=item, by=world.a.specialist, accepted=True)
    mine = recommendation_make(matter=world.a.matter, by=world.a.user, text="Встречный совет")
    with pytest.raises(NotPermitted):
        recommendation_respond(recommendation=mine, by=f.ClientUserFactory(client=world.a.client), accepted=True)
    with pytest.raises(NotFound):
        recommendation_respond(recommendation=mine, by=world.b.lead, accepted=True)
    recommendation_respond(recommendation=mine, by=world.a.specialist, accepted=True)


def test_not_accepting_needs_a_reason(world):
    item = recommendation_make(matter=world.a.matter, by=world.a.lead, text="Совет")
    with pytest.raises(ValidationError) as error:
        recommendation_respond(recommendation=item, by=world.a.user, accepted=False, comment=" ")
    assert "comment" in error.value.fields
    item.refresh_from_db()
    assert item.responded_at is None
    recommendation_respond(recommendation=item, by=world.a.user, accepted=False, comment="Слишком дорого")
    assert TimelineEvent.objects.filter(summary__contains="did not accept").count() == 1
