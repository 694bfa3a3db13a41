"""Rule 4, the services: the client writes its disclosure (revisions kept), lawyers ask, the client answers once."""

import pytest

from audit.models import AccessLogEntry
from clients.models import Disclosure, DisclosureQuestion, DisclosureRevision
from clients.services import disclosures as services
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, Matter
from matters.selectors import matter_get
from notices.models import Notice
from tests import factories as f
from tests.factories_disclosures import DisclosureQuestionFactory

pytestmark = pytest.mark.django_db


def answers(**changes):
    base = dict.fromkeys(Disclosure.ANSWER_FIELDS, "")
    base.update(doubts="Сомневаюсь в подлинности акта сверки.", missing_documents="Договор у бывшего директора.")
    base.update(changes)
    return base


def notices_to(user, kind):
    return Notice.objects.filter(recipient=user, kind=kind).count()


# --- filling in and changing ------------------------------------------------------------------


def test_client_user_fills_in_the_disclosure_and_the_matters_people_are_told(world):
    saved = services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers())
    assert saved.revision == 1
    assert saved.changed
    assert saved.doubts == "Сомневаюсь в подлинности акта сверки."
    assert saved.updated_by == world.a.user
    assert not DisclosureRevision.objects.exists()
    assert notices_to(world.a.lead, "disclosure_updated") == 1
    assert notices_to(world.a.specialist, "disclosure_updated") == 1
    assert notices_to(world.b.lead, "disclosure_updated") == 0
    assert notices_to(world.partner, "disclosure_updated") == 0


def test_the_notice_does_not_carry_the_disclosures_contents(world):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers())
    notice = Notice.objects.get(recipient=world.a.lead, kind="disclosure_updated")
    assert "акта сверки" not in notice.body_text
    assert f"/matters/{world.a.matter.pk}/disclosure/" in notice.body_text


def test_each_change_keeps_the_earlier_text_as_a_revision(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers(doubts="Первая версия."))
    services.disclosure_save(matter=world.a.matter, by=colleague, answers=answers(doubts="Вторая версия."))
    third = services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers(doubts="Третья."))
    assert third.revision == 3
    assert third.doubts == "Третья."
    revisions = list(DisclosureRevision.objects.filter(disclosure=third).order_by("revision"))
    assert [(r.revision, r.answers["doubts"], r.saved_by) for r in revisions] == [
        (1, "Первая версия.", world.a.user),
        (2, "Вторая версия.", colleague),
    ]
    assert set(revisions[0].answers) == set(Disclosure.ANSWER_FIELDS)


def test_saving_the_same_answers_again_changes_nothing(world):
    first = services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers())
    again = services.disclosure_save(
        matter=world.a.matter, by=world.a.user, answers=answers(doubts=f" {first.doubts} ")
    )
    assert not again.changed
    assert again.revision == 1
    assert not DisclosureRevision.objects.exists()
    assert notices_to(world.a.lead, "disclosure_updated") == 1


def test_a_partial_save_keeps_the_answers_not_given(world):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers())
    saved = services.disclosure_save(
        matter=world.a.matter, by=world.a.user, answers={"opponent_image": "Публичная компания."}, partial=True
    )
    assert saved.revision == 2
    assert saved.opponent_image == "Публичная компания."
    assert saved.doubts == "Сомневаюсь в подлинности акта сверки."


def test_an_empty_questionnaire_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=dict.fromkeys(["doubts"], "   "))
    assert "at least one" in str(error.value.message)
    assert not Disclosure.objects.exists()
    assert not Notice.objects.filter(kind="disclosure_updated").exists()


def test_a_too_long_answer_names_its_field_and_keeps_the_earlier_text(world):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers())
    with pytest.raises(ValidationError) as error:
        services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers(other="я" * 20_001))
    assert set(error.value.fields) == {"other"}
    disclosure = Disclosure.objects.get()
    assert disclosure.revision == 1
    assert disclosure.other == ""
    assert not DisclosureRevision.objects.exists()


@pytest.mark.parametrize("who", ["lead", "specialist", "partner", "secretary"])
def test_only_the_clients_people_fill_in_the_questionnaire(world, who):
    user = world.secretary if who == "secretary" else world.partner if who == "partner" else getattr(world.a, who)
    if who == "secretary":
        Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    with pytest.raises(NotPermitted):
        services.disclosure_save(matter=world.a.matter, by=user, answers=answers())
    assert not Disclosure.objects.exists()


def test_another_clients_user_cannot_write_into_the_disclosure(world):
    with pytest.raises(NotFound):
        services.disclosure_save(matter=world.a.matter, by=world.b.user, answers=answers())
    assert not Disclosure.objects.exists()


def test_a_closed_matters_disclosure_cannot_be_changed(world):
    Matter.objects.filter(pk=world.a.matter.pk).update(status=Matter.Status.CLOSED)
    world.a.matter.refresh_from_db()
    with pytest.raises(InvalidState):
        services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers())


# --- reading and the access log ---------------------------------------------------------------


