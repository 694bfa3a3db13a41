"""Intake at the service level: new clients and matters open only through a clear or cleared check."""

import pytest

from clients.models import Client, ConflictCheck, ConflictDecision, Intake, IntakeParty, Party, PartyRole
from clients.services import intake as services
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, Matter
from notices.models import Notice
from tests import factories as f
from tests import factories_intake as fi

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return f.PartnerFactory()


@pytest.fixture
def lead():
    return f.LeadFactory()


def notices(kind):
    return {n.recipient for n in Notice.objects.filter(kind=kind)}


def blocked_new_client(by, lead, *, title="Взыскание долга с ООО «Вектор»"):
    """An existing client Альфа with Вектор as its opponent; Вектор now asks the firm for a matter."""
    existing = fi.organisation("ООО «Альфа»")
    matter = fi.matter_with(existing, "ООО «Вектор»")
    intake = services.intake_new_client(
        by=by,
        client=fi.requisites("ООО «Вектор»", inn=fi.inn10()),
        title=title,
        lead=lead,
        parties=[{"name": "ООО «Гамма»", "role": "opponent", "inn": fi.inn10()}],
    )
    assert intake.status == Intake.Status.BLOCKED
    return intake, existing, matter


# --- opening --------------------------------------------------------------------------------------


def test_a_clear_new_client_opens_with_its_matter_and_parties(partner, lead):
    inn = fi.inn10()
    intake = services.intake_new_client(
        by=partner,
        client=fi.requisites("ООО «Новый»", inn=f" {inn[:5]} {inn[5:]} ", email="office@new.test"),
        title="Сопровождение сделки",
        description="Покупка склада",
        lead=lead,
        parties=[
            {"name": "ООО «Продавец»", "role": "co_party"},
            {"name": "Сидоров Пётр Николаевич", "role": "related", "kind": "person", "note": "директор"},
            {"name": "", "inn": "", "ogrn": ""},  # a spare row
        ],
    )
    assert intake.status == Intake.Status.OPENED and intake.closed_at is not None
    client = Client.objects.get(pk=intake.client_id)
    assert (client.status, client.inn, client.search_key) == (Client.Status.ACTIVE, inn, "novi")
    matter = intake.matter
    assert matter.title == "Сопровождение сделки" and matter.client == client
    assert Assignment.objects.get(matter=matter, is_lead=True).user == lead
    parties = {p.name: p for p in Party.objects.filter(matter=matter)}
    assert set(parties) == {"ООО «Продавец»", "Сидоров Пётр Николаевич"}
    director = parties["Сидоров Пётр Николаевич"]
    assert (director.role, director.kind, director.note, director.search_key, director.created_by) == (
        PartyRole.RELATED,
        "person",
        "директор",
        "nikolaevich petr sidorov",
        partner,
    )
    assert intake.checks.get().outcome == ConflictCheck.Outcome.CLEAR


def test_a_new_client_without_a_matter_opens_the_client_only(partner):
    intake = services.intake_new_client(by=partner, client=fi.requisites())
    assert (intake.status, intake.matter) == (Intake.Status.OPENED, None)
    assert not Matter.objects.filter(client_id=intake.client_id).exists()


def test_a_secretary_takes_in_a_client_and_the_lead_opens_the_matter(lead):
    secretary = f.SecretaryFactory()
    intake = services.intake_new_client(by=secretary, client=fi.requisites(), title="Спор", lead=lead)
    assert intake.status == Intake.Status.OPENED
    assert intake.matter.assignments.get(is_lead=True).user == lead


@pytest.mark.parametrize("factory", [f.SpecialistFactory, f.ClientUserFactory])
def test_only_the_front_desk_takes_in_new_work(factory, lead):
    with pytest.raises(NotPermitted):
        services.intake_new_client(by=factory(), client=fi.requisites(), title="Спор", lead=lead)
    assert not Intake.objects.exists()


