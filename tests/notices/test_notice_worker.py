"""Notices go out through the real worker and broker: the outbox row is the truth."""

import pytest
from django.core import mail

from matters import services
from matters.models import TaskReceipt
from notices.models import Notice
from notices.services import notice_deliver, notice_sweep
from tests import factories as f
from tests.conftest import wait_for


@pytest.mark.django_db(transaction=True)
def test_acceptance_notice_is_delivered_by_the_worker(celery_worker, mailoutbox):
    client_user = f.ClientUserFactory(language="ru")
    lead = f.LeadFactory()
    matter = f.MatterFactory(client=client_user.client, lead=lead)
    task = f.TaskFactory(matter=matter, client=client_user.client, registered_by=client_user)

    services.task_accept(task=task, by=lead)

    notice = Notice.objects.get(kind="task_accepted")
    wait_for(lambda: Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENT).exists())
    [message] = [m for m in mailoutbox if m.to == [client_user.email]]
    assert task.number in message.subject
    assert "принята" in message.subject
    assert message.extra_headers["X-Portal-Notice"] == str(notice.pk)
    # the same change queued the receipt, rendered ahead of the client's download
    wait_for(lambda: TaskReceipt.objects.filter(task=task, state="accepted", language="ru").exists())


@pytest.mark.django_db
def test_a_notice_is_sent_once_however_often_it_is_dispatched(mailoutbox):
    user = f.ClientUserFactory()
    notice = Notice.objects.create(recipient=user, to_email=user.email, kind="k", subject="S", body_text="B")
    assert notice_deliver(notice_id=notice.pk) is True
    assert notice_deliver(notice_id=notice.pk) is False
    assert len(mailoutbox) == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Notice.Status.SENT, 1)


@pytest.mark.django_db
def test_failed_sending_leaves_the_notice_for_a_retry(settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": "tests.notices.broken_backend.BrokenBackend"}}
    user = f.ClientUserFactory()
    notice = Notice.objects.create(recipient=user, to_email=user.email, kind="k", subject="S", body_text="B")
    with pytest.raises(ConnectionError):
        notice_deliver(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING
    assert "ConnectionError" in notice.last_error


@pytest.mark.django_db(transaction=True)
def test_sweep_hands_out_again_what_the_broker_lost(celery_worker, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    user = f.ClientUserFactory()
    old = timezone.now() - timedelta(minutes=5)
    # Rows written without a dispatch: as if Redis had lost the message, or the worker had died
    # half-way through sending (a claim an hour old).
    lost = Notice.objects.create(
        recipient=user, to_email=user.email, kind="k", subject="Lost", body_text="B", created_at=old
    )
    stuck = Notice.objects.create(
        recipient=user,
        to_email=user.email,
        kind="k",
        subject="Stuck",
        body_text="B",
        created_at=old,
        status=Notice.Status.SENDING,
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    fresh = Notice.objects.create(recipient=user, to_email=user.email, kind="k", subject="Fresh", body_text="B")

    assert notice_sweep() == 2

    wait_for(lambda: Notice.objects.filter(pk__in=[lost.pk, stuck.pk], status=Notice.Status.SENT).count() == 2)
    assert sorted(m.subject for m in mailoutbox) == ["Lost", "Stuck"]
    fresh.refresh_from_db()
    assert fresh.status == Notice.Status.PENDING  # still within its grace period: the broker may yet bring it


@pytest.mark.django_db(transaction=True)
def test_allauth_mail_goes_through_the_outbox_too(celery_worker, mailoutbox, client):
    user = f.ClientUserFactory()
    client.post("/accounts/password/reset/", {"email": user.email})
    notice = wait_for(lambda: Notice.objects.filter(to_email=user.email, status=Notice.Status.SENT).first())
    assert notice.kind == "password_reset_key"
    assert any("/accounts/password/reset/key/" in m.body for m in mailoutbox)
    assert mail.outbox is mailoutbox
