"""The inbox's services and the e-mail preferences: what a user sees, read marks, IN_PORTAL, kinds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import NotFound, ValidationError
from notices import kinds
from notices.models import Notice, NoticeKindSetting, NoticePreference
from notices.selectors import inbox_list, inbox_unread_count, preferences
from notices.services import (
    notice_deliver,
    notice_preferences_set,
    notice_read,
    notice_to_user,
    notices_read_all,
    outbox,
    wants_email,
)
from tests import factories as f

POA = {"poa": {"pk": 1, "number": "Д-1", "valid_until": None}}


@pytest.fixture(autouse=True)
def _no_broker(monkeypatch):
    monkeypatch.setattr(outbox, "_dispatch", lambda pk: True)


def _notice(user, **fields):
    fields.setdefault("kind", "task_answered")
    return Notice.objects.create(recipient=user, to_email=user.email, subject="S", body_text="B", **fields)


@pytest.mark.django_db
def test_the_inbox_holds_the_users_fallen_due_notices_newest_first():
    user, other = f.ClientUserFactory(), f.ClientUserFactory()
    now = timezone.now()
    older = _notice(user, due_at=now - timedelta(hours=2), status=Notice.Status.SENT)
    newer = _notice(user, due_at=now - timedelta(hours=1), status=Notice.Status.IN_PORTAL)
    failed = _notice(user, due_at=now - timedelta(hours=3), status=Notice.Status.FAILED)
    _notice(user, due_at=now + timedelta(days=1), status=Notice.Status.SCHEDULED)
    _notice(user, due_at=now - timedelta(days=1), status=Notice.Status.CANCELLED)
    _notice(other)
    assert list(inbox_list(user=user)) == [newer, older, failed]
    assert inbox_unread_count(user=user) == 3


@pytest.mark.django_db
def test_reading_marks_one_and_all_and_another_users_notice_is_not_found():
    user, other = f.ClientUserFactory(), f.ClientUserFactory()
    first, second = _notice(user), _notice(user)
    foreign = _notice(other)

    read = notice_read(user=user, notice_id=first.pk)
    assert read.read_at is not None
    assert notice_read(user=user, notice_id=first.pk).read_at == read.read_at  # again: no change
    with pytest.raises(NotFound):
        notice_read(user=user, notice_id=foreign.pk)
    with pytest.raises(NotFound):
        notice_read(user=user, notice_id="x")
    assert list(inbox_list(user=user, unread=True)) == [second]
    assert notices_read_all(user=user) == 1
    assert inbox_unread_count(user=user) == 0
    foreign.refresh_from_db()
    assert foreign.read_at is None


@pytest.mark.django_db
def test_an_inactive_user_has_an_empty_inbox():
    user = f.ClientUserFactory()
    _notice(user)
    user.is_active = False
    assert inbox_unread_count(user=user) == 0


def test_every_kind_the_code_sends_is_registered():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    sent = set()
    for app in ("clients", "matters", "users"):
        for path in (root / app).rglob("*.py"):
            for call in re.finditer(r"notice_to_(?:user|address)\((.{0,300}?)\)", path.read_text(), re.S):
                found = re.search(r'kind="(\w+)"', call.group(1))
                if found:
                    sent.add(found.group(1))
    assert sent and not sent - set(kinds.KINDS), sent - set(kinds.KINDS)
    # the risk notices name their kind by their template
    assert {"risk_notice", "risk_reported", "risk_answered"} <= set(kinds.KINDS)


@pytest.mark.django_db
def test_the_firm_changes_schedules_and_mandatory_marks_in_its_settings():
    assert kinds.reminder_days(kinds.APPEARANCE) == (7, 1)
    assert kinds.reminder_days(kinds.DEADLINE) == (3, 1)
    assert kinds.reminder_days(kinds.POWER_EXPIRY) == (30, 7)
    assert kinds.email_mandatory(kinds.APPEARANCE) and not kinds.email_mandatory("task_answered")
    NoticeKindSetting.objects.create(kind=kinds.APPEARANCE, email_mandatory=False, reminder_days="1, 14,x, 3")
    NoticeKindSetting.objects.create(kind="task_answered", email_mandatory=True)
    assert kinds.reminder_days(kinds.APPEARANCE) == (14, 3, 1)
    assert not kinds.email_mandatory(kinds.APPEARANCE)
    assert kinds.email_mandatory("task_answered")
    assert kinds.reminder_days("no_such_kind") == ()


@pytest.mark.django_db
def test_the_firms_settings_are_read_once_while_cached(django_assert_num_queries):
    kinds.clear_cache()
    with django_assert_num_queries(1):
        for code in kinds.KINDS:
            kinds.email_mandatory(code)
            kinds.reminder_days(code)


@pytest.mark.django_db
def test_a_user_who_turned_email_off_gets_the_notice_in_the_portal_only(mailoutbox):
    user = f.ClientUserFactory()
    notice_preferences_set(user=user, email={"poa_sent": False})
    assert NoticePreference.objects.filter(user=user).count() == 1
    notice = notice_to_user(user=user, kind="poa_sent", template="poa_sent", context=POA)
    assert notice.status == Notice.Status.IN_PORTAL
    assert notice_deliver(notice_id=notice.pk) is False and not mailoutbox
    assert list(inbox_list(user=user)) == [notice]

    notice_preferences_set(user=user, email={"poa_sent": True})
    assert not NoticePreference.objects.filter(user=user).exists()  # the default is not stored
    assert notice_to_user(user=user, kind="poa_sent", template="poa_sent", context=POA).status == "pending"


@pytest.mark.django_db
def test_a_scheduled_reminder_reads_the_choice_when_it_falls_due(mailoutbox):
    user = f.ClientUserFactory()
    notice = notice_to_user(
        user=user,
        kind=kinds.POWER_EXPIRY,
        template="poa_sent",
        context=POA,
        due_at=timezone.now() + timedelta(days=7),
    )
    assert notice.status == Notice.Status.SCHEDULED
    notice_preferences_set(user=user, email={kinds.POWER_EXPIRY: False})
    Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.PENDING)
    assert notice_deliver(notice_id=notice.pk) is True
    notice.refresh_from_db()
    assert notice.status == Notice.Status.IN_PORTAL and not mailoutbox


@pytest.mark.django_db
def test_mandatory_kinds_cannot_be_turned_off_and_unknown_kinds_are_refused():
    user = f.ClientUserFactory()
    with pytest.raises(ValidationError, match="Hearing"):
        notice_preferences_set(user=user, email={kinds.APPEARANCE: False})
    with pytest.raises(ValidationError, match="no_such"):
        notice_preferences_set(user=user, email={"no_such": False})
    assert not NoticePreference.objects.exists()
    # a choice stored before the firm made the kind mandatory is ignored
    NoticePreference.objects.create(user=user, kind="task_answered", email=False)
    assert not wants_email(user, "task_answered")
    NoticeKindSetting.objects.create(kind="task_answered", email_mandatory=True)
    assert wants_email(user, "task_answered")
    row = next(r for r in preferences(user=user) if r["kind"] == "task_answered")
    assert row == {"kind": "task_answered", "label": kinds.label("task_answered"), "mandatory": True, "email": True}


@pytest.mark.django_db
def test_a_result_sent_to_a_chosen_address_ignores_the_preference():
    user = f.ClientUserFactory()
    notice_preferences_set(user=user, email={"deliverable_sent": False})
    notice = notice_to_user(
        user=user, kind="deliverable_sent", template="poa_sent", context=POA, to_email="other@example.test"
    )
    assert notice.status == Notice.Status.PENDING
