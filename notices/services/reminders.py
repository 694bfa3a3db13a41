"""Reminders: scheduled notices to a few users at 09:00 in the firm's zone on the days a plan names.

Each is keyed per recipient and day ahead (exactly once) and grouped by the thing it is about, so that
`notices_cancel(group=…)` withdraws the pending ones at once when that thing changes. A reminder whose
moment has already passed is not written: the outbox would send it at once, as if it were late.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from ..models import Notice
from .outbox import notice_to_user

REMIND_AT = dt.time(9, 0)


def reminder_at(on: dt.date) -> dt.datetime:
    """09:00 in the firm's zone on the day `on`."""
    return dt.datetime.combine(on, REMIND_AT, tzinfo=ZoneInfo(settings.TIME_ZONE))


def notices_schedule(
    *, users, plan, kind: str, template: str, context: dict, link: str, key: str, group: str
) -> list[Notice]:
    """Schedule a notice to each of `users` on each day of `plan`, (days ahead, date) pairs, still to come.

    Must be called inside the transaction of the change. The notice's context is `context` with the
    plan's `days`; its key is `key` followed by `:<days>d:user<pk>`. Returns the notices written (not
    those whose key was written before)."""
    now = timezone.now()
    written = []
    for days, on in plan:
        at = reminder_at(on)
        if at <= now:
            continue
        for user in users:
            notice = notice_to_user(
                user=user,
                kind=kind,
                template=template,
                context={**context, "days": days},
                link=link,
                key=f"{key}:{days}d:user{user.pk}",
                group=group,
                due_at=at,
            )
            if notice is not None:
                written.append(notice)
    return written
