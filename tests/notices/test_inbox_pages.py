"""The inbox's pages: the list, opening a notice, read marks, the header's count, the preferences."""

import pytest
from django.utils import timezone

from notices import kinds
from notices.models import Notice, NoticePreference
from tests import factories as f
from tests.conftest import login, page_queries


def _notice(user, subject="Ответ на задачу", **fields):
    fields.setdefault("kind", "task_answered")
    fields.setdefault("status", Notice.Status.SENT)
    return Notice.objects.create(recipient=user, to_email=user.email, subject=subject, body_text="Текст", **fields)


@pytest.mark.django_db
def test_the_inbox_lists_the_users_notices_with_unread_marked(client):
    user = f.ClientUserFactory(language="en")
    unread = _notice(user, subject="Unread one", link="/tasks/")
    _notice(user, subject="Read one", read_at=timezone.now())
    _notice(user, subject="Not yet", status=Notice.Status.SCHEDULED)
    _notice(f.ClientUserFactory(), subject="Someone else's")
    html = login(client, user).get("/inbox/").content.decode()
    assert "Unread one" in html and "Read one" in html
    assert "Not yet" not in html and "Someone else" not in html
    assert html.count('class="badge badge-new"') == 1
    assert f'href="/inbox/{unread.pk}/"' in html
    # the header's count, with a text label for screen readers
    assert '<span class="badge badge-count">1<span class="visually-hidden"> unread</span></span>' in html

    only_unread = client.get("/inbox/?unread=1").content.decode()
    assert "Unread one" in only_unread and "Read one" not in only_unread


@pytest.mark.django_db
def test_the_inbox_answers_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    user = f.ClientUserFactory()
    login(client, user)
    for _ in range(3):
        _notice(user)
    # the page: its list (one row more than shown) — the header's count is in page_queries
    with django_assert_num_queries(page_queries(1, client_user=True)):
        assert client.get("/inbox/").status_code == 200


@pytest.mark.django_db
def test_opening_a_notice_marks_it_read_and_leads_to_its_link(client):
    user = f.ClientUserFactory()
    notice = _notice(user, link="/tasks/")
    login(client, user)
    response = client.get(f"/inbox/{notice.pk}/")
    assert response.status_code == 302 and response["Location"] == "/tasks/"
    notice.refresh_from_db()
    assert notice.read_at is not None


@pytest.mark.django_db
def test_a_notice_without_a_portal_link_is_shown_in_the_inbox(client):
    user = f.ClientUserFactory(language="en")
    notice = _notice(user, subject="About nothing", link="https://evil.example/")
    response = login(client, user).get(f"/inbox/{notice.pk}/")
    assert response.status_code == 200
    assert "About nothing" in response.content.decode()


@pytest.mark.django_db
def test_mark_one_and_all_read(client):
    user = f.ClientUserFactory()
    first, second = _notice(user), _notice(user)
    login(client, user)
    assert client.post(f"/inbox/{first.pk}/read/").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at and not second.read_at
    response = client.post("/inbox/read-all/", follow=True)
    assert "1 notice marked read." in response.content.decode()
    assert not Notice.objects.filter(recipient=user, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_another_users_notice_is_not_found(client):
    user = f.ClientUserFactory()
    foreign = _notice(f.ClientUserFactory())
    login(client, user)
    assert client.get(f"/inbox/{foreign.pk}/").status_code == 404
    assert client.post(f"/inbox/{foreign.pk}/read/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.read_at is None


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/inbox/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_preferences_page_shows_mandatory_kinds_checked_and_disabled_and_saves_the_choice(client):
    user = f.LeadFactory(language="en")
    login(client, user)
    html = client.get("/inbox/preferences/").content.decode()
    assert f'id="email_{kinds.APPEARANCE}" name="email_{kinds.APPEARANCE}" checked disabled' in html
    assert "Always by e-mail" in html
    assert 'id="email_task_answered" name="email_task_answered" checked>' in html

    # everything ticked but "a task answered"; the mandatory ones are not even sent (disabled)
    ticked = {f"email_{code}": "on" for code in kinds.KINDS if code != "task_answered"}
    response = client.post("/inbox/preferences/", ticked, follow=True)
    assert "Your choice of e-mails is saved." in response.content.decode()
    assert list(NoticePreference.objects.filter(user=user).values_list("kind", "email")) == [("task_answered", False)]
    assert 'id="email_task_answered" name="email_task_answered">' in response.content.decode()


@pytest.mark.django_db
def test_the_preferences_page_in_russian(client):
    user = f.ClientUserFactory(language="ru")
    login(client, user)
    html = client.get("/inbox/preferences/").content.decode()
    assert '<html lang="ru">' in html and 'name="email_task_answered" checked' in html
