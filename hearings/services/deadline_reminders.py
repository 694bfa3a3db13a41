"""Reminders of a deadline: scheduled notices in the outbox, one per recipient and day ahead.

They go to the responsible specialist and, when someone else, the matter's lead, at 09:00 in the
firm's zone `reminder_days(DEADLINE)` days before the last day (3 and 1 by default; the firm sets
them in the admin). The key names the deadline's revision, so a change writes new rows rather than
clashing with the withdrawn ones; the group lets every change withdraw the pending ones at once.
A reminder whose moment has already passed (a deadline added two days ahead) is not written: the
outbox would send it at once, as if it were late.
"""

import datetime as dt

from django.urls import reverse

from matters.models import Assignment
from notices.kinds import DEADLINE, reminder_days
from notices.services import notices_cancel, notices_schedule, reminder_at

TEMPLATE = "deadline_reminder"


def reminder_group(deadline) -> str:
    return f"deadline:{deadline.pk}"


def reminder_moment(due_on: dt.date, days: int) -> dt.datetime:
    """09:00 in the firm's zone, `days` days before the last day."""
    return reminder_at(due_on - dt.timedelta(days=days))


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
    return notices_schedule(
        users=reminder_recipients(deadline),
        plan=[(days, deadline.due_on - dt.timedelta(days=days)) for days in reminder_days(DEADLINE)],
        kind=DEADLINE,
        template=TEMPLATE,  # it tells the responsible specialist from the lead by the recipient
        context={"deadline": deadline, "matter": deadline.matter, "responsible": deadline.responsible},
        link=reverse("hearings:deadline_detail", args=[deadline.pk]),
        key=f"deadline:{deadline.pk}:seq{deadline.sequence}",
        group=reminder_group(deadline),
    )


def reminders_cancel(deadline) -> int:
    """Withdraw the reminders not yet due (a change, done, cancelled)."""
    return notices_cancel(group=reminder_group(deadline))
