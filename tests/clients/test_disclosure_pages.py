"""Rule 4 through the pages: the client fills in and changes its questionnaire, the firm reads and asks."""

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from clients.models import Disclosure, DisclosureQuestion
from clients.services import disclosures as services
from matters.models import Assignment, Matter
from tests import factories as f
from tests.conftest import login, page_queries
from tests.factories_disclosures import DisclosureQuestionFactory

pytestmark = pytest.mark.django_db


def url(matter, name="clients:disclosure"):
    return reverse(name, kwargs={"matter_pk": matter.pk})


def form_data(**changes):
    data = dict.fromkeys(Disclosure.ANSWER_FIELDS, "")
    data.update(doubts="Контрагент мог подделать подпись.", opponent_status="ООО, в стадии ликвидации.")
    data.update(changes)
    return data


def test_the_client_sees_eight_questions_each_with_a_hint(client, world):
    login(client, world.a.user)
    page = client.get(url(world.a.matter)).content.decode()
    assert page.count("<textarea") == 8
    assert "Doubts and suspicions" in page
    assert "even if you are not sure" in page
    assert "where to get them" in page
    assert "Not filled in yet." in page
    assert "Send to the firm" in page


def test_the_client_fills_in_then_changes_the_questionnaire(client, world):
    login(client, world.a.user)
    response = client.post(url(world.a.matter), form_data())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Your answers are saved (revision 1)" in page
    assert "Контрагент мог подделать подпись." in page
    assert f"Last changed by {world.a.user.full_name}" in page and "revision 1" in page

    client.post(url(world.a.matter), form_data(doubts="Подпись подделана, есть экспертиза."))
    page = client.get(url(world.a.matter)).content.decode()
    assert "revision 2" in page
    assert "See the earlier revision" in page
    assert Disclosure.objects.get().doubts == "Подпись подделана, есть экспертиза."


def test_saving_unchanged_answers_says_so(client, world):
    login(client, world.a.user)
    client.post(url(world.a.matter), form_data())
    page = client.get(client.post(url(world.a.matter), form_data())["Location"]).content.decode()
    assert "Nothing has changed" in page


def test_an_empty_questionnaire_shows_the_error_and_saves_nothing(client, world):
    login(client, world.a.user)
    response = client.post(url(world.a.matter), form_data(doubts="", opponent_status=""))
    assert response.status_code == 400
    assert "Answer at least one question." in response.content.decode()
    assert not Disclosure.objects.exists()


def test_a_too_long_answer_is_shown_next_to_its_field(client, world):
    login(client, world.a.user)
    response = client.post(url(world.a.matter), form_data(other="x" * 20_001))
    assert response.status_code == 400
    assert "has-error" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_the_firm_reads_without_a_form_and_every_look_is_logged(client, world):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=form_data())
    login(client, world.a.specialist)
    page = client.get(url(world.a.matter), REMOTE_ADDR="203.0.113.5").content.decode()
    assert "<textarea" in page  # only the question form
    assert 'name="doubts"' not in page
    assert "Контрагент мог подделать подпись." in page
    assert "written to the access log" in page
    client.get(url(world.a.matter))
    entries = AccessLogEntry.objects.filter(user=world.a.specialist)
    assert entries.count() == 2
    assert sorted(e.ip_address for e in entries) == ["127.0.0.1", "203.0.113.5"]


def test_the_clients_own_look_is_not_logged(client, world):
    login(client, world.a.user)
    client.get(url(world.a.matter))
    client.post(url(world.a.matter), form_data())
    assert not AccessLogEntry.objects.exists()


def test_the_firm_cannot_write_the_clients_answers(client, world):
    login(client, world.a.lead)
    response = client.post(url(world.a.matter), form_data())
    assert response.status_code == 403
    assert not Disclosure.objects.exists()


def test_earlier_revisions_are_shown_to_the_firm_and_logged(client, world):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=form_data(doubts="Старый текст."))
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=form_data(doubts="Новый текст."))
    login(client, world.partner)
    page = client.get(url(world.a.matter, "clients:disclosure_revisions")).content.decode()
    assert "Старый текст." in page
    assert "Новый текст." not in page
    assert f"Revision 1: written by {world.a.user.full_name}" in page
    assert AccessLogEntry.objects.filter(user=world.partner, matter=world.a.matter).count() == 1


# --- follow-up questions ----------------------------------------------------------------------


