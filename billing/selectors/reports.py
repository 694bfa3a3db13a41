"""Reads of work reports: the scoped list and one report, the data a report is made of, and its
fingerprint (what makes a stored report still true).

A report holds only what the client may see of its matter — tasks, released results, approved time
and expenses, confirmed advances, issued invoices and the payments against them — so one stored file
serves everyone who may see the matter (billing.access.reports).
"""

import datetime as dt
import hashlib
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from core.selectors import get_visible
from matters.models import Deliverable, Task

from ..access import CLIENT_VISIBLE, report_matters, restrict_reports
from ..models import (
    Advance,
    AdvanceSpending,
    Expense,
    FeeArrangement,
    Invoice,
    Payment,
    Termination,
    TimeEntry,
    WorkReport,
)
from .settlement import settlement_of

SIXTY = Decimal(60)


def report_list(*, user, matter=None):
    qs = restrict_reports(user, "view").select_related("matter", "requested_by")
    return qs.filter(matter=matter) if matter is not None else qs


def report_get(*, user, pk) -> WorkReport:
    return get_visible(report_list(user=user), pk=pk)


def report_matter_get(*, user, pk):
    return get_visible(report_matters(user).select_related("client", "stage"), pk=pk)


def report_pdf_file(report: WorkReport):
    """The stored PDF opened for reading, or None while it is not ready."""
    if not report.is_ready:
        return None
    try:
        return report.pdf.open("rb")
    except FileNotFoundError:
        return None


def fingerprint(matter, start: dt.date, end: dt.date) -> str:
    """A digest of everything a report of `matter` for the period is made of: counts, sums and the
    latest changes of each kind of row. Any approval, payment or new result changes it."""
    work = {"matter": matter, "date__lte": end}
    parts = [
        matter.pk,
        start,
        end,
        matter.status,
        matter.stage_id,
        TimeEntry.objects.filter(**work, status__in=CLIENT_VISIBLE).aggregate(
            n=Count("pk"), m=Sum("minutes"), r=Max("reviewed_at"), b=Max("billed_at")
        ),
        Expense.objects.filter(**work, status__in=CLIENT_VISIBLE).aggregate(
            n=Count("pk"), a=Sum("amount"), r=Max("reviewed_at"), b=Max("billed_at")
        ),
        FeeArrangement.objects.filter(matter=matter).aggregate(n=Count("pk"), c=Max("created_at")),
        Advance.objects.filter(matter=matter).aggregate(
            n=Count("pk"), c=Max("confirmed_at"), s=Max("sequence"), k=Count("pk", filter=Q(status="cancelled"))
        ),
        AdvanceSpending.objects.filter(advance__matter=matter).aggregate(n=Count("pk"), r=Max("recorded_at")),
        Invoice.objects.filter(matter=matter)
        .exclude(status=Invoice.Status.DRAFT)
        .aggregate(n=Count("pk"), i=Max("issued_at"), c=Max("cancelled_at"), p=Sum("paid")),
        Task.objects.filter(matter=matter).aggregate(
            n=Count("pk"), a=Max("accepted_at"), w=Max("answered_at"), d=Max("declined_at")
        ),
        Deliverable.objects.filter(matter=matter, status=Deliverable.Status.RELEASED).aggregate(
            n=Count("pk"), r=Max("released_at")
        ),
    ]
    invoices = Invoice.objects.filter(matter=matter).values("pk")
    parts.append(
        Payment.objects.filter(status=Payment.Status.MATCHED, matched_invoice_id__in=invoices).aggregate(
            n=Count("pk"), m=Max("matched_at")
        )
    )
    parts.append(Termination.objects.filter(matter=matter).values_list("pk", "final_act_issued_at").first())
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _in_period(day, start, end) -> bool:
    return day is not None and start <= day <= end


def report_data(matter, start: dt.date, end: dt.date) -> dict:
    """Everything the report's template shows (a fixed number of queries)."""
    time = list(
        TimeEntry.objects.filter(matter=matter, status__in=CLIENT_VISIBLE, date__range=(start, end))
        .select_related("specialist")
        .order_by("date", "pk")
    )
    by_specialist: dict = defaultdict(lambda: {"minutes": 0, "entries": 0})
    for entry in time:
        row = by_specialist[entry.specialist.full_name]
        row["minutes"] += entry.minutes
        row["entries"] += 1
    expenses = list(
        Expense.objects.filter(matter=matter, status__in=CLIENT_VISIBLE, date__range=(start, end)).order_by(
            "date", "pk"
        )
    )
    tasks = [
        t
        for t in Task.objects.filter(matter=matter)
        .select_related("accepted_by", "answered_by")
        .order_by("created_at", "pk")
        if any(_in_period(d.date() if d else None, start, end) for d in (t.created_at, t.accepted_at, t.answered_at))
    ]
    deliverables = list(
        Deliverable.objects.filter(
            matter=matter, status=Deliverable.Status.RELEASED, released_at__date__range=(start, end)
        )
        .select_related("prepared_by")
        .order_by("released_at", "pk")
    )
    advances = list(
        Advance.objects.filter(matter=matter)
        .exclude(status=Advance.Status.CANCELLED)
        .filter(Q(requested_at__date__lte=end))
        .annotate(spent=Sum("spendings__amount"))
        .order_by("requested_at", "pk")
    )
    invoices = list(
        Invoice.objects.filter(matter=matter, issue_date__range=(start, end))
        .exclude(status=Invoice.Status.DRAFT)
        .order_by("issue_date", "pk")
    )
    payments = list(
        Payment.objects.filter(
            status=Payment.Status.MATCHED,
            matched_invoice_id__in=Invoice.objects.filter(matter=matter).values("pk"),
            date__range=(start, end),
        ).order_by("date", "pk")
    )
    numbers = dict(Invoice.objects.filter(pk__in=[p.matched_invoice_id for p in payments]).values_list("pk", "number"))
    for payment in payments:
        payment.invoice_number = numbers.get(payment.matched_invoice_id, "")
    total_minutes = sum(entry.minutes for entry in time)
    return {
        "matter": matter,
        "start": start,
        "end": end,
        "time": time,
        "time_hours": (Decimal(total_minutes) / SIXTY).quantize(Decimal("0.01")),
        "by_specialist": sorted(
            (
                (name, (Decimal(v["minutes"]) / SIXTY).quantize(Decimal("0.01")), v["entries"])
                for name, v in by_specialist.items()
            ),
        ),
        "expenses": expenses,
        "tasks": tasks,
        "deliverables": deliverables,
        "advances": advances,
        "invoices": invoices,
        "payments": payments,
        "period_settlement": settlement_of(matter, start=start, end=end),
        "settlement": settlement_of(matter, end=end),
    }


def final_acts_due(*, user, limit: int = 50) -> list:
    """The partner's task list: terminated matters awaiting their final act, oldest first, each with
    the act issue link (`final_act_url`, "" until billing:act_issue exists). Empty for anyone but a
    partner. For a dashboard section (the lead wires it)."""
    from ..access import restrict_terminations
    from ..services.termination import final_act_url

    rows = list(
        restrict_terminations(user, "final_act").select_related("matter__client").order_by("recorded_at", "pk")[:limit]
    )
    for row in rows:
        row.final_act_url = final_act_url(row)
    return rows
