"""Reminders of a deadline: scheduled notices in the outbox, one per recipient and day ahead.

They go to the responsible specialist and, when someone else, the matter's lead, at 09:00 in the
firm's zone `reminder_days(DEADLINE)` days before the last day (3 and 1 by default; the firm sets
them in the admin). The key names the deadline's revision, so a change writes new rows rather than
clashing with the withdrawn ones; the group lets every change withdraw the pending ones at once.
A reminder whose moment has already passed (a deadline added two days ahead) is not written: the
outbox would send it at once, as if it were late.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from matters.models import Assignment
from notices.kinds import DEADLINE, reminder_days
from notices.services import notice_to_user, notices_cancel

REMIND_AT = dt.time(9, 0)
TEMPLATE = "deadline_reminder"


def reminder_group(deadline) -> str:
    return f"deadline:{deadline.pk}"


def reminder_key(deadline, days: int, user) -> str:
    return f"deadline:{deadline.pk}:seq{deadline.sequence}:{days}d:user{user.pk}"


def reminder_moment(due_on: dt.date, days: int) -> dt.datetime:
    """09:00 in the firm's zone, `days` days before the last day."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(due_on - dt.timedelta(days=days), REMIND_AT, tzinfo=zone)


def reminder_recipients(deadline) -> list:
    """The responsible specialist, then the matter's lead if someone else."""
    people = [deadline.responsible]
    lead = Assignment.objects.filter(matter_id=deadline.matter_id, is_lead=True).select_related("user").first()
    if lead is not None and lead.user_id != deadline.responsible_id:
        people.append(lead.user)
    return people


def reminders_write(deadline) -> list:
    """Schedule the open deadline's reminders (inside the transaction of the change)."""
    if deadline.status != deadline.Status.OPEN:
        return []
    now = timezone.now()
    link = reverse("hearings:deadline_detail", args=[deadline.pk])
    written = []
    recipients = reminder_recipients(deadline)
    for days in reminder_days(DEADLINE):
        at = reminder_moment(deadline.due_on, days)
        if at <= now:
            continue
        for user in recipients:
            notice = notice_to_user(
                user=user,
                kind=DEADLINE,
                template=TEMPLATE,
                context={
                    "deadline": deadline,
                    "matter": deadline.matter,
                    "days": days,
                    "responsible": deadline.responsible,
                    "is_responsible": user.pk == deadline.responsible_id,
                },
                link=link,
                key=reminder_key(deadline, days, user),
                group=reminder_group(deadline),
                due_at=at,
            )
            if notice is not None:
                written.append(notice)
    return written


def reminders_cancel(deadline) -> int:
    """Withdraw the reminders not yet due (a change, done, cancelled)."""
    return notices_cancel(group=reminder_group(deadline))
