"""Who hears of an advance, and its reminders before the due date (the outbox's scheduled notices).

Each act goes to the other side: a request, a change, a cancellation, a confirmation or a refusal to
the client's users; the client's "I paid" and an override to the matter's lead. Reminders go to the
client's users at 09:00 in the firm's zone `reminder_days(ADVANCE_DUE)` days before the due date
(3 and 1 by default), keyed by the advance's revision and grouped so that paying, cancelling or
changing it withdraws them at once — the hearings' deadline reminders' way.
"""

import datetime as dt

from django.urls import reverse

from matters.models import Assignment
from notices.kinds import ADVANCE_DUE, reminder_days
from notices.services import notice_to_users, notices_cancel, notices_schedule

KIND = "advance"


def advance_link(advance) -> str:
    return reverse("billing:advance_detail", args=[advance.pk])


def client_users(advance) -> list:
    return list(advance.matter.client.users.filter(is_active=True).order_by("pk"))


def lead_users(advance) -> list:
    return [
        a.user
        for a in Assignment.objects.filter(matter_id=advance.matter_id, is_lead=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]


def tell(advance, users, *, act: str, by=None, reason: str = "") -> None:
    context = {"advance": advance, "matter": advance.matter, "act": act, "by": by, "reason": reason}
    link = advance_link(advance)
    notice_to_users(users=users, not_to=by, kind=KIND, template="advance_event", context=context, link=link)


def reminder_group(advance) -> str:
    return f"advance:{advance.pk}"


def reminders_write(advance) -> list:
    """Schedule the reminders of an unpaid advance (inside the transaction of the change)."""
    if advance.status != advance.Status.REQUESTED:
        return []
    return notices_schedule(
        users=client_users(advance),
        plan=[(days, advance.due_on - dt.timedelta(days=days)) for days in reminder_days(ADVANCE_DUE)],
        kind=ADVANCE_DUE,
        template="advance_due",
        context={"advance": advance, "matter": advance.matter},
        link=advance_link(advance),
        key=f"advance:{advance.pk}:seq{advance.sequence}",
        group=reminder_group(advance),
    )


def reminders_cancel(advance) -> int:
    return notices_cancel(group=reminder_group(advance))
