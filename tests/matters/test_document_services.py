"""The documents register (rule 6): who records a paper and its return, once; and what the register shows."""

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, HeldDocument
from matters.selectors import documents as sel
from matters.services.documents import held_document_record, held_document_return
from tests import factories as f
from tests.factories_deliverables import HeldDocumentFactory
from tests.factories_disclosures import DisclosureFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def record(side, by=None, **kwargs):
    fields = {
        "title": "Устав ООО «Альфа»",
        "form": "copy",
        "pages": 14,
        "received_from": "Петров И. Н.",
        "location": "Шкаф 2, папка дела",
        "matter": side.matter,
    }
    return held_document_record(by=by or side.lead, client=side.client, **(fields | kwargs))


def test_the_lead_records_a_paper_received_from_the_client(world):
    doc = record(world.a)
    assert (doc.form, doc.pages, doc.recorded_by, doc.is_held) == ("copy", 14, world.a.lead, True)
    event = TimelineEvent.objects.get(kind="document")
    assert event.client_visible and "certified copy" in event.search_text and "Петров И. Н." in event.search_text


def test_a_paper_not_tied_to_a_matter_has_no_timeline_line(world):
    doc = record(world.a, matter=None)
    assert doc.matter is None
    assert not TimelineEvent.objects.filter(kind="document").exists()


@pytest.mark.parametrize(
    "fields, bad",
    [
        ({"title": " "}, "title"),
        ({"received_from": ""}, "received_from"),
        ({"location": ""}, "location"),
        ({"form": "scroll"}, "form"),
        ({"pages": 0}, "pages"),
        ({"received_at": timezone.now() + dt.timedelta(days=1)}, "received_at"),
    ],
)
def test_bad_input_is_refused(world, fields, bad):
    with pytest.raises(ValidationError) as error:
        record(world.a, **fields)
    assert bad in error.value.fields
    assert not HeldDocument.objects.exists()


def test_the_matter_must_be_the_clients(world):
    with pytest.raises(ValidationError):
        held_document_record(
            by=world.partner, client=world.a.client, title="T", received_from="X", location="Y", matter=world.b.matter
        )


def test_who_keeps_the_register(world):
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    assert record(world.a, by=world.secretary).recorded_by == world.secretary
    assert record(world.a, by=world.partner).recorded_by == world.partner
    assert record(world.a, by=world.a.specialist, matter=None).recorded_by == world.a.specialist
    with pytest.raises(NotPermitted):
        record(world.a, by=world.a.user)
    for outsider in (world.b.lead, world.b.user, f.SecretaryFactory(), f.SpecialistFactory()):
        with pytest.raises(NotFound):
            record(world.a, by=outsider)


def test_a_document_is_returned_once(world):
    doc = record(world.a)
    returned = held_document_return(document=doc, by=world.a.specialist, returned_to="Петров И. Н.")
    assert returned.returned_by == world.a.specialist and returned.returned_to == "Петров И. Н."
    assert not returned.is_held
    with pytest.raises(InvalidState):
        held_document_return(document=doc, by=world.a.lead, returned_to="Иванов")
    assert TimelineEvent.objects.filter(kind="document", summary__contains="returned").count() == 1


def test_a_return_needs_a_person_and_a_sensible_time(world):
    doc = record(world.a, received_at=timezone.now() - dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        held_document_return(document=doc, by=world.a.lead, returned_to=" ")
    with pytest.raises(ValidationError):
        held_document_return(
            document=doc, by=world.a.lead, returned_to="X", returned_at=timezone.now() - dt.timedelta(days=3)
        )
    with pytest.raises(ValidationError):
        held_document_return(
            document=doc, by=world.a.lead, returned_to="X", returned_at=timezone.now() + dt.timedelta(hours=1)
        )
    doc.refresh_from_db()
    assert doc.is_held


def test_the_client_and_outsiders_cannot_return(world):
    doc = record(world.a)
    with pytest.raises(NotPermitted):
        held_document_return(document=doc, by=world.a.user, returned_to="me")
    for outsider in (world.b.user, world.b.lead, world.secretary):
        with pytest.raises(NotFound):
            held_document_return(document=doc, by=outsider, returned_to="me")


def test_the_register_shows_what_is_held_and_what_is_missing(world):
    held = HeldDocumentFactory(client=world.a.client, matter=world.a.matter)
    back = HeldDocumentFactory(client=world.a.client, returned_at=timezone.now(), returned_to="Петров")
    HeldDocumentFactory(client=world.b.client)
    DisclosureFactory(matter=world.a.matter, missing_documents="Акт сверки за 2025 год — у бухгалтера контрагента.")
    DisclosureFactory(matter=world.b.matter, missing_documents="Чужое")
    assert set(sel.held_documents(user=world.a.user, client=world.a.client)) == {held, back}
    assert list(sel.held_documents(user=world.a.user, client=world.a.client, held=True)) == [held]
    assert list(sel.held_documents(user=world.a.user, client=world.a.client, held=False)) == [back]
    [missing] = sel.missing_documents(user=world.a.user, client=world.a.client)
    assert missing["matter__number"] == world.a.matter.number and "Акт сверки" in missing["missing_documents"]


def test_the_register_of_a_client_opens_only_to_its_people(world):
    assert sel.register_client_get(user=world.a.user, pk=world.a.client.pk) == world.a.client
    assert sel.register_client_get(user=world.a.specialist, pk=world.a.client.pk) == world.a.client
    assert sel.register_client_get(user=world.partner, pk=world.a.client.pk) == world.a.client
    for outsider in (world.b.user, world.b.lead, world.secretary, f.SpecialistFactory()):
        with pytest.raises(NotFound):
            sel.register_client_get(user=outsider, pk=world.a.client.pk)
