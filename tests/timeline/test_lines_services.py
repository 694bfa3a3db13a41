"""The lines that the services of intake, disclosures, powers, specialists and subcontracting write.

Each change writes exactly one line (one per covered matter for a power of attorney), client-visible
as designed, in the reader's language, and never with the words of a confidential disclosure.
"""

import pytest
from django.db import transaction
from django.utils import translation

from clients.services import disclosures, intake, powers
from matters.models import Matter
from matters.services import specialists, subcontracting
from tests import factories as f
from tests import factories_intake as fi
from tests.factories_powers import PowerFactory, ProfileFactory, SubcontractFactory, pdf_scan
from timeline.models import TimelineEvent
from timeline.services import bilingual, in_languages, timeline_record, timeline_text

pytestmark = pytest.mark.django_db


def new_lines(matter, since=0):
    return list(TimelineEvent.objects.filter(matter=matter, pk__gt=since).order_by("id"))


def last_id():
    return TimelineEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


# --- timeline_record and the reader's language -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_timeline_record_refuses_to_write_outside_a_transaction():
    matter = f.MatterFactory()
    with pytest.raises(RuntimeError):
        timeline_record(matter=matter, kind="matter", summary="x")
    assert not TimelineEvent.objects.exists()


def test_a_value_in_both_languages_is_shown_in_the_readers_one(world):
    stage = type("S", (), {"name_ru": "Апелляция", "name_en": "Appeal"})()
    with transaction.atomic():
        event = timeline_record(
            matter=world.a.matter,
            kind=TimelineEvent.Kind.STAGE,
            summary="Stage: %(new)s",
            params={"new": bilingual(stage), "when": in_languages(lambda: translation.get_language())},
        )
    assert event.params["new"] == {"ru": "Апелляция", "en": "Appeal"}
    assert event.params["when"] == {"ru": "ru", "en": "en"}
    with translation.override("en"):
        assert timeline_text(event) == "Stage: Appeal"
    with translation.override("ru"):
        assert timeline_text(event) == "Стадия: Апелляция"
    assert "Appeal" in event.search_text and "Апелляция" in event.search_text


def test_a_line_with_a_broken_summary_still_reads(world):
    with transaction.atomic():
        event = timeline_record(matter=world.a.matter, kind="matter", summary="Odd %(missing)s line")
    assert timeline_text(event) == "Odd %(missing)s line"


# --- intake ----------------------------------------------------------------------------------------


def test_a_matter_opened_at_intake_starts_its_timeline_with_one_client_visible_line():
    partner, lead = f.PartnerFactory(), f.LeadFactory()
    done = intake.intake_new_client(
        by=partner,
        client=fi.requisites("ООО «Новый»", inn=fi.inn10()),
        title="Сопровождение сделки",
        lead=lead,
        parties=[],
    )
    [line] = new_lines(done.matter)
    assert line.kind == TimelineEvent.Kind.MATTER and line.client_visible and line.actor == partner
    assert timeline_text(line) == f"Matter {done.matter.number} «Сопровождение сделки» was opened"
    assert (line.ref_type, line.ref_id) == ("matter", done.matter.pk)


# --- disclosures (rule 4): that it happened, never what was written ------------------------------


def test_saving_the_disclosure_writes_one_line_without_its_contents(world):
    since = last_id()
    disclosures.disclosure_save(
        matter=world.a.matter, by=world.a.user, answers={"doubts": "Бухгалтер подделал акт сверки"}
    )
    [line] = new_lines(world.a.matter, since)
    assert line.kind == TimelineEvent.Kind.DISCLOSURE and line.client_visible and line.actor == world.a.user
    assert timeline_text(line) == "The client updated the disclosure questionnaire (revision 1)"
    assert "подделал" not in line.search_text and line.detail == ""
    # the same answers again change nothing: no line
    disclosures.disclosure_save(
        matter=world.a.matter, by=world.a.user, answers={"doubts": "Бухгалтер подделал акт сверки"}
    )
    assert len(new_lines(world.a.matter, since)) == 1
    disclosures.disclosure_save(matter=world.a.matter, by=world.a.user, answers={"doubts": "Иначе"})
    assert timeline_text(new_lines(world.a.matter, since)[-1]).endswith("(revision 2)")


def test_a_follow_up_question_and_its_answer_write_a_line_each_without_their_words(world):
    since = last_id()
    question = disclosures.disclosure_question_ask(
        matter=world.a.matter, by=world.a.lead, question="Кто подписывал акт сверки?"
    )
    disclosures.disclosure_question_answer(question=question, by=world.a.user, answer="Главный бухгалтер Смирнова")
    asked, answered = new_lines(world.a.matter, since)
    assert timeline_text(asked) == f"{world.a.lead.full_name} asked the client a follow-up question on the disclosure"
    assert timeline_text(answered) == "The client answered a follow-up question on the disclosure"
    assert asked.client_visible and answered.client_visible
    assert answered.actor == world.a.user
    for line in (asked, answered):
        assert "акт сверки" not in line.search_text and "Смирнова" not in line.search_text


