"""The inbox's API: the list (paginated, `unread` filter), read marks, preferences; 404 for others' notices."""

import pytest
from django.utils import timezone

from notices import kinds
from notices.models import Notice, NoticePreference
from tests import factories as f
from tests.conftest import api_for, api_queries, assert_404, assert_error


def _notice(user, subject="S", **fields):
    fields.setdefault("status", Notice.Status.SENT)
    return Notice.objects.create(
        recipient=user, to_email=user.email, kind="task_answered", subject=subject, body_text="B", **fields
    )


@pytest.mark.django_db
def test_the_list_is_the_callers_own_newest_first_and_filters_unread(django_assert_num_queries):
    user = f.ClientUserFactory()
    old = _notice(user, subject="old", read_at=timezone.now(), link="/tasks/")
    new = _notice(user, subject="new", status=Notice.Status.IN_PORTAL)
    _notice(user, status=Notice.Status.SCHEDULED)
    _notice(f.ClientUserFactory())
    api = api_for(user)
    with django_assert_num_queries(api_queries(1, client_user=True)):
        body = api.get("/api/inbox/").json()
    assert [n["id"] for n in body["results"]] == [new.pk, old.pk]
    first = body["results"][0]
    assert set(first) == {"id", "kind", "subject", "text", "link", "at", "read_at", "by_email"}
    assert (first["read_at"], first["by_email"]) == (None, False)
    assert body["results"][1]["link"] == "/tasks/"
    assert [n["id"] for n in api.get("/api/inbox/?unread=true").json()["results"]] == [new.pk]
    assert [n["id"] for n in api.get("/api/inbox/?unread=false").json()["results"]] == [old.pk]
    assert_error(api.get("/api/inbox/?unread=maybe"), 400, "invalid", fields=["unread"])


@pytest.mark.django_db
def test_the_list_pages_by_cursor():
    user = f.ClientUserFactory()
    for i in range(3):
        _notice(user, subject=f"n{i}")
    api = api_for(user)
    first = api.get("/api/inbox/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1


@pytest.mark.django_db
def test_read_one_and_all_and_another_users_notice_is_404():
    user = f.ClientUserFactory()
    mine, other = _notice(user), _notice(user)
    foreign = _notice(f.ClientUserFactory())
    api = api_for(user)
    response = api.post(f"/api/inbox/{mine.pk}/read/")
    assert response.status_code == 200 and response.json()["read_at"]
    assert_404(api.post(f"/api/inbox/{foreign.pk}/read/"))
    assert_404(api.post("/api/inbox/2000000000/read/"))
    assert api.post("/api/inbox/read-all/").json() == {"marked": 1}
    other.refresh_from_db()
    foreign.refresh_from_db()
    assert other.read_at and foreign.read_at is None


@pytest.mark.django_db
def test_preferences_read_and_change():
    user = f.SpecialistFactory()
    api = api_for(user)
    rows = {row["kind"]: row for row in api.get("/api/inbox/preferences/").json()}
    assert set(rows) == set(kinds.KINDS)
    assert rows[kinds.APPEARANCE] | {"label": None} == {
        "kind": kinds.APPEARANCE, "label": None, "email": True, "mandatory": True,
    }  # fmt: skip

    response = api.put("/api/inbox/preferences/", {"email": {"task_answered": False}}, format="json")
    assert response.status_code == 200
    assert next(r for r in response.json() if r["kind"] == "task_answered")["email"] is False
    assert NoticePreference.objects.filter(user=user, kind="task_answered", email=False).exists()

    refused = api.put("/api/inbox/preferences/", {"email": {kinds.DEADLINE: False}}, format="json")
    assert_error(refused, 400, "invalid")
    assert_error(api.put("/api/inbox/preferences/", {"email": {"nope": False}}, format="json"), 400, "invalid")
    assert_error(api.put("/api/inbox/preferences/", {"email": "yes"}, format="json"), 400, "invalid", ["email"])
    assert NoticePreference.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_anonymous_callers_are_refused(client):
    assert client.get("/api/inbox/").status_code in (401, 403)
