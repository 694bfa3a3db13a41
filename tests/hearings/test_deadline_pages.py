"""Deadlines through the pages: the compute preview before saving (with and without JavaScript), the
detail with its arithmetic, done and cancel, the matter's section, the dashboard, and the client's read-only view."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hearings.models import Deadline
from notices.models import Notice
from tests.conftest import login
from tests.factories_deadlines import DeadlineFactory

pytestmark = pytest.mark.django_db


def new_url(world):
    return reverse("hearings:deadline_new", args=[world.a.matter.pk])


def form_data(world, **extra):
    data = {
        "title": "Апелляционная жалоба",
        "responsible": world.a.specialist.pk,
        "rule": "apk_appeal",
        "trigger_date": "2026-01-15",
        "amount": "",
        "due_on": "",
        "notes": "",
    }
    data.update(extra)
    return data


def test_compute_shows_the_date_and_the_arithmetic_and_saves_nothing(client, world):
    login(client, world.a.lead)
    response = client.post(new_url(world), {**form_data(world, title=""), "compute": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="computed-due-on">16 Feb 2026<' in page
    assert "+ 1 month (APC RF Art. 114(3)) = 15 Feb 2026" in page
    assert "15 Feb 2026 is a non-working day: Sunday → next working day 16 Feb 2026 (APC RF Art. 114(4))" in page
    assert "This day has already passed" in page  # 2026-02-16 is behind the machine's today
    assert "Say what is due" not in page  # the empty title is only refused on saving
    assert 'value="Апелляционная жалоба"' not in page and 'value="2026-01-15"' in page
    assert not Deadline.objects.exists()


def test_compute_explains_a_bad_rule_input(client, world):
    login(client, world.a.lead)
    page = client.post(new_url(world), {**form_data(world, rule="custom_days", trigger_date=""), "compute": "1"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Give the date the period is counted from." in text and "Give the length of the period" in text


def test_the_compute_fragment_for_the_script(client, world):
    login(client, world.a.specialist)
    url = reverse("hearings:deadline_compute")
    page = client.get(url, {"rule": "gpk_appeal", "trigger_date": "2025-12-03"}).content.decode()
    assert "12 Jan 2026" in page and "New Year Holidays" in page and "<html" not in page
    assert "Choose a rule" in client.get(url).content.decode()
    assert "Choose a rule from the list." in client.get(url, {"rule": "zzz", "trigger_date": "x"}).content.decode()


def test_saving_a_computed_deadline_then_its_page(client, world):
    login(client, world.a.lead)
    trigger = timezone.localdate() + dt.timedelta(days=2)
    response = client.post(new_url(world), {**form_data(world, trigger_date=trigger.isoformat()), "save": "1"})
    deadline = Deadline.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "hearings:deadline_detail", args=[deadline.pk]
    )
    assert deadline.rule == "apk_appeal" and deadline.responsible == world.a.specialist
    page = client.get(response["Location"]).content.decode()
    assert "Arbitration: appeal against a decision (1 month) — APC RF Art. 259(1)" in page
    assert 'id="deadline-steps"' in page and "(APC RF Art. 114(3))" in page
    assert "The deadline is set; reminders are scheduled." in page
    assert Notice.objects.filter(group=f"deadline:{deadline.pk}", status="scheduled").count() == 4


def test_saving_a_past_deadline_warns(client, world):
    login(client, world.a.lead)
    response = client.post(new_url(world), {**form_data(world), "save": "1"}, follow=True)
    assert "The last day, 16 Feb 2026, has already passed." in response.content.decode()


def test_a_typed_deadline_and_bad_input(client, world):
    login(client, world.a.lead)
    bad = client.post(new_url(world), {**form_data(world, rule="", trigger_date="", title=""), "save": "1"})
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "This field is required." in text or "Say what is due" in text
    bad = client.post(new_url(world), {**form_data(world, rule="", trigger_date=""), "save": "1"})
    assert bad.status_code == 400 and "Give the last day, or choose a rule" in bad.content.decode()
    due = (timezone.localdate() + dt.timedelta(days=9)).isoformat()
    ok = client.post(new_url(world), {**form_data(world, rule="", trigger_date="", due_on=due), "save": "1"})
    assert ok.status_code == 302 and Deadline.objects.get().explanation == []


def test_the_responsible_is_chosen_among_the_matters_lawyers(client, world):
    login(client, world.a.lead)
    page = client.get(new_url(world)).content.decode()
    assert world.a.specialist.full_name in page and world.b.lead.full_name not in page
    response = client.post(new_url(world), {**form_data(world, responsible=world.b.lead.pk), "save": "1"})
    assert response.status_code == 400 and not Deadline.objects.exists()


def test_edit_moves_the_deadline(client, world):
    deadline = DeadlineFactory(matter=world.a.matter, responsible=world.a.specialist)
    login(client, world.a.lead)
    url = reverse("hearings:deadline_edit", args=[deadline.pk])
    page = client.get(url).content.decode()
    assert 'value="' + deadline.title + '"' in page
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = client.post(url, {**form_data(world, rule="", trigger_date="", due_on=due, title="Отзыв"), "save": "1"})
    deadline.refresh_from_db()
    assert response.status_code == 302 and deadline.title == "Отзыв" and deadline.sequence == 1


def test_done_and_cancel_buttons(client, world):
    one, two = DeadlineFactory(matter=world.a.matter), DeadlineFactory(matter=world.a.matter)
    login(client, world.a.specialist)
    page = client.get(reverse("hearings:deadline_detail", args=[one.pk])).content.decode()
    assert 'id="deadline-done"' in page and 'id="deadline-cancel"' in page
    client.post(reverse("hearings:deadline_done", args=[one.pk]))
    client.post(reverse("hearings:deadline_cancel", args=[two.pk]))
    one.refresh_from_db(), two.refresh_from_db()
    assert (one.status, two.status) == ("done", "cancelled")
    again = client.post(reverse("hearings:deadline_done", args=[one.pk]), follow=True).content.decode()
    assert "already done or cancelled" in again and 'id="deadline-done"' not in again
    edit = client.get(reverse("hearings:deadline_edit", args=[one.pk]))
    assert edit.status_code == 302


def test_the_matter_page_lists_its_deadlines(client, world):
    DeadlineFactory(matter=world.a.matter, title="Кассационная жалоба")
    DeadlineFactory(matter=world.b.matter, title="Чужой срок")
    login(client, world.a.lead)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "Deadlines" in page and "Кассационная жалоба" in page and "Чужой срок" not in page
    assert 'id="add-deadline"' in page


def test_the_matter_page_runs_the_same_queries_with_more_deadlines(client, world, django_assert_max_num_queries):
    login(client, world.a.lead)
    url = reverse("matters:matter_detail", args=[world.a.matter.pk])
    DeadlineFactory(matter=world.a.matter)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    DeadlineFactory.create_batch(5, matter=world.a.matter, responsible=world.a.specialist)
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == len(one)


def test_the_client_reads_deadlines_but_changes_nothing(client, world):
    deadline = DeadlineFactory(matter=world.a.matter, title="Апелляционная жалоба")
    login(client, world.a.user)
    matter_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "Апелляционная жалоба" in matter_page and 'id="add-deadline"' not in matter_page
    page = client.get(reverse("hearings:deadline_detail", args=[deadline.pk])).content.decode()
    assert "Апелляционная жалоба" in page and 'id="deadline-done"' not in page
    assert client.get(new_url(world)).status_code == 403
    assert client.post(reverse("hearings:deadline_done", args=[deadline.pk])).status_code == 302
    deadline.refresh_from_db()
    assert deadline.status == "open"
    assert client.get(reverse("hearings:deadline_edit", args=[deadline.pk])).status_code == 403


def test_the_lawyers_dashboard_shows_a_fortnight_of_own_deadlines(client, world):
    today = timezone.localdate()
    DeadlineFactory(matter=world.a.matter, responsible=world.a.specialist, title="Мой срок", due_on=today)
    DeadlineFactory(
        matter=world.a.matter, responsible=world.a.specialist, title="Просрочен", due_on=today - dt.timedelta(days=1)
    )
    DeadlineFactory(
        matter=world.a.matter, responsible=world.a.specialist, title="Далеко", due_on=today + dt.timedelta(days=15)
    )
    DeadlineFactory(matter=world.a.matter, responsible=world.a.lead, title="Срок ведущего")
    DeadlineFactory(matter=world.a.matter, responsible=world.a.specialist, title="Сделан", status="done")
    login(client, world.a.specialist)
    page = client.get(reverse("home")).content.decode()
    assert 'id="my-deadlines"' in page and "Мой срок" in page and "Просрочен" in page
    assert "Далеко" not in page and "Срок ведущего" not in page and "Сделан" not in page
    login(client, world.a.user)
    assert 'id="my-deadlines"' not in client.get(reverse("home")).content.decode()


def test_editing_a_computed_deadline_shows_its_arithmetic(client, world):
    from hearings.services.deadlines import deadline_add

    deadline = deadline_add(
        matter=world.a.matter,
        by=world.a.lead,
        title="Частная жалоба",
        responsible=world.a.specialist,
        rule="custom_workdays",
        amount=10,
        trigger_date=dt.date(2025, 10, 27),
    )
    login(client, world.a.lead)
    page = client.get(reverse("hearings:deadline_edit", args=[deadline.pk])).content.decode()
    assert 'id="computed-due-on">11 Nov 2025<' in page and "Non-working days passed over: 5" in page
    assert '<option value="custom_workdays" selected>' in page and 'name="amount" value="10"' in page