def test_a_new_matter_for_an_existing_client_opens_when_clear(partner, lead):
    client = fi.organisation("ООО «Альфа»")
    client_user = f.ClientUserFactory(client=client)
    intake = services.intake_new_matter(
        by=partner, client=client, title="Второе дело", lead=lead, parties=[{"name": "ООО «Бета»"}]
    )
    assert intake.status == Intake.Status.OPENED
    assert intake.checks.get().purpose == ConflictCheck.Purpose.NEW_MATTER
    assert Party.objects.get(matter=intake.matter).name == "ООО «Бета»"
    assert notices("matter_opened") == {client_user}


def test_a_new_matter_needs_an_active_client(partner, lead):
    client = fi.organisation("ООО «Альфа»", status=Client.Status.REFUSED)
    with pytest.raises(InvalidState):
        services.intake_new_matter(by=partner, client=client, title="Дело", lead=lead)


def test_a_lead_cannot_take_a_new_matter_for_a_client_it_does_not_see(lead):
    with pytest.raises(NotFound):
        services.intake_new_matter(by=lead, client=fi.organisation("ООО «Чужой»"), title="Дело", lead=lead)


# --- bad input: a message per field, nothing created ---------------------------------------------------


def test_bad_requisites_are_named_field_by_field_and_nothing_is_created(partner, lead):
    before = (Client.objects.count(), Intake.objects.count(), ConflictCheck.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.intake_new_client(
            by=partner,
            client=fi.requisites(
                "ООО «Ошибка»",
                inn=fi.bad_check_digit(fi.inn10()),
                ogrn="12345",
                bik="044525225",
                account="40702810000000000001",
            ),
            title="Дело без ведущего",
            parties=[{"name": "", "inn": "7707083893"}, {"name": "ООО «Б»", "inn": "77O7083893"}],
        )
    fields = refused.value.fields
    assert {"inn", "ogrn", "account", "lead", "parties"} <= set(fields)
    assert "check digit" in str(fields["inn"][0]).lower() or "control" in str(fields["inn"][0]).lower()
    assert any("Party 1: give its name" in str(m) for m in fields["parties"])
    assert any(str(m).startswith("Party 2:") for m in fields["parties"])
    assert (Client.objects.count(), Intake.objects.count(), ConflictCheck.objects.count()) == before


@pytest.mark.parametrize(
    ("client", "field"),
    [
        ({"kind": "alien", "name": "X"}, "kind"),
        ({"kind": "person", "name": "   "}, "name"),
        ({"kind": "person", "name": "Иванов Иван", "kpp": "770701001"}, "kpp"),
        ({"kind": "organisation", "name": "ООО «А»", "passport": "4508 123456"}, "passport"),
        ({"kind": "organisation", "name": "ООО «А»", "inn": fi.inn12(7)}, "inn"),
        ({"kind": "organisation", "name": "Я" * 501}, "name"),
        ({"kind": "organisation", "name": "ООО «А»", "language": "de"}, "language"),
    ],
)
def test_each_bad_requisite_names_its_field(partner, client, field):
    with pytest.raises(ValidationError) as refused:
        services.intake_new_client(by=partner, client=client)
    assert field in refused.value.fields
    assert not Client.objects.filter(name=client["name"]).exists()


def test_a_lead_without_a_title_or_a_title_without_a_lead_is_refused(partner, lead):
    with pytest.raises(ValidationError) as no_lead:
        services.intake_new_client(by=partner, client=fi.requisites(), title="Дело")
    assert set(no_lead.value.fields) == {"lead"}
    with pytest.raises(ValidationError) as no_title:
        services.intake_new_client(by=partner, client=fi.requisites(), lead=lead)
    assert set(no_title.value.fields) == {"title"}


def test_a_specialist_cannot_lead_a_new_matter(partner):
    with pytest.raises(ValidationError) as refused:
        services.intake_new_client(by=partner, client=fi.requisites(), title="Дело", lead=f.SpecialistFactory())
    assert "lead" in refused.value.fields


def test_more_than_thirty_parties_are_refused(partner, lead):
    with pytest.raises(ValidationError) as refused:
        services.intake_new_client(
            by=partner,
            client=fi.requisites(),
            title="Дело",
            lead=lead,
            parties=[{"name": f"ООО «Фирма {n}»"} for n in range(31)],
        )
    assert "At most 30" in str(refused.value.fields["parties"][0])


# --- blocked, then decided ----------------------------------------------------------------------------


def test_a_blocked_intake_tells_the_partners_and_opens_nothing(partner, lead):
    other_partner = f.PartnerFactory()
    secretary = f.SecretaryFactory()
    intake, _existing, _matter = blocked_new_client(secretary, lead)
    assert notices("intake_blocked") == {partner, other_partner}
    assert intake.matter is None
    assert not Party.objects.filter(name="ООО «Гамма»").exists()
    assert IntakeParty.objects.get(intake=intake).name == "ООО «Гамма»"


def test_a_partner_clears_a_false_hit_and_the_client_and_matter_open_with_their_parties(partner, lead):
    intake, _existing, _matter = blocked_new_client(f.SecretaryFactory(), lead)
    check = intake.checks.get()
    decided = services.intake_decide(intake=intake, by=partner, clear=True, reason="Другой «Вектор»: иной ИНН.")
    assert decided.status == Intake.Status.OPENED
    assert Client.objects.get(pk=intake.client_id).status == Client.Status.ACTIVE
    assert decided.matter.title == "Взыскание долга с ООО «Вектор»"
    assert Party.objects.get(matter=decided.matter).name == "ООО «Гамма»"
    decision = ConflictDecision.objects.get(conflict_check=check)
    assert (decision.decision, decision.decided_by, decision.reason) == (
        ConflictDecision.Decision.CLEARED,
        partner,
        "Другой «Вектор»: иной ИНН.",
    )
    assert not Notice.objects.filter(kind="conflict_declined").exists()


def test_a_partner_declines_and_only_the_existing_clients_people_are_told(partner, lead):
    existing = fi.organisation("ООО «Альфа»")
    matter = fi.matter_with(existing, "Кузнецов Андрей Викторович")
    alpha_users = {f.ClientUserFactory(client=existing), f.ClientUserFactory(client=existing)}
    f.ClientUserFactory(client=existing, is_active=False)
    newcomer = fi.person("Кузнецов Андрей Викторович")  # already a client for another matter
    newcomer_user = f.ClientUserFactory(client=newcomer)
    intake = services.intake_request_matter(
        client_user=newcomer_user, title="Иск к ООО «Альфа»", description="Долг", parties=[{"name": "Alfa LLC"}]
    )
    services.intake_process(intake=intake, by=f.SecretaryFactory(), lead=lead)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.BLOCKED
    hits = {(h.matched_role, h.client_id, h.matter_id) for h in intake.checks.get().hits.all()}
    assert hits == {("client", existing.pk, None)}

    services.intake_decide(intake=intake, by=partner, clear=False, reason="Альфа — наш клиент.")
    intake.refresh_from_db()
    assert intake.status == Intake.Status.REFUSED and intake.matter is None
    assert Client.objects.get(pk=newcomer.pk).status == Client.Status.ACTIVE  # an existing client stays one
    told = Notice.objects.filter(kind="conflict_declined")
    assert {n.recipient for n in told} == alpha_users
    assert newcomer_user not in {n.recipient for n in Notice.objects.exclude(kind="matter_requested")}
    for notice in told:  # the rule needs the fact, not the newcomer's name
        assert "Кузнецов" not in notice.body_text and "Кузнецов" not in notice.subject
    assert matter.number not in told.first().body_text  # the hit was the client itself, not one of its matters


def test_declining_a_new_client_refuses_it_and_names_the_existing_clients_matter(partner, lead):
    intake, existing, matter = blocked_new_client(partner, lead)
    alpha_user = f.ClientUserFactory(client=existing)
    services.intake_decide(intake=intake, by=partner, clear=False, reason="Противник нашего клиента.")
    assert Client.objects.get(pk=intake.client_id).status == Client.Status.REFUSED
    [notice] = Notice.objects.filter(kind="conflict_declined")
    assert notice.recipient == alpha_user
    assert matter.number in notice.body_text and "Вектор" not in notice.subject


def test_a_refused_newcomer_is_no_candidate_for_later_checks(partner, lead):
    intake, _existing, _matter = blocked_new_client(partner, lead)
    services.intake_decide(intake=intake, by=partner, clear=False, reason="Конфликт.")
    from clients.services.conflicts import conflict_check_run

    check = conflict_check_run(by=partner, parties=[{"name": "ООО «Вектор»"}])
    assert {h.matched_role for h in check.hits.all()} == {"opponent"}  # the party, not the refused client


@pytest.mark.parametrize("factory", [f.LeadFactory, f.SecretaryFactory])
def test_only_a_partner_decides(factory, lead):
    intake, *_ = blocked_new_client(f.PartnerFactory(), lead)
    with pytest.raises(NotPermitted):
        services.intake_decide(intake=intake, by=factory(), clear=True, reason="Нет конфликта")
    intake.refresh_from_db()
    assert intake.status == Intake.Status.BLOCKED and not ConflictDecision.objects.exists()


def test_a_decision_needs_a_reason_and_is_taken_once(partner, lead):
    intake, *_ = blocked_new_client(partner, lead)
    with pytest.raises(ValidationError) as refused:
        services.intake_decide(intake=intake, by=partner, clear=True, reason="   ")
    assert "reason" in refused.value.fields
    services.intake_decide(intake=intake, by=partner, clear=True, reason="Другое лицо")
    with pytest.raises(InvalidState):
        services.intake_decide(intake=intake, by=partner, clear=False, reason="Передумал")
    assert ConflictDecision.objects.count() == 1


def test_checks_and_decisions_have_no_update_path():
    """Evidence: the services create checks, hits and decisions and never change or delete them."""
    import inspect
    import re

    from clients.services import conflicts

    for module in (conflicts, services):
        for line in inspect.getsource(module).splitlines():
            if re.search(r"Conflict(Check|Hit|Decision)\.objects", line):
                assert re.search(r"\.(create|bulk_create|filter|get)\(", line), line
                assert not re.search(r"\.(update|delete|save)\(", line), line
            assert not re.search(r"\b(check|hit|decision)\.(save|delete)\(", line), line


# --- a client's request ------------------------------------------------------------------------------


def test_a_client_request_lands_in_intake_and_tells_partners_and_the_clients_leads(partner, lead):
    client = fi.organisation("ООО «Альфа»")
    fi.matter_with(client, lead=lead)
    other_lead = f.LeadFactory()
    client_user = f.ClientUserFactory(client=client)
    intake = services.intake_request_matter(
        client_user=client_user,
        title="Новый спор",
        description="Поставщик не отгрузил товар",
        parties=[{"name": "ООО «Поставщик»", "inn": fi.inn10()}],
    )
    assert (intake.status, intake.kind, intake.requested_by, intake.lead) == (
        Intake.Status.REQUESTED,
        Intake.Kind.NEW_MATTER,
        client_user,
        None,
    )
    assert notices("matter_requested") == {partner, lead}
    assert other_lead not in notices("matter_requested")


def test_a_client_request_needs_a_title_and_a_description():
    with pytest.raises(ValidationError) as refused:
        services.intake_request_matter(client_user=f.ClientUserFactory(), title=" ", description="")
    assert set(refused.value.fields) == {"title", "description"}


def test_only_a_client_user_requests_a_matter(partner):
    with pytest.raises(NotPermitted):
        services.intake_request_matter(client_user=partner, title="Дело", description="Описание")


def test_processing_a_request_runs_the_check_and_opens_the_matter(lead):
    client_user = f.ClientUserFactory()
    intake = services.intake_request_matter(
        client_user=client_user, title="Спор", description="Долг", parties=[{"name": "ООО «Бета»"}]
    )
    processed = services.intake_process(intake=intake, by=f.SecretaryFactory(), lead=lead, title="Спор о долге")
    assert processed.status == Intake.Status.OPENED
    assert processed.matter.title == "Спор о долге"
    assert notices("matter_opened") == {client_user}
    with pytest.raises(InvalidState):
        services.intake_process(intake=intake, by=lead, lead=lead)


def test_a_new_matter_with_no_other_party_is_recorded_as_checked_and_opens(partner, lead):
    client = fi.organisation("ООО «Альфа»")
    intake = services.intake_new_matter(by=partner, client=client, title="Консультация", lead=lead)
    assert intake.status == Intake.Status.OPENED
    check = intake.checks.get()
    assert (check.searched, check.outcome) == ([], ConflictCheck.Outcome.CLEAR)
