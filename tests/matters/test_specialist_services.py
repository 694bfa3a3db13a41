"""Rule 12: profiles kept by the lawyers, the client's request for a named specialist, a partner's answer."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, Matter, SpecialistProfile, SpecialistRequest
from matters.selectors.specialists import specialist_directory, specialist_get, visible_specialist_requests
from matters.services.specialists import specialist_profile_save, specialist_request_answer, specialist_request_create
from notices.models import Notice
from tests import factories as f
from tests.factories_powers import PracticeAreaFactory, ProfileFactory, png_photo

pytestmark = pytest.mark.django_db


# --- profiles --------------------------------------------------------------------------------


def test_lawyer_keeps_their_own_profile_with_areas_and_a_photo(world):
    area = PracticeAreaFactory(name_ru="Налоговые споры", name_en="Tax disputes")
    profile = specialist_profile_save(
        specialist=world.a.specialist,
        by=world.a.specialist,
        position="  Старший юрист ",
        practising_since=2012,
        is_advocate=True,
        advocate_registry_number="66/2001",
        languages="русский, English",
        practice_areas=[area],
        photo=png_photo("me.png"),
    )
    assert profile.position == "Старший юрист"
    assert list(profile.practice_areas.all()) == [area]
    assert profile.photo.name.startswith("specialists/") and profile.photo.name.endswith(".png")


def test_partner_edits_anyones_profile_but_a_colleague_cannot(world):
    specialist_profile_save(specialist=world.a.specialist, by=world.partner, position="Юрист")
    with pytest.raises(NotPermitted):
        specialist_profile_save(specialist=world.a.specialist, by=world.a.lead, position="Стажёр")
    assert SpecialistProfile.objects.get(user=world.a.specialist).position == "Юрист"


def test_profiles_are_for_lawyers_only(world):
    with pytest.raises(ValidationError):
        specialist_profile_save(specialist=world.secretary, by=world.partner, position="Секретарь")
    with pytest.raises(ValidationError):
        specialist_profile_save(specialist=world.a.user, by=world.partner)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"practising_since": 1900}, "practising_since"),
        ({"practising_since": dt.date.today().year + 1}, "practising_since"),
        ({"is_advocate": True, "advocate_registry_number": " "}, "advocate_registry_number"),
        ({"birth_date": dt.date.today() + dt.timedelta(days=1)}, "birth_date"),
    ],
)
def test_bad_profile_input_names_the_field_and_saves_nothing(world, fields, field):
    with pytest.raises(ValidationError) as error:
        specialist_profile_save(specialist=world.a.specialist, by=world.a.specialist, **fields)
    assert field in error.value.fields
    assert not SpecialistProfile.objects.filter(user=world.a.specialist).exists()


def test_advocate_status_is_checked_against_the_saved_number(world):
    specialist_profile_save(specialist=world.a.lead, by=world.a.lead, is_advocate=True, advocate_registry_number="66/1")
    specialist_profile_save(specialist=world.a.lead, by=world.a.lead, position="Партнёр")  # the number stays
    with pytest.raises(ValidationError):
        specialist_profile_save(specialist=world.a.lead, by=world.a.lead, advocate_registry_number="")


@pytest.mark.parametrize(
    "photo",
    [
        SimpleUploadedFile("photo.png", b"not an image at all"),
        SimpleUploadedFile("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_a_photo_must_be_a_real_jpeg_png_or_webp(world, photo):
    with pytest.raises(ValidationError) as error:
        specialist_profile_save(specialist=world.a.specialist, by=world.a.specialist, photo=photo)
    assert "photo" in error.value.fields


def test_removing_the_photo(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        profile = specialist_profile_save(specialist=world.a.specialist, by=world.a.specialist, photo=png_photo())
    stored = profile.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        profile = specialist_profile_save(specialist=world.a.specialist, by=world.a.specialist, photo=False)
    assert not profile.photo
    assert not profile.photo.storage.exists(stored)


def test_directory_lists_listed_active_lawyers_filtered_by_area_and_language(world):
    tax = PracticeAreaFactory(name_ru="Налоги", name_en="Tax")
    tax_lawyer = ProfileFactory(user=world.a.specialist, areas=[tax], languages="русский, Deutsch")
    ProfileFactory(user=world.a.lead, languages="русский")
    ProfileFactory(user=world.b.lead, is_listed=False)
    gone = ProfileFactory()
    gone.user.is_active = False
    gone.user.save()
    everyone = {p.user for p in specialist_directory(user=world.a.user)}
    assert everyone == {world.a.specialist, world.a.lead}
    assert [p.user for p in specialist_directory(user=world.a.user, area=tax)] == [world.a.specialist]
    assert [p.user for p in specialist_directory(user=world.a.user, language="deutsch")] == [world.a.specialist]
    assert specialist_get(user=world.b.user, pk=tax_lawyer.user_id) == tax_lawyer


def test_an_unlisted_profile_is_seen_by_its_owner_and_partners_only(world):
    hidden = ProfileFactory(user=world.b.lead, is_listed=False)
    assert specialist_get(user=world.b.lead, pk=world.b.lead.pk) == hidden
    assert specialist_get(user=world.partner, pk=world.b.lead.pk) == hidden
    for user in (world.a.user, world.a.lead, world.b.user):
        with pytest.raises(NotFound):
            specialist_get(user=user, pk=world.b.lead.pk)


# --- requests --------------------------------------------------------------------------------


@pytest.fixture
def star(world):
    """A listed lawyer not yet on A's matter."""
    return ProfileFactory(user=f.LeadFactory(), position="Партнёр по судебной практике").user


