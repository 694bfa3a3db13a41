"""Who hears of a claim, and the reminders of its answer's deadline (the outbox's scheduled notices).

Filing goes to the partners and the matter's lead; the decision and a payout to the client's users.
The partners and the lead are reminded `reminder_days(CLAIM_DUE)` days before the last day for the
answer (3 and 1 by default) at 09:00 in the firm's zone, and told on the morning after it that the
claim is overdue; all of them are grouped by the claim, so the decision withdraws them at once.
"""

import datetime as dt

from django.urls import reverse

from matters.models import Assignment
from notices.kinds import CLAIM_DUE, reminder_days
from notices.services import notice_to_users, notices_cancel, notices_schedule
from users.models import Role, User

KIND = "claim"


def claim_link(claim) -> str:
    return reverse("billing:claim_detail", args=[claim.pk])


def client_users(claim) -> list:
    return list(claim.matter.client.users.filter(is_active=True).order_by("pk"))


def firm_users(claim) -> list:
    """The partners and the matter's lead: who answers a claim."""
    leads = Assignment.objects.filter(matter_id=claim.matter_id, is_lead=True).values("user_id")
    people = User.objects.filter(is_active=True).filter(role=Role.PARTNER) | User.objects.filter(
        is_active=True, pk__in=leads
    )
    return list(people.distinct().order_by("pk"))


def tell(claim, users, *, act: str, by=None, adjustment=None) -> None:
    context = {"claim": claim, "matter": claim.matter, "act": act, "by": by, "adjustment": adjustment}
    notice_to_users(users=users, not_to=by, kind=KIND, template="claim_event", context=context, link=claim_link(claim))


def reminder_group(claim) -> str:
    return f"claim:{claim.pk}"


def reminders_write(claim) -> list:
    """Schedule the reminders of an open claim and the overdue flag (inside the filing's transaction)."""
    if not claim.is_open:
        return []
    users = firm_users(claim)
    due_on = claim.response_due_on
    ahead = [(days, due_on - dt.timedelta(days=days)) for days in reminder_days(CLAIM_DUE)]
    overdue = [(0, due_on + dt.timedelta(days=1))]  # 0 days ahead: the morning after the last day
    written = []
    for plan, template in ((ahead, "claim_due"), (overdue, "claim_overdue")):
        written += notices_schedule(
            users=users,
            plan=plan,
            kind=CLAIM_DUE,
            template=template,
            context={"claim": claim, "matter": claim.matter},
            link=claim_link(claim),
            key=f"claim:{claim.pk}",
            group=reminder_group(claim),
        )
    return written


def reminders_cancel(claim) -> int:
    return notices_cancel(group=reminder_group(claim))