def test_a_lawyer_asks_on_the_page_and_the_client_answers_there(client, world):
    login(client, world.a.lead)
    response = client.post(url(world.a.matter, "clients:disclosure_ask"), {"question": "Кто подписал акт?"})
    assert response.status_code == 302
    assert "waiting for the client" in client.get(url(world.a.matter)).content.decode()
    question = DisclosureQuestion.objects.get()

    login(client, world.a.user)
    page = client.get(url(world.a.matter)).content.decode()
    assert "Кто подписал акт?" in page
    assert "1 question waiting for an answer" in page
    answer_url = reverse("clients:disclosure_answer", kwargs={"matter_pk": world.a.matter.pk, "pk": question.pk})
    assert client.post(answer_url, {f"q{question.pk}-answer": "Главный бухгалтер."}).status_code == 302
    question.refresh_from_db()
    assert question.answer == "Главный бухгалтер."
    page = client.get(url(world.a.matter)).content.decode()
    assert "question waiting" not in page
    assert f"{world.a.user.full_name} answered on" in page


def test_an_empty_question_or_answer_shows_the_error(client, world):
    login(client, world.a.lead)
    response = client.post(url(world.a.matter, "clients:disclosure_ask"), {"question": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    question = DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead)
    login(client, world.a.user)
    answer_url = reverse("clients:disclosure_answer", kwargs={"matter_pk": world.a.matter.pk, "pk": question.pk})
    assert client.post(answer_url, {f"q{question.pk}-answer": ""}).status_code == 400


def test_a_second_answer_is_refused_with_a_message(client, world):
    question = DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead)
    services.disclosure_question_answer(question=question, by=world.a.user, answer="Первый.")
    login(client, world.a.user)
    answer_url = reverse("clients:disclosure_answer", kwargs={"matter_pk": world.a.matter.pk, "pk": question.pk})
    response = client.post(answer_url, {f"q{question.pk}-answer": "Второй."}, follow=True)
    assert "already been answered" in response.content.decode()
    question.refresh_from_db()
    assert question.answer == "Первый."


def test_a_closed_matter_shows_the_questionnaire_read_only(client, world):
    Matter.objects.filter(pk=world.a.matter.pk).update(status=Matter.Status.CLOSED)
    login(client, world.a.user)
    page = client.get(url(world.a.matter)).content.decode()
    assert "<textarea" not in page


# --- who may open it --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["clients:disclosure", "clients:disclosure_revisions"])
def test_another_clients_user_and_unassigned_staff_get_404(client, world, name):
    outsider = f.SpecialistFactory()
    for user in (world.b.user, world.b.lead, outsider, world.secretary):
        login(client, user)
        assert client.get(url(world.a.matter, name)).status_code == 404, user
    assert not AccessLogEntry.objects.exists()


def test_posts_to_another_clients_disclosure_are_404_and_change_nothing(client, world):
    question = DisclosureQuestionFactory(matter=world.a.matter, asked_by=world.a.lead)
    login(client, world.b.user)
    assert client.post(url(world.a.matter), form_data()).status_code == 404
    answer_url = reverse("clients:disclosure_answer", kwargs={"matter_pk": world.a.matter.pk, "pk": question.pk})
    assert client.post(answer_url, {f"q{question.pk}-answer": "x"}).status_code == 404
    # B's own matter in the URL with A's question: still 404
    crossed = reverse("clients:disclosure_answer", kwargs={"matter_pk": world.b.matter.pk, "pk": question.pk})
    assert client.post(crossed, {f"q{question.pk}-answer": "x"}).status_code == 404
    login(client, world.b.lead)
    assert client.post(url(world.a.matter, "clients:disclosure_ask"), {"question": "?"}).status_code == 404
    assert not Disclosure.objects.exists()
    question.refresh_from_db()
    assert question.answered_at is None
    assert DisclosureQuestion.objects.count() == 1


def test_an_assigned_secretary_reads_it_and_is_logged(client, world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    login(client, world.secretary)
    response = client.get(url(world.a.matter))
    assert response.status_code == 200
    assert "Ask the client" not in response.content.decode()
    assert AccessLogEntry.objects.get().user == world.secretary


def test_a_partner_reads_every_disclosure(client, world):
    login(client, world.partner)
    assert client.get(url(world.b.matter)).status_code == 200


# --- the matter page --------------------------------------------------------------------------


def test_the_matter_page_links_to_the_questionnaire_with_the_questions_to_answer(client, world):
    DisclosureQuestionFactory.create_batch(2, matter=world.a.matter, asked_by=world.a.lead)
    login(client, world.a.user)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert url(world.a.matter) in page
    assert "2 questions waiting for an answer" in page


def test_the_matter_page_hides_the_link_from_an_unassigned_secretary(client, world):
    login(client, world.secretary)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert url(world.a.matter) not in page


@pytest.mark.parametrize("count", [1, 12])
def test_the_disclosure_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    services.disclosure_save(matter=world.a.matter, by=world.a.user, answers=form_data())
    DisclosureQuestionFactory.create_batch(count, matter=world.a.matter, asked_by=world.a.lead)
    login(client, world.a.user)
    # the matter; the access check and the disclosure; the access check and the questions
    with django_assert_num_queries(page_queries(5, client_user=True)):
        response = client.get(url(world.a.matter))
    assert response.content.decode().count('class="question waiting"') == count
