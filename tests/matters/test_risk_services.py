"""Risk notices and their acknowledgement (rules 3 and 10): warnings, acting alone, exact texts, corrections."""

import hashlib
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, RiskAcknowledgement, RiskNotice
from matters.services import risk as services
from notices.models import Notice
from tests import factories as f
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db

INSTRUCTION = "Подать иск к поставщику сегодня, без претензионного порядка."
WARNING = "Иск вернут: досудебный порядок обязателен. Срок давности истекает через месяц."


def request_from(ip="203.0.113.7", agent="Mozilla/5.0 (X11; Linux) Firefox/128.0"):
    return RequestFactory().post("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)


def recipients(kind):
    return set(Notice.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def warn(world):
    return services.risk_warn(matter=world.a.matter, by=world.a.lead, subject=INSTRUCTION, text=WARNING)


# --- the warning (rule 10) ---------------------------------------------------------------------


def test_a_lawyer_warns_and_every_user_of_the_client_is_told_at_once(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    notice = warn(world)
    assert (notice.kind, notice.status, notice.subject, notice.text) == ("warning", "open", INSTRUCTION, WARNING)
    assert recipients("risk_notice") == {world.a.user.pk, colleague.pk}
    body = Notice.objects.filter(recipient=world.a.user).get().body_text
    assert f"/risks/{notice.pk}/" in body and WARNING not in body
    event = TimelineEvent.objects.get(kind=TimelineEvent.Kind.RISK)
    assert event.client_visible and event.detail == INSTRUCTION and event.ref_id == notice.pk


def test_only_lawyers_of_the_matter_warn(world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    for user, error in ((world.secretary, NotPermitted), (world.a.user, NotPermitted), (world.b.lead, NotFound)):
        with pytest.raises(error):
            services.risk_warn(matter=world.a.matter, by=user, subject=INSTRUCTION, text=WARNING)
    services.risk_warn(matter=world.a.matter, by=world.a.specialist, subject=INSTRUCTION, text=WARNING)
    services.risk_warn(matter=world.a.matter, by=world.partner, subject=INSTRUCTION, text=WARNING)
    with pytest.raises(ValidationError) as error:
        services.risk_warn(matter=world.a.matter, by=world.a.lead, subject="", text=" ")
    assert set(error.value.fields) == {"subject", "text"}
    assert RiskNotice.objects.count() == 2


def test_the_client_withdraws_the_instruction_and_then_there_is_nothing_to_acknowledge(world):
    notice = warn(world)
    services.risk_withdraw(notice=notice, by=world.a.user)
    notice.refresh_from_db()
    assert (notice.status, notice.withdrawn_by) == ("withdrawn", world.a.user) and notice.withdrawn_at
    assert recipients("risk_answered") == {world.a.lead.pk, world.a.specialist.pk}
    assert TimelineEvent.objects.filter(summary__contains="withdrew").count() == 1
    with pytest.raises(InvalidState):
        services.risk_acknowledge(notice=notice, by=world.a.user)
    with pytest.raises(InvalidState):
        services.risk_withdraw(notice=notice, by=world.a.user)
    assert not RiskAcknowledgement.objects.exists()


def test_the_client_insists_and_the_acknowledgement_keeps_the_exact_text_its_fingerprint_and_address(world):
    notice = warn(world)
    shown = services.acknowledgement_text(notice, language=world.a.user.language)
    fingerprint = hashlib.sha256(shown.encode("utf-8")).hexdigest()
    ack = services.risk_acknowledge(notice=notice, by=world.a.user, text_sha256=fingerprint, request=request_from())
    assert ack.text == shown and ack.text_sha256 == fingerprint
    assert INSTRUCTION in ack.text and WARNING in ack.text and "insist on my instruction" in ack.text
    assert world.a.matter.number in ack.text
    assert (ack.user, ack.ip_address, ack.user_agent) == (
        world.a.user,
        "203.0.113.7",
        "Mozilla/5.0 (X11; Linux) Firefox/128.0",
    )
    notice.refresh_from_db()
    assert notice.status == "acknowledged"
    assert recipients("risk_answered") == {world.a.lead.pk, world.a.specialist.pk}
    assert TimelineEvent.objects.filter(summary="Risk acknowledged by %(name)s").get().params == {
        "name": world.a.user.full_name
    }


def test_an_acknowledgement_of_words_other_than_those_shown_is_refused(world):
    notice = warn(world)
    with pytest.raises(InvalidState):
        services.risk_acknowledge(notice=notice, by=world.a.user, text_sha256="0" * 64)
    notice.refresh_from_db()
    assert notice.status == "open" and not RiskAcknowledgement.objects.exists()


def test_only_the_clients_people_acknowledge_and_only_once(world):
    notice = warn(world)
    for user, error in ((world.a.lead, NotPermitted), (world.partner, NotPermitted), (world.b.user, NotFound)):
        with pytest.raises(error):
            services.risk_acknowledge(notice=notice, by=user)
    with pytest.raises(NotPermitted):
        services.risk_withdraw(notice=notice, by=world.a.lead)
    services.risk_acknowledge(notice=notice, by=world.a.user)
    with pytest.raises(InvalidState):
        services.risk_acknowledge(notice=notice, by=f.ClientUserFactory(client=world.a.client))
    assert RiskAcknowledgement.objects.count() == 1


# --- corrections -------------------------------------------------------------------------------


def test_a_corrected_notice_supersedes_an_open_one_whose_acknowledgement_is_then_refused(world):
    old = warn(world)
    new = services.risk_supersede(notice=old, by=world.a.lead, subject=INSTRUCTION, text=WARNING + " Уточнение.")
    old.refresh_from_db()
    assert old.status == "superseded" and old.text == WARNING  # the old text is never changed
    assert (new.supersedes, new.status, new.kind) == (old, "open", "warning")
    assert Notice.objects.filter(kind="risk_notice", recipient=world.a.user).count() == 2
    assert "corrected" in Notice.objects.filter(recipient=world.a.user).order_by("-id").first().subject
    with pytest.raises(InvalidState):
        services.risk_acknowledge(notice=old, by=world.a.user)
    with pytest.raises(InvalidState):
        services.risk_supersede(notice=old, by=world.a.lead, subject="x", text="y")
    ack = services.risk_acknowledge(notice=new, by=world.a.user)
    assert "Уточнение." in ack.text


def test_an_acknowledged_notice_cannot_be_superseded(world):
    notice = warn(world)
    services.risk_acknowledge(notice=notice, by=world.a.user)
    with pytest.raises(InvalidState):
        services.risk_supersede(notice=notice, by=world.a.lead, subject=INSTRUCTION, text="Новый текст")
    assert RiskNotice.objects.count() == 1


def test_only_a_lawyer_of_the_matter_corrects(world):
    notice = warn(world)
    for user, error in ((world.a.user, NotPermitted), (world.secretary, NotFound), (world.b.lead, NotFound)):
        with pytest.raises(error):
            services.risk_supersede(notice=notice, by=user, subject="x", text="y")
    notice.refresh_from_db()
    assert notice.status == "open"


# --- non-interference (rule 3) -----------------------------------------------------------------


def test_the_client_reports_acting_alone_the_firm_is_told_and_the_client_acknowledges(world):
    world.a.client.language = "en"
    world.a.client.save()
    notice = services.risk_record_acting_alone(
        matter=world.a.matter, by=world.a.user, subject="Signed a settlement with the supplier myself on 3 March."
    )
    assert notice.kind == "non_interference" and notice.reported_by_client and notice.created_by == world.a.user
    assert services.NON_INTERFERENCE_CLAUSE["en"] in notice.text
    assert recipients("risk_reported") == {world.a.lead.pk, world.a.specialist.pk}
    assert TimelineEvent.objects.filter(summary__contains="reported acting").count() == 1
    ack = services.risk_acknowledge(notice=notice, by=world.a.user, request=request_from())
    assert "Signed a settlement" in ack.text and services.NON_INTERFERENCE_CLAUSE["en"] in ack.text
    with pytest.raises(InvalidState):
        services.risk_withdraw(
            notice=services.risk_record_acting_alone(matter=world.a.matter, by=world.a.user, subject="Ещё раз"),
            by=world.a.user,
        )


def test_the_firm_records_that_the_client_acted_alone_in_the_clients_language(world):
    assert world.a.client.language == "ru"
    notice = services.risk_record_acting_alone(
        matter=world.a.matter,
        by=world.a.lead,
        subject="Клиент сам направил ответчику письмо с признанием долга.",
        details="Письмо может быть расценено как признание иска.",
    )
    assert not notice.reported_by_client
    assert notice.text.startswith(services.NON_INTERFERENCE_PREFACE["ru"])
    assert services.NON_INTERFERENCE_CLAUSE["ru"] in notice.text
    assert notice.text.endswith("Письмо может быть расценено как признание иска.")
    assert services.non_interference_details(notice.text) == "Письмо может быть расценено как признание иска."
    assert recipients("risk_notice") == {world.a.user.pk}
    assert TimelineEvent.objects.filter(summary__contains="recorded that the client acted").count() == 1


def test_secretaries_and_outsiders_do_not_record_acting_alone(world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    with pytest.raises(NotPermitted):
        services.risk_record_acting_alone(matter=world.a.matter, by=world.secretary, subject="x")
    with pytest.raises(NotFound):
        services.risk_record_acting_alone(matter=world.a.matter, by=world.b.user, subject="x")
    with pytest.raises(ValidationError):
        services.risk_record_acting_alone(matter=world.a.matter, by=world.a.user, subject=" ")
    assert not RiskNotice.objects.exists()


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_standard_text_is_clause_3_2_of_the_engagement_terms_word_for_word(language):
    terms = Path(settings.BASE_DIR, "clients", "terms", f"v1.{language}.html").read_text(encoding="utf-8")
    paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", terms)]
    assert services.NON_INTERFERENCE_CLAUSE[language] in paragraphs