# --- powers of attorney (rule 5) -----------------------------------------------------------------


def test_signing_a_power_for_named_matters_writes_to_each_of_them_only(world):
    second = f.MatterFactory(client=world.a.client, lead=world.a.lead)
    untouched = f.MatterFactory(client=world.a.client, lead=world.a.lead)
    poa = PowerFactory(
        client=world.a.client, status="sent", specialists=[world.a.lead], matters=[world.a.matter, second]
    )
    since = last_id()
    powers.poa_mark_signed(poa=poa, by=world.a.user, scan=pdf_scan())
    for matter in (world.a.matter, second):
        [line] = new_lines(matter, since)
        assert line.kind == TimelineEvent.Kind.POWER and line.client_visible
        assert timeline_text(line) == f"Power of attorney {poa.number} was signed"
        assert (line.ref_type, line.ref_id) == ("powerofattorney", poa.pk)
    assert new_lines(untouched, since) == []
    assert new_lines(world.b.matter, since) == []


def test_a_general_power_writes_to_every_open_matter_of_the_client(world):
    second = f.MatterFactory(client=world.a.client, lead=world.a.lead)
    closed = f.MatterFactory(client=world.a.client, lead=world.a.lead, status=Matter.Status.CLOSED)
    poa = PowerFactory(client=world.a.client, specialists=[world.a.lead])
    since = last_id()
    powers.poa_revoke(poa=poa, by=world.a.user, reason="Сменили представителя")
    for matter in (world.a.matter, second):
        [line] = new_lines(matter, since)
        assert timeline_text(line) == f"Power of attorney {poa.number} was revoked by {world.a.user.full_name}"
        assert line.detail == "Сменили представителя"
    assert new_lines(closed, since) == []
    assert new_lines(world.b.matter, since) == []


def test_a_general_power_of_a_client_with_many_matters_writes_a_bounded_number_of_lines(world, settings):
    for _ in range(powers.TIMELINE_MATTERS_MAX + 3):
        f.MatterFactory(client=world.a.client, lead=world.a.lead)
    poa = PowerFactory(client=world.a.client, status="sent", specialists=[world.a.lead])
    since = last_id()
    powers.poa_mark_signed(poa=poa, by=world.a.lead, scan=pdf_scan())
    assert TimelineEvent.objects.filter(pk__gt=since).count() == powers.TIMELINE_MATTERS_MAX


# --- specialists (rule 12) and subcontracting (rule 11) -------------------------------------------


@pytest.mark.parametrize("grant", [True, False])
def test_answering_a_request_for_a_specialist_writes_one_line(world, grant):
    ProfileFactory(user=world.b.specialist)
    request = specialists.specialist_request_create(
        matter=world.a.matter, by=world.a.user, specialist=world.b.specialist
    )
    since = last_id()
    specialists.specialist_request_answer(
        request=request, by=world.partner, grant=grant, reason="" if grant else "Занят"
    )
    [line] = new_lines(world.a.matter, since)
    verb = "granted" if grant else "refused"
    assert timeline_text(line) == f"The request for {world.b.specialist.full_name} was {verb}"
    assert line.client_visible and line.actor == world.partner and line.kind == TimelineEvent.Kind.MATTER
    assert line.detail == ("" if grant else "Занят")


def test_each_step_of_subcontracting_writes_one_client_visible_line(world):
    since = last_id()
    item = subcontracting.subcontract_propose(
        matter=world.a.matter,
        by=world.a.lead,
        kind="lawyer",
        contractor="Адвокат Кузнецов П. А.",
        scope="заседание в Москве",
        reason="дешевле командировки",
    )
    subcontracting.subcontract_answer(subcontract=item, by=world.a.user, consent=True)
    subcontracting.subcontract_engage(subcontract=item, by=world.a.lead)
    texts = [timeline_text(line) for line in new_lines(world.a.matter, since)]
    assert texts == [
        f"{world.a.lead.full_name} proposed to involve Адвокат Кузнецов П. А.; the client's consent is needed",
        "The client consented to involving Адвокат Кузнецов П. А.",
        "Адвокат Кузнецов П. А. is engaged on the matter",
    ]
    assert all(line.client_visible for line in new_lines(world.a.matter, since))


def test_a_refused_subcontract_writes_the_refusal_with_the_reason(world):
    item = SubcontractFactory(matter=world.a.matter)
    since = last_id()
    subcontracting.subcontract_answer(subcontract=item, by=world.a.user, consent=False, reason="Справимся сами")
    [line] = new_lines(world.a.matter, since)
    assert timeline_text(line) == f"The client refused to involve {item.contractor}"
    assert line.detail == "Справимся сами"


def test_the_task_services_write_their_lines_in_the_readers_language(world):
    from matters.services import task_accept

    since = last_id()
    task_accept(task=world.a.task, by=world.a.lead)
    [line] = new_lines(world.a.matter, since)
    with translation.override("en"):
        assert timeline_text(line) == f"Task {world.a.task.number} was accepted by {world.a.lead.full_name}"
