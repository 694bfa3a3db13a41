"""The outbox's rules of delivery: back-off on the row, stale claims, dead letters, scheduled reminders."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notices import jobs
from notices.models import Notice
from notices.services import (
    notice_deliver,
    notice_sweep,
    notice_to_user,
    notice_to_users,
    notices_cancel,
    notices_claim_due,
    outbox,
    retry_delay,
)
from tests import factories as f

POA = {"poa": {"pk": 1, "number": "Д-1", "valid_until": None}}
BROKEN = {"default": {"BACKEND": "tests.notices.broken_backend.BrokenBackend"}}


@pytest.fixture
def dispatched(monkeypatch):
    """The ids handed to the broker, instead of a broker."""
    ids = []
    monkeypatch.setattr(outbox, "_dispatch", lambda pk: ids.append(pk) or True)
    return ids


def _notice(user, **fields):
    return Notice.objects.create(
        recipient=user, to_email=user.email, kind="task_answered", subject="S", body_text="B", **fields
    )


def test_jobs_keep_their_registered_names():
    assert jobs.deliver.name == "notices.tasks.deliver"
    assert jobs.sweep.name == "notices.tasks.sweep"
    assert jobs.deliver.acks_late and jobs.deliver.reject_on_worker_lost


def test_back_off_doubles_and_is_capped(settings):
    settings.NOTICE_RETRY_BASE_SECONDS = 60
    settings.NOTICE_RETRY_MAX_SECONDS = 600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 5, 9)] == [60, 120, 240, 480, 600, 600]


@pytest.mark.django_db
def test_a_failed_send_waits_on_the_row_and_the_last_failure_is_a_dead_letter(settings, dispatched):
    settings.MAILERS = BROKEN
    settings.NOTICE_MAX_ATTEMPTS = 2
    settings.NOTICE_RETRY_BASE_SECONDS = 60
    notice = _notice(f.ClientUserFactory())
    with pytest.raises(ConnectionError):
        notice_deliver(notice_id=notice.pk)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Notice.Status.PENDING, 1)
    assert timedelta(seconds=55) < notice.next_attempt_at - timezone.now() <= timedelta(seconds=60)

    assert notice_sweep() == 0  # not due yet: no countdown anywhere, the row says when
    assert notice_sweep(now=timezone.now() + timedelta(seconds=61)) == 1
    assert dispatched == [notice.pk]

    with pytest.raises(ConnectionError):
        notice_deliver(notice_id=notice.pk)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.next_attempt_at) == (Notice.Status.FAILED, 2, None)
    assert "ConnectionError" in notice.last_error
    assert notice_sweep(now=timezone.now() + timedelta(days=1)) == 0  # a dead letter waits for staff


@pytest.mark.django_db
def test_the_job_records_a_failure_instead_of_retrying_through_celery(settings):
    settings.MAILERS = BROKEN
    notice = _notice(f.ClientUserFactory())
    assert jobs.deliver.run(notice.pk) is False
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING and notice.next_attempt_at is not None


@pytest.mark.django_db
def test_a_stale_claim_is_handed_out_again_and_a_worker_dying_every_time_ends_in_dead_letters(settings, dispatched):
    settings.NOTICE_STALE_CLAIM_SECONDS = 5
    settings.NOTICE_MAX_ATTEMPTS = 3
    user = f.ClientUserFactory()
    old = timezone.now() - timedelta(seconds=6)
    stale = _notice(user, status=Notice.Status.SENDING, claimed_at=old, attempts=1)
    fresh = _notice(user, status=Notice.Status.SENDING, claimed_at=timezone.now(), attempts=1)
    poison = _notice(user, status=Notice.Status.SENDING, claimed_at=old, attempts=3)

    assert notice_sweep() == 1
    assert dispatched == [stale.pk]
    for notice in (stale, fresh, poison):
        notice.refresh_from_db()
    assert stale.status == Notice.Status.PENDING
    assert fresh.status == Notice.Status.SENDING
    assert poison.status == Notice.Status.FAILED and poison.last_error


@pytest.mark.django_db
def test_the_sweep_leases_what_it_dispatched_for_the_grace_period(settings, dispatched):
    settings.NOTICE_DISPATCH_GRACE_SECONDS = 20
    lost = _notice(f.ClientUserFactory(), created_at=timezone.now() - timedelta(minutes=1))
    assert notice_sweep() == 1
    assert notice_sweep() == 0  # the broker has it; not sent again at once
    assert notice_sweep(now=timezone.now() + timedelta(seconds=21)) == 1  # it lost it after all
    assert dispatched == [lost.pk, lost.pk]


@pytest.mark.django_db
def test_a_broker_that_is_down_stops_the_sweep_early(monkeypatch):
    calls = []
    monkeypatch.setattr(outbox, "_dispatch", lambda pk: calls.append(pk) and False)
    user = f.ClientUserFactory()
    for _ in range(3):
        _notice(user, created_at=timezone.now() - timedelta(minutes=1))
    assert notice_sweep() == 0
    assert len(calls) == 1
    assert Notice.objects.filter(status=Notice.Status.PENDING).count() == 3  # nothing lost


@pytest.mark.django_db
def test_a_reminder_is_scheduled_claimed_when_due_and_written_once_per_key(dispatched):
    user = f.ClientUserFactory()
    due = timezone.now() + timedelta(days=3)
    kwargs = {
        "user": user,
        "kind": "task_answered",
        "template": "poa_sent",
        "context": POA,
        "key": "r:1",
        "due_at": due,
    }
    first = notice_to_user(**kwargs, group="hearing:1")
    assert first.status == Notice.Status.SCHEDULED
    assert notice_to_user(**kwargs) is None  # the same reason again: nothing new
    assert notices_claim_due() == []
    assert notice_sweep(now=due + timedelta(seconds=1)) == 1
    first.refresh_from_db()
    assert first.status == Notice.Status.PENDING
    assert dispatched == [first.pk]


@pytest.mark.django_db
def test_everyone_is_told_but_who_acted_and_only_what_was_written_is_returned(dispatched):
    actor, other, mute = f.ClientUserFactory(), f.ClientUserFactory(), f.ClientUserFactory(email="")
    told = notice_to_users(users=[actor, other, mute], not_to=actor, kind="poa_sent", template="poa_sent", context=POA)
    assert [n.recipient for n in told] == [other]  # the actor is skipped, the one without an address gets nothing
    everyone = notice_to_users(users=[actor, other], kind="poa_sent", template="poa_sent", context=POA)
    assert [n.recipient for n in everyone] == [actor, other]


@pytest.mark.django_db
def test_cancelling_withdraws_only_what_has_not_fallen_due(dispatched):
    user = f.ClientUserFactory()
    later = _notice(user, status=Notice.Status.SCHEDULED, group="hearing:7", due_at=timezone.now() + timedelta(days=1))
    sent = _notice(user, status=Notice.Status.SENT, group="hearing:7")
    assert notices_cancel(group="hearing:7") == 1
    later.refresh_from_db()
    sent.refresh_from_db()
    assert (later.status, sent.status) == (Notice.Status.CANCELLED, Notice.Status.SENT)


@pytest.mark.django_db
def test_delivery_sends_once_with_the_notice_header(mailoutbox):
    notice = _notice(f.ClientUserFactory())
    assert notice_deliver(notice_id=notice.pk) is True
    assert notice_deliver(notice_id=notice.pk) is False
    [message] = mailoutbox
    assert message.extra_headers["X-Portal-Notice"] == str(notice.pk)
