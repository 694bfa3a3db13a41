"""The directory, profiles and the client's request for a specialist through the pages."""

import pytest
from django.urls import reverse

from matters.models import Assignment, SpecialistProfile, SpecialistRequest
from tests import factories as f
from tests.conftest import login, page_queries
from tests.factories_powers import PracticeAreaFactory, ProfileFactory, png_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(world):
    tax = PracticeAreaFactory(name_ru="Налоговые споры", name_en="Tax disputes")
    court = PracticeAreaFactory(name_ru="Арбитраж", name_en="Commercial litigation")
    star = ProfileFactory(
        user=f.LeadFactory(full_name="Орлов Дмитрий Сергеевич"),
        position="Ведущий юрист",
        position_en="Senior associate",
        is_advocate=True,
        advocate_registry_number="66/2345",
        practising_since=2011,
        biography="Ведёт споры с застройщиками.",
        biography_en="Handles disputes with developers.",
        languages="русский, English",
        areas=[tax, court],
        photo=png_photo(),
    )
    other = ProfileFactory(user=world.a.specialist, position="Юрист", position_en="", languages="русский, Deutsch")
    ProfileFactory(user=world.b.lead, is_listed=False, position="Скрытый")
    return {"tax": tax, "court": court, "star": star, "other": other}


def test_client_reads_the_directory_in_english_with_filters(client, world, directory):
    login(client, world.a.user)
    page = client.get(reverse("matters:specialist_list")).content.decode()
    assert "Орлов Дмитрий Сергеевич" in page and world.a.specialist.full_name in page
    assert "Скрытый" not in page and world.b.lead.full_name not in page
    assert "Senior associate" in page and "Tax disputes" in page
    assert "register No. 66/2345" in page
    assert reverse("matters:specialist_photo", args=[directory["star"].user_id]) in page
    assert "Юрист" in page  # no English position written: the Russian one is shown
    taxed = client.get(reverse("matters:specialist_list"), {"area": directory["tax"].pk}).content.decode()
    assert "Орлов" in taxed and world.a.specialist.full_name not in taxed
    german = client.get(reverse("matters:specialist_list"), {"language": "Deutsch"}).content.decode()
    assert "Орлов" not in german and world.a.specialist.full_name in german
    assert client.get(reverse("matters:specialist_list"), {"area": "x"}).status_code == 200


def test_profile_page_shows_the_english_biography_and_how_to_ask(client, world, directory):
    login(client, world.a.user)
    page = client.get(reverse("matters:specialist_detail", args=[directory["star"].user_id])).content.decode()
    assert "Handles disputes with developers." in page and "застройщиками" not in page
    link = reverse("matters:specialist_request_new", args=[world.a.matter.pk])
    assert f"{link}?specialist={directory['star'].user_id}" in page
    assert world.b.matter.number not in page
    assert "id_document" not in page and "65 10 123456" not in page  # identification stays out


def test_profile_page_in_russian_shows_the_russian_biography(client, world, directory):
    world.a.user.language = "ru"
    world.a.user.save()
    login(client, world.a.user)
    page = client.get(reverse("matters:specialist_detail", args=[directory["star"].user_id])).content.decode()
    assert "Ведёт споры с застройщиками." in page


