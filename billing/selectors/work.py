"""A matter's arrangement and totals, and a lawyer's week."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum

from core.selectors import get_visible

from ..access import CLIENT_VISIBLE, restrict_expenses, restrict_fee_arrangements, restrict_time_entries, restrict_work
from ..models import Expense, FeeArrangement, WorkStatus

KOPECK = Decimal("0.01")


def current_arrangement(user, matter, *, on: dt.date | None = None) -> FeeArrangement | None:
    """The version in force on `on` (the latest by default) that the user may see, or None."""
    qs = restrict_fee_arrangements(user).filter(matter=matter)
    if on is not None:
        qs = qs.filter(valid_from__lte=on)
    qs = qs.select_related("created_by").prefetch_related("stage_amounts__stage", "rates__specialist")
    return qs.order_by("-valid_from", "-version").first()


def work_totals(time_qs, expense_qs) -> dict:
    """Approved (and billed) minutes and expense amounts, in one aggregate each."""
    done = Q(status__in=CLIENT_VISIBLE)
    t = time_qs.aggregate(
        total_minutes=Sum("minutes", filter=done),
        billable_minutes=Sum("minutes", filter=done & Q(billable=True)),
        pending=Count("pk", filter=Q(status=WorkStatus.SUBMITTED)),
    )
    e = expense_qs.aggregate(
        total_amount=Sum("amount", filter=done), pending=Count("pk", filter=Q(status=WorkStatus.SUBMITTED))
    )
    return {
        "minutes": t["total_minutes"] or 0,
        "billable_minutes": t["billable_minutes"] or 0,
        # PostgreSQL sums numerics exactly; SQLite (tests, dev) through a double: back to kopecks.
        "expenses": (e["total_amount"] or Decimal("0")).quantize(KOPECK),
        "pending": (t["pending"] or 0) + (e["pending"] or 0),
    }


def matter_fee_summary(user, matter) -> dict:
    return {
        "arrangement": current_arrangement(user, matter),
        **work_totals(restrict_time_entries(user).filter(matter=matter), restrict_expenses(user).filter(matter=matter)),
    }


def my_week(user, day: dt.date) -> dict:
    """The user's own time entries of the week containing `day`, by day."""
    start = day - dt.timedelta(days=day.weekday())
    days = [start + dt.timedelta(days=i) for i in range(7)]
    entries = (
        restrict_time_entries(user)
        .filter(specialist=user, date__range=(days[0], days[-1]))
        .select_related("matter")
        .order_by("date", "pk")
    )
    by_day = {d: [] for d in days}
    for e in entries:
        by_day[e.date].append(e)
    return {
        "start": start,
        "days": [(d, by_day[d], sum(e.minutes for e in by_day[d])) for d in days],
        "total": sum(e.minutes for e in entries),
    }


def work_list(model, user, *, matter=None, status=None, date_from=None, date_to=None, mine=False):
    """Time entries or expenses the user may see, with what a row shows, filtered."""
    qs = restrict_work(model, user, "view").select_related("matter", "specialist", "reviewed_by")
    if model is Expense:  # an expense paid from an advance says so (it is covered, never billed again)
        qs = qs.select_related("advance_spending__advance")
    if matter is not None:
        qs = qs.filter(matter_id=matter)
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if mine:
        qs = qs.filter(specialist=user)
    return qs


def work_get(model, user, pk, action: str = "view"):
    qs = restrict_work(model, user, action).select_related("matter", "specialist", "reviewed_by")
    if model is Expense:
        qs = qs.select_related("advance_spending__advance")
    return get_visible(qs, pk=pk)


def arrangement_versions(user, matter):
    return (
        restrict_fee_arrangements(user)
        .filter(matter=matter)
        .select_related("created_by")
        .prefetch_related("stage_amounts__stage", "rates__specialist")
        .order_by("-version")
    )
