"""The hearing pages: schedule from the matter, the hearing page, the no-account answer link, the dashboards."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from hearings.models import Attendee, Hearing
from hearings.services import attendance
from notices.models import Notice
from tests import factories_hearings as fh
from tests.conftest import login


def _local(days=10, hour=10):
    return (timezone.localdate() + dt.timedelta(days=days)).strftime("%Y-%m-%d") + f"T{hour:02d}:00"


def _form(world, **extra):
    data = {
        "kind": "court",
        "title": "Предварительное заседание",
        "venue": "Арбитражный суд города Москвы",
        "room": "7035",
        "case_number": "А40-1/2026",
        "time_zone": "Europe/Moscow",
        "starts_at": _local(),
        "ends_at": _local(hour=11),
        "representative": world.a.lead.pk,
        "client_users": [world.a.user.pk],
        "contact_1_name": "Петров Пётр",
        "contact_1_email": "petrov@example.test",
        "contact_1_kind": "witness",
        "contact_1_language": "ru",
    }
    for i in (2, 3):
        data.update({f"contact_{i}_kind": "employee", f"contact_{i}_language": "ru"})
    data.update(extra)
    return data


def test_lead_schedules_in_the_places_zone_and_sees_the_poa_warning(client, world):
    login(client, world.a.lead)
    url = reverse("hearings:hearing_new", args=[world.a.matter.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(world), follow=True)
    assert response.status_code == 200
    hearing = Hearing.objects.get()
    # 10:00 in Moscow is 12:00 in Yekaterinburg (the firm's zone, the viewer's here).
    assert timezone.localtime(hearing.starts_at).hour == 12 and hearing.time_zone == "Europe/Moscow"
    page = response.content.decode()
    assert "no signed power of attorney" in page and "poa-warning" in page
    assert "10:00 local time of the place" in page
    assert "petrov@example.test" in page


def test_bad_input_is_shown_next_to_the_field_and_changes_nothing(client, world):
    login(client, world.a.lead)
    url = reverse("hearings:hearing_new", args=[world.a.matter.pk])
    response = client.post(url, _form(world, ends_at=_local(hour=9)))
    assert response.status_code == 400
    assert "The expected end must be after the start." in response.content.decode()
    response = client.post(url, _form(world, starts_at=_local(days=-2), ends_at=""))
    assert "The time has already passed" in response.content.decode()
    assert not Hearing.objects.exists() and not Notice.objects.exists()


def test_client_cannot_schedule_and_sees_the_page_with_its_answer(client, world):
    hearing = fh.HearingFactory(matter=world.a.matter)
    mine = fh.AttendeeFactory(hearing=hearing, user=world.a.user)
    fh.AttendeeFactory(hearing=hearing, kind="witness", user=None, email="secret@example.test")
    login(client, world.a.user)
    assert client.get(reverse("hearings:hearing_new", args=[world.a.matter.pk])).status_code == 404
    page = client.get(reverse("hearings:hearing_detail", args=[hearing.pk])).content.decode()
    assert "I will attend" in page and "secret@example.test" not in page
    answer = reverse("hearings:hearing_answer", args=[hearing.pk])
    response = client.post(answer, {"answer": "decline", "reason": ""})
    assert response.status_code == 400 and "Say why you cannot attend." in response.content.decode()
    client.post(answer, {"answer": "confirm", "reason": "", "next": "dashboard"})
    assert Attendee.objects.get(pk=mine.pk).response == "confirmed"


def test_the_link_page_changes_nothing_on_get_and_records_once_on_post(client, world):
    hearing = fh.HearingFactory(matter=world.a.matter)
    witness = fh.AttendeeFactory(hearing=hearing, kind="witness", user=None, email="w@example.test", language="en")
    url = reverse("hearings:attendance_link", args=[attendance.attendance_token(witness)])
    for _ in range(3):  # a mail scanner opens it
        response = client.get(url)
        assert response.status_code == 200 and "I will attend" in response.content.decode()
    assert Attendee.objects.get(pk=witness.pk).response == "pending"
    response = client.post(url, {"answer": "confirm", "reason": ""})
    assert response.status_code == 200 and "your answer is recorded" in response.content.decode()
    assert Attendee.objects.get(pk=witness.pk).response == "confirmed"
    again = client.post(url, {"answer": "decline", "reason": "Передумал"})
    assert again.status_code == 409 and "only once" in again.content.decode()
    assert Attendee.objects.get(pk=witness.pk).response == "confirmed"


def test_a_bad_or_void_link_is_a_clear_4xx(client, world):
    hearing = fh.HearingFactory(matter=world.a.matter)
    witness = fh.AttendeeFactory(hearing=hearing, kind="witness", user=None, email="w@example.test")
    token = attendance.attendance_token(witness)
    bad = client.get(reverse("hearings:attendance_link", args=["not-a-token"]))
    assert bad.status_code == 404 and "not valid" in bad.content.decode()
    Hearing.objects.filter(pk=hearing.pk).update(sequence=1)
    void = client.post(reverse("hearings:attendance_link", args=[token]), {"answer": "confirm"})
    assert void.status_code == 410 and "latest e-mail" in void.content.decode()
    assert Attendee.objects.get(pk=witness.pk).response == "pending"


def test_matter_page_and_dashboards_show_hearings(client, world):
    hearing = fh.HearingFactory(matter=world.a.matter, starts_at=timezone.now() + dt.timedelta(days=2))
    fh.AttendeeFactory(hearing=hearing, user=world.a.user)
    login(client, world.a.lead)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert f"matter-hearing-{hearing.pk}" in page and "1 has not answered" in page and "no power of attorney" in page
    board = client.get("/").content.decode()
    assert f"week-hearing-{hearing.pk}" in board and "unconfirmed-attendee" in board
    login(client, world.partner)
    assert f"week-hearing-{hearing.pk}" in client.get("/").content.decode()
    login(client, world.b.lead)
    assert f"week-hearing-{hearing.pk}" not in client.get("/").content.decode()
    login(client, world.a.user)
    board = client.get("/").content.decode()
    assert "Confirm your attendance" in board and f"attend-confirm-{hearing.pk}" in board
    client.post(reverse("hearings:hearing_answer", args=[hearing.pk]), {"answer": "confirm", "next": "dashboard"})
    board = client.get("/").content.decode()
    assert "Confirm your attendance" not in board and hearing.title in board  # still in "what comes next"


def test_the_dashboards_week_prints_the_time_as_the_hearing_pages_do(client, world):
    # The dashboard formats the row's time in portal.selectors.hearings (not through _when.html): same text.
    from django.template.loader import render_to_string
    from django.utils import translation

    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    moscow = fh.HearingFactory(
        matter=world.a.matter, title="В Москве", starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
    )
    Hearing.objects.filter(pk=moscow.pk).update(time_zone="Europe/Moscow")
    moscow.refresh_from_db()
    here = fh.HearingFactory(matter=world.a.matter, kind="meeting", title="", starts_at=starts + dt.timedelta(hours=3))
    login(client, world.a.lead)
    for language in ("en", "ru"):
        world.a.lead.language = language
        world.a.lead.save(update_fields=["language"])
        board = client.get("/").content.decode()
        with translation.override(language), timezone.override(timezone.get_default_timezone()):
            for hearing in (moscow, here):
                when = render_to_string("hearings/_when.html", {"hearing": hearing})
                row = board.split(f'id="week-hearing-{hearing.pk}"')[1].split("</li>")[0]
                assert when in row, (language, when, row)
                assert ("place-time" in row) == (hearing == moscow)