def test_photo_is_served_through_the_view_to_signed_in_users_only(client, world, directory):
    url = reverse("matters:specialist_photo", args=[directory["star"].user_id])
    assert client.get(url).status_code == 302  # to sign-in
    login(client, world.b.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(reverse("matters:specialist_photo", args=[directory["other"].user_id])).status_code == 404
    assert client.get(reverse("matters:specialist_photo", args=[world.b.lead.pk])).status_code == 404  # unlisted
    assert client.get(reverse("matters:specialist_detail", args=[world.b.lead.pk])).status_code == 404


def test_lawyer_edits_their_own_profile(client, world, directory):
    login(client, world.a.specialist)
    form = client.get(reverse("matters:profile_edit"))
    assert form.status_code == 200 and "Tax disputes" in form.content.decode()
    response = client.post(
        reverse("matters:profile_edit"),
        {
            "position": "Старший юрист",
            "position_en": "Senior associate",
            "practising_since": "2014",
            "is_advocate": "on",
            "advocate_registry_number": "66/9999",
            "practice_areas": [directory["court"].pk],
            "languages": "русский",
            "is_listed": "on",
            "photo": png_photo("new.png"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("matters:specialist_detail", args=[world.a.specialist.pk])
    profile = SpecialistProfile.objects.get(user=world.a.specialist)
    assert (profile.position, profile.advocate_registry_number) == ("Старший юрист", "66/9999")
    assert list(profile.practice_areas.all()) == [directory["court"]]
    assert profile.photo.name.endswith(".png")


def test_profile_form_shows_the_services_refusal_next_to_the_field(client, world):
    login(client, world.a.specialist)
    response = client.post(reverse("matters:profile_edit"), {"is_advocate": "on", "advocate_registry_number": ""})
    assert response.status_code == 200
    assert "number in the register is required" in response.content.decode()
    assert not SpecialistProfile.objects.filter(user=world.a.specialist).exists()


def test_only_a_partner_edits_someone_elses_profile(client, world, directory):
    url = reverse("matters:profile_edit", args=[world.a.specialist.pk])
    login(client, world.a.lead)
    assert client.get(url).status_code == 404
    login(client, world.partner)
    assert client.get(url).status_code == 200
    login(client, world.a.user)
    assert client.get(reverse("matters:profile_edit")).status_code == 403
    assert client.get(url).status_code == 404


def test_client_asks_for_a_specialist_and_the_partner_grants_it(client, world, directory):
    star = directory["star"].user
    login(client, world.a.user)
    url = reverse("matters:specialist_request_new", args=[world.a.matter.pk])
    assert "Орлов Дмитрий Сергеевич — Senior associate" in client.get(url).content.decode()
    response = client.post(url, {"specialist": star.pk, "extent": "matter", "note": "Он вёл наше прошлое дело"})
    item = SpecialistRequest.objects.get()
    assert response["Location"] == reverse("matters:specialist_request_detail", args=[item.pk])
    page = client.get(response["Location"]).content.decode()
    assert "awaiting an answer" in page and "A partner of the firm will answer" in page
    assert reverse("matters:specialist_request_answer", args=[item.pk]) not in page

    login(client, world.partner)
    listing = client.get(reverse("matters:specialist_request_list")).content.decode()
    assert world.a.matter.number in listing
    response = client.post(reverse("matters:specialist_request_answer", args=[item.pk]), {"decision": "grant"})
    assert response.status_code == 302
    assert Assignment.objects.filter(matter=world.a.matter, user=star).exists()

    login(client, world.a.user)
    matter_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert reverse("matters:specialist_detail", args=[star.pk]) in matter_page  # the team links to profiles


def test_request_for_one_event_needs_the_event_named(client, world, directory):
    login(client, world.a.user)
    url = reverse("matters:specialist_request_new", args=[world.a.matter.pk])
    response = client.post(url, {"specialist": directory["star"].user_id, "extent": "event", "event": ""})
    assert response.status_code == 200 and "Name the hearing or meeting." in response.content.decode()
    client.post(url, {"specialist": directory["star"].user_id, "extent": "event", "event": "Заседание 12 марта"})
    assert SpecialistRequest.objects.get().event == "Заседание 12 марта"


def test_partner_refuses_and_the_client_reads_the_reason(client, world, directory):
    item = SpecialistRequest.objects.create(
        matter=world.a.matter, specialist=directory["star"].user, requested_by=world.a.user
    )
    login(client, world.partner)
    url = reverse("matters:specialist_request_answer", args=[item.pk])
    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 400 and "Tell the client why" in response.content.decode()
    client.post(url, {"decision": "refuse", "reason": "В эти даты в отпуске"})
    login(client, world.a.user)
    page = client.get(reverse("matters:specialist_request_detail", args=[item.pk])).content.decode()
    assert "В эти даты в отпуске" in page and "refused" in page


def test_the_firm_cannot_file_a_clients_request(client, world, directory):
    login(client, world.a.lead)
    assert client.get(reverse("matters:specialist_request_new", args=[world.a.matter.pk])).status_code == 403


def test_specialist_cannot_answer_a_request(client, world, directory):
    item = SpecialistRequest.objects.create(
        matter=world.a.matter, specialist=directory["star"].user, requested_by=world.a.user
    )
    login(client, world.a.lead)
    page = client.get(reverse("matters:specialist_request_detail", args=[item.pk])).content.decode()
    assert reverse("matters:specialist_request_answer", args=[item.pk]) not in page
    response = client.post(reverse("matters:specialist_request_answer", args=[item.pk]), {"decision": "grant"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "pending"


@pytest.mark.parametrize("count", [1, 40])
def test_directory_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    areas = [PracticeAreaFactory(), PracticeAreaFactory()]
    for _ in range(count):
        ProfileFactory(areas=areas)
    login(client, world.a.user)
    with django_assert_num_queries(page_queries(3, client_user=True)):  # areas for the filter, profiles, their areas
        response = client.get(reverse("matters:specialist_list"))
    assert response.content.decode().count('class="card person"') == count


@pytest.mark.parametrize("count", [1, 30])
def test_request_list_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for _ in range(count):
        SpecialistRequest.objects.create(
            matter=world.a.matter, specialist=ProfileFactory().user, requested_by=world.a.user
        )
    login(client, world.partner)
    with django_assert_num_queries(page_queries(1)):
        response = client.get(reverse("matters:specialist_request_list"))
    assert response.content.decode().count("awaiting an answer") == count
