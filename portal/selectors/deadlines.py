"""The dashboard's deadlines: what a lawyer answers for in the next fortnight (and what has slipped past)."""

import datetime as dt

from django.utils import timezone

from hearings.models import Deadline
from hearings.selectors.deadlines import deadline_list

FORTNIGHT = dt.timedelta(days=14)
ROWS = 10


def my_deadlines(*, user, today: dt.date | None = None) -> dict | None:
    """The open deadlines the lawyer is responsible for, up to two weeks ahead, overdue ones first; None for others."""
    if not user.is_lawyer:
        return None
    today = today or timezone.localdate()
    rows = list(
        deadline_list(user=user, status=Deadline.Status.OPEN, date_to=today + FORTNIGHT, responsible=user)
        .select_related(None)
        .select_related("matter")
        .only("id", "title", "due_on", "matter_id", "matter__number")[: ROWS + 1]
    )
    return {"items": rows[:ROWS], "more": len(rows) > ROWS, "today": today}
