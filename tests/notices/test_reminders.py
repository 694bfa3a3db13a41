"""Reminders scheduled ahead (notices.services.notices_schedule): one per recipient and day still to come,
at 09:00 in the firm's zone, keyed so that writing them again adds nothing, grouped so one call withdraws them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from notices.models import Notice
from notices.services import notices_cancel, notices_schedule, outbox, reminder_at
from tests import factories as f

pytestmark = pytest.mark.django_db
POA = {"poa": {"pk": 1, "number": "Д-1", "valid_until": None}}


@pytest.fixture(autouse=True)
def dispatched(monkeypatch):
    monkeypatch.setattr(outbox, "_dispatch", lambda pk: True)


def _schedule(users, plan):
    return notices_schedule(
        users=users,
        plan=plan,
        kind="poa_expiring",
        template="poa_expiring",
        context=POA,
        link="/powers/1/",
        key="poa:1",
        group="poa:1",
    )


def test_a_reminder_is_at_nine_in_the_firms_zone():
    at = reminder_at(dt.date(2030, 3, 1))
    assert at == dt.datetime(2030, 3, 1, 9, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))


def test_each_user_gets_one_per_day_still_to_come_and_a_past_one_is_not_written():
    ann, bob = f.ClientUserFactory(language="en"), f.ClientUserFactory(language="en")
    today = timezone.localdate()
    plan = [(7, today + dt.timedelta(days=7)), (1, today - dt.timedelta(days=1))]

    written = _schedule([ann, bob], plan)

    assert [(n.recipient, n.key) for n in written] == [(ann, f"poa:1:7d:user{ann.pk}"), (bob, f"poa:1:7d:user{bob.pk}")]
    assert {(n.status, n.group, n.due_at, n.link) for n in written} == {
        (Notice.Status.SCHEDULED, "poa:1", reminder_at(today + dt.timedelta(days=7)), "/powers/1/")
    }
    assert "7 days" in written[0].subject  # the plan's days reach the template
    assert _schedule([ann, bob], plan) == []  # again: the keys are taken, nothing new
    assert notices_cancel(group="poa:1") == 2
