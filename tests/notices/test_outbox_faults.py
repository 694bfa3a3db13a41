"""Faults, measured: the outbox against real `celery worker` processes, a Redis of its own and an SMTP
sink, with a worker killed (SIGKILL) mid-batch, Redis restarted (empty: it keeps nothing on disk)
during delivery, and a transaction that had created notices rolled back.

Over 600 committed notices (100 of them reminders scheduled a few seconds ahead, claimed by beat's
sweep) it asserts: none lost, none of the rolled-back ones sent, no inbox entry twice (the unique
key), and a second e-mail only in the window no system closes — a worker killed after the mail
server accepted and before the row was marked SENT; those are counted and printed separately.

Needs PostgreSQL (several processes write at once; DATABASE_URL points at it, as in CI) and
redis-server; skipped with a reason otherwise, failed under REQUIRE_SERVICES.
"""

import os
import shutil
import signal
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from notices.models import Notice
from notices.services import outbox
from tests import factories as f

from .faults import Processes, SMTPSink, free_port, wait_until

BATCHES = 12
PER_BATCH = 50
SCHEDULED_BATCHES = (2, 9)  # these batches are reminders due a few seconds later (the sweep claims them)
STALE_CLAIM_SECONDS = 5


def _requirement(reason: str):
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}")
    pytest.skip(reason)


@dataclass
class Rig:
    sink: SMTPSink
    processes: Processes
    redis_port: int


