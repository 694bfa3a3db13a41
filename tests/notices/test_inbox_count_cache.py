"""The header's unread count is kept per user (notices.caching): a notice written, a reminder falling due, a
read mark and a delete show on the next page; another user's notices never move it. Caches on (as with Redis)."""

import datetime as dt

import pytest
from django.utils import timezone

from notices.models import Notice
from notices.services.inbox import notice_read, notices_read_all
from notices.services.outbox import notices_claim_due
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PORTAL_CACHE = True


def _notice(user, subject, **fields):
    return Notice.objects.create(
        recipient=user, to_email=user.email, subject=subject, body_text="т", kind="task_answered", **fields
    )


def count(client) -> str:
    html = client.get("/inbox/").content.decode()
    badge = html.split('class="inbox-link"')[1].split("</a>")[0]
    return badge.split('class="badge badge-count">')[1].split("<")[0] if "badge-count" in badge else "0"


def test_the_count_moves_with_every_write_to_the_users_inbox(client):
    user, other = f.ClientUserFactory(), f.ClientUserFactory()
    login(client, user)
    assert count(client) == "0"
    first = _notice(user, "Раз")
    assert count(client) == "1"
    _notice(other, "Чужое")
    assert count(client) == "1"
    later = timezone.now() + dt.timedelta(hours=1)
    _notice(user, "Позже", status=Notice.Status.SCHEDULED, due_at=later)
    assert count(client) == "1"  # scheduled: not in the inbox yet
    notices_claim_due(now=later + dt.timedelta(minutes=1))  # one UPDATE: it falls due
    assert count(client) == "2"
    notice_read(user=user, notice_id=first.pk)
    assert count(client) == "1"
    notices_read_all(user=user)
    assert count(client) == "0"
    third = _notice(user, "Три")
    assert count(client) == "1"
    third.delete()
    assert count(client) == "0"