def test_client_asks_for_a_specialist_on_the_whole_matter_and_partners_are_told(world, star):
    request = specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star, note=" Прошу ")
    assert (request.status, request.event, request.note) == ("pending", "", "Прошу")
    [notice] = Notice.objects.filter(kind="specialist_requested")
    assert notice.recipient == world.partner
    assert world.a.client.name in notice.body_text
    assert f"/specialist-requests/{request.pk}/" in notice.body_text


def test_a_request_for_one_event(world):
    ProfileFactory(user=world.a.lead)
    request = specialist_request_create(
        matter=world.a.matter, by=world.a.user, specialist=world.a.lead, event="Заседание 12 марта"
    )
    assert request.event == "Заседание 12 марта"  # already on the team, but asked for a hearing: fine


def test_client_cannot_ask_twice_nor_for_someone_already_on_the_matter(world, star):
    ProfileFactory(user=world.a.specialist)
    specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star)
    with pytest.raises(InvalidState):
        specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star)
    with pytest.raises(ValidationError) as error:
        specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=world.a.specialist)
    assert "specialist" in error.value.fields


def test_only_listed_active_lawyers_can_be_asked_for(world, star):
    ProfileFactory(user=world.b.lead, is_listed=False)
    for person in (world.b.lead, world.secretary, world.a.user, f.SpecialistFactory()):
        with pytest.raises(ValidationError):
            specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=person)
    assert not SpecialistRequest.objects.exists()


def test_only_the_matters_client_asks(world, star):
    with pytest.raises(NotFound):
        specialist_request_create(matter=world.b.matter, by=world.a.user, specialist=star)
    with pytest.raises(NotPermitted):
        specialist_request_create(matter=world.a.matter, by=world.a.lead, specialist=star)


def test_no_request_on_a_closed_matter(world, star):
    Matter.objects.filter(pk=world.a.matter.pk).update(status=Matter.Status.CLOSED)
    world.a.matter.refresh_from_db()
    with pytest.raises(InvalidState):
        specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star)


def test_partner_grants_a_whole_matter_request_and_the_specialist_joins_the_team(world, star):
    request = specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star)
    specialist_request_answer(request=request, by=world.partner, grant=True)
    request.refresh_from_db()
    assert (request.status, request.answered_by) == ("granted", world.partner)
    assert Assignment.objects.filter(matter=world.a.matter, user=star, is_lead=False).exists()
    recipients = set(Notice.objects.filter(kind="specialist_answered").values_list("recipient", flat=True))
    assert recipients == {world.a.user.pk, star.pk}
    with pytest.raises(InvalidState):
        specialist_request_answer(request=request, by=world.partner, grant=False, reason="передумали")


def test_granting_a_request_for_one_event_does_not_change_the_team(world, star):
    request = specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star, event="Допрос")
    specialist_request_answer(request=request, by=world.partner, grant=True)
    assert not Assignment.objects.filter(matter=world.a.matter, user=star).exists()


def test_partner_refuses_with_a_reason_the_client_reads(world, star):
    request = specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star)
    with pytest.raises(ValidationError) as error:
        specialist_request_answer(request=request, by=world.partner, grant=False, reason="  ")
    assert "reason" in error.value.fields
    specialist_request_answer(request=request, by=world.partner, grant=False, reason="Занят в другом процессе")
    request.refresh_from_db()
    assert (request.status, request.refusal_reason) == ("refused", "Занят в другом процессе")
    [notice] = Notice.objects.filter(kind="specialist_answered")
    assert notice.recipient == world.a.user  # the specialist hears only of a grant
    assert "Занят в другом процессе" in notice.body_text
    assert not Assignment.objects.filter(matter=world.a.matter, user=star).exists()


@pytest.mark.parametrize("who", ["lead", "specialist", "user", "secretary"])
def test_only_a_partner_answers(world, star, who):
    request = specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star)
    by = world.secretary if who == "secretary" else getattr(world.a, who)
    with pytest.raises(NotPermitted):
        specialist_request_answer(request=request, by=by, grant=True)
    request.refresh_from_db()
    assert request.status == "pending"


def test_requests_are_seen_by_the_client_the_matters_people_and_partners(world, star):
    request = specialist_request_create(matter=world.a.matter, by=world.a.user, specialist=star)
    for user in (world.a.user, world.a.lead, world.a.specialist, world.partner):
        assert list(visible_specialist_requests(user)) == [request]
    for user in (world.b.user, world.b.lead, world.secretary, star):
        assert not visible_specialist_requests(user).exists()