def _subprocess_env(redis_port: int, smtp_port: int, queue: str) -> dict:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "EMAIL_BACKEND")}
    env.update(
        DJANGO_SETTINGS_MODULE="engagement.settings",
        DATABASE_URL=url,
        CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_port}/0",
        CELERY_QUEUE=queue,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="0",
        EMAIL_USE_SSL="0",
        NOTICE_SWEEP_SECONDS="1",
        NOTICE_STALE_CLAIM_SECONDS=str(STALE_CLAIM_SECONDS),
        NOTICE_DISPATCH_GRACE_SECONDS="2",
        NOTICE_RETRY_BASE_SECONDS="1",
        NOTICE_RETRY_MAX_SECONDS="4",
        NOTICE_MAX_ATTEMPTS="20",
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture
def rig(transactional_db, tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        _requirement("the outbox fault test needs PostgreSQL (set DATABASE_URL), not SQLite")
    if not shutil.which("redis-server"):
        _requirement("redis-server is not installed (apt-get install redis-server)")
    from celery import Celery

    redis_port = free_port()
    queue = f"faults-{redis_port}"
    sink = SMTPSink(delay=0.02)
    processes = Processes(tmp_path, _subprocess_env(redis_port, sink.port, queue))
    # The test process writes the notices; its on-commit nudge goes to this test's Redis and queue.
    app = Celery("outbox-faults", broker=f"redis://127.0.0.1:{redis_port}/0", set_as_current=False)
    app.conf.broker_connection_retry_on_startup = True

    def dispatch(notice_id: int) -> bool:
        try:
            app.send_task(
                "notices.tasks.deliver",
                args=[notice_id],
                queue=queue,
                retry=True,
                retry_policy={"max_retries": 1, "interval_start": 0.1},
            )
        except Exception:  # Redis is down: the row waits for the sweep, as in production
            return False
        return True

    monkeypatch.setattr(outbox, "_dispatch", dispatch)
    try:
        processes.redis(redis_port)
        processes.worker("w1")
        processes.worker("w2")
        processes.beat()
        processes.wait_ready("w1")
        processes.wait_ready("w2")
        yield Rig(sink, processes, redis_port)
    finally:
        processes.close()
        sink.close()
        app.close()


def _write_batch(users, batch: int, *, scheduled: bool = False, tag: str = "committed") -> list[int]:
    due = timezone.now() + timedelta(seconds=3) if scheduled else None
    ids = []
    with transaction.atomic():
        for i in range(PER_BATCH):
            user = users[i % len(users)]
            notice = outbox._write(
                key=f"fault:{tag}:{batch}:{i}",
                recipient=user,
                to_email=user.email,
                kind="task_answered",
                subject=f"{tag} {batch}/{i}",
                body_text="A notice of the fault test.",
                link="/inbox/",
                due_at=due,
            )
            ids.append(notice.pk)
    return ids


def test_no_notice_is_lost_or_sent_twice_outside_the_window(rig, capsys):
    started = time.monotonic()
    users = [f.ClientUserFactory(language="en") for _ in range(5)]
    committed: list[int] = []

    def delivered():
        return len(rig.sink.delivered())

    # 1. A worker killed with SIGKILL in the middle of a batch, then started again.
    for batch in range(4):
        committed += _write_batch(users, batch, scheduled=batch in SCHEDULED_BATCHES)
    # The sink holds the next sender after accepting its message — in the window — and that worker
    # is killed there: its notice is then the one e-mail allowed twice.
    wait_until(lambda: delivered() >= 60, 60, "the first deliveries")
    rig.sink.hold_next()
    wait_until(rig.sink.holding.is_set, 30, "a sender held after its message was accepted")
    victim = rig.processes.owner_of(rig.sink.held_port)
    assert victim in ("w1", "w2"), f"the held sender is not one of the workers ({victim})"
    rig.processes.kill(victim, signal.SIGKILL)
    rig.sink.release()
    killed_at = delivered()
    rig.processes.worker(victim)

    # 2. A transaction that had created notices, rolled back.
    rolled_back = []
    with pytest.raises(RuntimeError), transaction.atomic():
        rolled_back += _write_batch(users, 0, tag="rolled-back")
        raise RuntimeError("the change that caused them failed")
    for batch in range(4, 8):
        committed += _write_batch(users, batch, scheduled=batch in SCHEDULED_BATCHES)

    # 3. Redis restarted during delivery: what it held is gone; notices written meanwhile cannot be
    # handed to it at all.
    wait_until(lambda: delivered() >= 250, 60, "deliveries before Redis restarts")
    rig.processes.kill("redis", signal.SIGKILL)
    redis_down_at = delivered()
    committed += _write_batch(users, 8)
    rig.processes.redis(rig.redis_port)
    for batch in range(9, BATCHES):
        committed += _write_batch(users, batch, scheduled=batch in SCHEDULED_BATCHES)
    rig.processes.wait_ready(victim)

    # Everything committed is eventually SENT (the sweep every second, stale claims after 5 s).
    def all_sent():
        return Notice.objects.filter(pk__in=committed, status=Notice.Status.SENT).count() == len(committed)

    try:
        wait_until(all_sent, 120, "every committed notice sent", interval=0.5)
    except AssertionError:
        states = dict(Notice.objects.filter(pk__in=committed).values_list("status").annotate(n=Count("id")))
        raise AssertionError(
            f"not all sent: {states}\n--- w1 ---\n{rig.processes.log('w1')[-2000:]}"
            f"\n--- w2 ---\n{rig.processes.log('w2')[-2000:]}\n--- beat ---\n{rig.processes.log('beat')[-1500:]}"
        ) from None
    time.sleep(1.5)  # a late duplicate would arrive now
    mail = rig.sink.delivered()

    lost = [pk for pk in committed if mail[pk] == 0]
    assert not lost, f"{len(lost)} committed notices never reached the mail server: {lost[:20]}"
    assert not any(mail[pk] for pk in rolled_back), "a notice of a rolled-back transaction was sent"
    assert not any("rolled-back" in s for s in rig.sink.subjects)
    assert not Notice.objects.filter(subject__startswith="rolled-back").exists()

    # The inbox: one row per key, however often it is written again (a second sweep, a re-run).
    assert len(committed) == len(set(committed)) == BATCHES * PER_BATCH
    assert not Notice.objects.values("key").annotate(n=Count("id")).filter(n__gt=1).exists()
    again = outbox._write(key="fault:committed:0:0", recipient=users[0], to_email=users[0].email, kind="k", subject="x")
    assert again is None
    assert Notice.objects.filter(recipient__in=users).count() == len(committed)

    # Twice by e-mail only in the window: a notice whose first sender was killed after the mail
    # server accepted it; it had a second attempt, and there was one such sender in flight.
    duplicates = {pk: n for pk, n in mail.items() if n > 1}
    attempts = dict(Notice.objects.filter(pk__in=duplicates).values_list("pk", "attempts"))
    assert all(attempts[pk] >= 2 and n == 2 for pk, n in duplicates.items()), (duplicates, attempts)
    assert set(duplicates) <= {rig.sink.held_notice}, f"a second e-mail outside the window: {duplicates}"
    retried = Notice.objects.filter(pk__in=committed, attempts__gt=1).count()

    line = (
        f"faults: {len(committed)} notices ({len(SCHEDULED_BATCHES) * PER_BATCH} scheduled reminders),"
        f" {len(lost)} lost, {len(rolled_back)} rolled back and 0 of them sent,"
        f" {len(duplicates)} duplicate e-mails (worker killed after SMTP accepted),"
        f" {retried} retried after the worker kill at {killed_at} sent and the Redis restart at {redis_down_at} sent,"
        f" in {time.monotonic() - started:.0f} s"
    )
    with capsys.disabled():
        print(f"\n{line}")
