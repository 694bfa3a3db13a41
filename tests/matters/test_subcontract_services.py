"""Rule 11: an outside lawyer only with the client's recorded consent; the firm stays responsible."""

import pytest
from django.utils import translation

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Subcontract
from matters.selectors.subcontracting import visible_subcontracts
from matters.services.subcontracting import consent_text, subcontract_answer, subcontract_engage, subcontract_propose
from notices.models import Notice
from tests import factories as f

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "kind": "lawyer",
    "contractor": "Адвокат Сидоров П. П.",
    "contractor_details": "рег. № 77/1234",
    "scope": "участие в заседании Арбитражного суда г. Москвы",
    "reason": "заседание в Москве",
}


def propose(world, by=None, matter=None, **overrides):
    return subcontract_propose(matter=matter or world.a.matter, by=by or world.a.lead, **{**PROPOSAL, **overrides})


def test_lead_proposes_and_the_clients_users_are_asked(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    item = propose(world)
    assert item.status == Subcontract.Status.PROPOSED and item.proposed_by == world.a.lead
    notices = Notice.objects.filter(kind="subcontract_proposed")
    assert {n.recipient for n in notices} == {world.a.user, colleague}
    assert all(f"/subcontracting/{item.pk}/" in n.body_text for n in notices)


def test_a_partner_may_propose_too(world):
    assert propose(world, by=world.partner).proposed_by == world.partner


@pytest.mark.parametrize("who", ["specialist", "user"])
def test_others_on_the_matter_may_not_propose(world, who):
    with pytest.raises(NotPermitted):
        propose(world, by=getattr(world.a, who))
    assert not Subcontract.objects.exists()


def test_a_lawyer_of_another_client_gets_not_found(world):
    with pytest.raises(NotFound):
        propose(world, by=world.b.lead)


@pytest.mark.parametrize(("field", "value"), [("kind", "cousin"), ("contractor", " "), ("scope", ""), ("reason", "")])
def test_a_proposal_needs_every_field(world, field, value):
    with pytest.raises(ValidationError) as error:
        propose(world, **{field: value})
    assert field in error.value.fields


def test_consent_text_says_the_firm_remains_responsible(world):
    item = propose(world)
    with translation.override("en"):
        text = consent_text(item)
    assert "Адвокат Сидоров П. П." in text and world.a.matter.number in text and PROPOSAL["scope"] in text
    assert "The Firm remains responsible" in text


def test_client_consents_and_the_exact_text_is_recorded(world):
    item = propose(world)
    with translation.override("en"):
        expected = consent_text(item)
        subcontract_answer(subcontract=item, by=world.a.user, consent=True)
    item.refresh_from_db()
    assert item.status == Subcontract.Status.CONSENTED
    assert (item.answered_by, item.consent_text) == (world.a.user, expected)
    assert Notice.objects.filter(kind="subcontract_answered", recipient=world.a.lead).exists()
    with pytest.raises(InvalidState):
        subcontract_answer(subcontract=item, by=world.a.user, consent=False)


def test_client_refuses_with_an_optional_reason(world):
    item = propose(world)
    subcontract_answer(subcontract=item, by=world.a.user, consent=False, reason=" дорого ")
    item.refresh_from_db()
    assert (item.status, item.refusal_reason, item.consent_text) == ("refused", "дорого", "")


def test_only_the_client_answers(world):
    item = propose(world)
    with pytest.raises(NotPermitted):
        subcontract_answer(subcontract=item, by=world.a.lead, consent=True)
    with pytest.raises(NotPermitted):
        subcontract_answer(subcontract=item, by=world.partner, consent=True)
    with pytest.raises(NotFound):
        subcontract_answer(subcontract=item, by=world.b.user, consent=True)
    item.refresh_from_db()
    assert item.status == Subcontract.Status.PROPOSED


def test_engaging_without_consent_is_refused_with_a_clear_message(world):
    item = propose(world)
    with pytest.raises(NotPermitted) as error:
        subcontract_engage(subcontract=item, by=world.a.lead)
    assert "has not consented" in str(error.value.message)
    assert "Адвокат Сидоров П. П." in str(error.value.message)
    subcontract_answer(subcontract=item, by=world.a.user, consent=False)
    with pytest.raises(NotPermitted):
        subcontract_engage(subcontract=item, by=world.partner)
    item.refresh_from_db()
    assert item.status == Subcontract.Status.REFUSED and item.engaged_at is None


def test_engaging_after_consent(world):
    item = propose(world)
    subcontract_answer(subcontract=item, by=world.a.user, consent=True)
    with pytest.raises(NotPermitted):
        subcontract_engage(subcontract=item, by=world.a.specialist)
    subcontract_engage(subcontract=item, by=world.a.lead)
    item.refresh_from_db()
    assert item.status == Subcontract.Status.ENGAGED and item.engaged_at
    with pytest.raises(InvalidState):
        subcontract_engage(subcontract=item, by=world.a.lead)


def test_the_database_refuses_an_engagement_without_an_answer(world):
    from django.db import IntegrityError, transaction

    item = propose(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subcontract.objects.filter(pk=item.pk).update(status=Subcontract.Status.ENGAGED)


def test_proposals_are_seen_by_the_client_the_matters_people_and_partners(world):
    item = propose(world)
    for user in (world.a.user, world.a.lead, world.a.specialist, world.partner):
        assert list(visible_subcontracts(user)) == [item]
    for user in (world.b.user, world.b.lead, world.secretary):
        assert not visible_subcontracts(user).exists()