def test_a_read_by_the_firm_is_logged_and_a_read_by_the_client_is_not(world, rf):
    disclosure = services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=answers())
    request = rf.get("/", REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="Firefox/140")
    assert services.disclosure_read(user=world.a.user, matter=world.a.matter, request=request) == disclosure
    assert not AccessLogEntry.objects.exists()
    services.disclosure_read(user=world.a.specialist, matter=world.a.matter, request=request)
    entry = AccessLogEntry.objects.get()
    assert entry.user == world.a.specialist
    assert entry.client == world.a.client
    assert entry.matter == world.a.matter
    assert entry.kind == AccessLogEntry.Kind.DISCLOSURE
    assert entry.action == AccessLogEntry.Action.VIEW
    assert entry.object_id == disclosure.pk
    assert entry.ip_address == "192.0.2.10"
    assert entry.user_agent == "Firefox/140"
    assert world.a.matter.number in entry.description


def test_reading_earlier_revisions_is_logged_too(world):
    services.disclosure_revisions(user=world.partner, matter=world.a.matter)
    assert AccessLogEntry.objects.get().user == world.partner


def test_an_unassigned_specialist_or_secretary_cannot_read_a_disclosure(world):
    outsider = f.SpecialistFactory()
    for user in (outsider, world.secretary, world.b.lead):
        with pytest.raises(NotFound):
            services.disclosure_read(user=user, matter=world.a.matter)
        with pytest.raises(NotFound):
            matter_get(user=user, pk=world.a.matter.pk, action="read")
    assert not AccessLogEntry.objects.exists()


def test_an_assigned_secretary_reads_the_disclosure(world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    services.disclosure_read(user=world.secretary, matter=world.a.matter)
    assert AccessLogEntry.objects.get().user == world.secretary


def test_the_matter_page_summary_counts_unanswered_questions_in_one_query(world, django_assert_num_queries):
    DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead)
    DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead, answer="Да.")
    answered = DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead)
    services.disclosure_question_answer(question=answered, by=world.a.user, answer="Директор.")
    with django_assert_num_queries(1):
        summary = services.disclosure_summary(user=world.a.user, matter=world.a.matter)
    assert summary == {"unanswered": 2, "filled": False}
    assert services.disclosure_summary(user=world.secretary, matter=world.a.matter) is None


# --- follow-up questions ----------------------------------------------------------------------


def test_a_lawyer_on_the_matter_asks_and_the_clients_people_are_told(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    asked = services.disclosure_question_ask(matter=world.a.matter, by=world.a.specialist, question="  Кто? ")
    assert asked.question == "Кто?"
    assert asked.asked_by == world.a.specialist
    assert notices_to(world.a.user, "disclosure_question") == 1
    assert notices_to(colleague, "disclosure_question") == 1
    assert notices_to(world.b.user, "disclosure_question") == 0


def test_a_partner_may_ask_on_any_matter(world):
    assert services.disclosure_question_ask(matter=world.b.matter, by=world.partner, question="Почему?").pk


def test_a_secretary_even_assigned_does_not_ask_and_a_client_does_not_ask_itself(world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    for user in (world.secretary, world.a.user):
        with pytest.raises(NotPermitted):
            services.disclosure_question_ask(matter=world.a.matter, by=user, question="?")
    assert not DisclosureQuestion.objects.exists()


def test_a_lawyer_of_another_matter_cannot_ask(world):
    with pytest.raises(NotFound):
        services.disclosure_question_ask(matter=world.a.matter, by=world.b.lead, question="?")


def test_an_empty_question_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.disclosure_question_ask(matter=world.a.matter, by=world.a.lead, question="  ")
    assert "question" in error.value.fields
    assert not DisclosureQuestion.objects.exists()
    assert not Notice.objects.exists()


def test_the_client_answers_once_and_the_lawyer_who_asked_is_told(world):
    question = services.disclosure_question_ask(matter=world.a.matter, by=world.a.specialist, question="Кто?")
    answered = services.disclosure_question_answer(question=question, by=world.a.user, answer=" Главбух. ")
    assert answered.answer == "Главбух."
    assert answered.answered_by == world.a.user
    assert answered.answered_at is not None
    assert notices_to(world.a.specialist, "disclosure_answer") == 1
    assert notices_to(world.a.lead, "disclosure_answer") == 0
    with pytest.raises(InvalidState):
        services.disclosure_question_answer(question=question, by=world.a.user, answer="Другой ответ.")
    question.refresh_from_db()
    assert question.answer == "Главбух."


def test_only_the_clients_own_people_answer(world):
    question = services.disclosure_question_ask(matter=world.a.matter, by=world.a.lead, question="Кто?")
    with pytest.raises(NotPermitted):
        services.disclosure_question_answer(question=question, by=world.a.lead, answer="Я.")
    with pytest.raises(NotFound):
        services.disclosure_question_answer(question=question, by=world.b.user, answer="Я.")
    question.refresh_from_db()
    assert question.answered_at is None


def test_an_empty_answer_is_refused(world):
    question = services.disclosure_question_ask(matter=world.a.matter, by=world.a.lead, question="Кто?")
    with pytest.raises(ValidationError) as error:
        services.disclosure_question_answer(question=question, by=world.a.user, answer=" ")
    assert "answer" in error.value.fields


def test_a_question_of_another_client_is_not_found(world):
    question = DisclosureQuestionFactory(matter=world.b.matter, asked_by=world.b.lead)
    with pytest.raises(NotFound):
        services.disclosure_question_get(user=world.a.user, pk=question.pk)
    with pytest.raises(NotFound):
        services.disclosure_question_get(user=world.a.lead, pk=question.pk)
    assert services.disclosure_question_get(user=world.b.user, pk=question.pk) == question
