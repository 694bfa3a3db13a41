"""The partner's view (issue 13): the firm's money at a glance, one selector per section.

Each section is a plain function ``(user, today) -> dict`` registered, in the order the page shows
them, in ``SECTIONS``. A section aggregates in SQL (Sum / Count / TruncMonth, conditional aggregation)
and runs a fixed number of queries whatever the volume of data; every queryset starts from the
model's own ``restrict_*`` function, and ``partner_overview`` checks the gate
(billing.access.partner) once for all of them.

Adding a section: write ``def x_summary(user, today) -> dict`` here (starting from the model's restrict
function), add ``Section("x", _("…"), "billing/partner/_x.html", x_summary)`` to ``SECTIONS`` where it
belongs (or call ``register(section, after="receivables")``), write the template, and add its output
serializer to billing.api.partner.SECTION_OUTPUTS. The acts of services ("acts", after the receivables)
and the open claims with the final acts to issue ("claims_open", last) are two such sections.

Money is Decimal. SQLite (tests, development) sums decimals through a double, so every sum is
brought back to kopecks (``_money``); PostgreSQL sums numerics exactly.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.caching import cached

from ..access import (
    restrict_acts,
    restrict_advances,
    restrict_claims,
    restrict_expenses,
    restrict_invoices,
    restrict_payments,
    restrict_time_entries,
)
from ..access.partner import require_partner_view
from ..caching import ALL as ALL_SCOPES
from ..caching import PARTNER_TIMEOUT, SECTION_SCOPES
from ..models import Act, Advance, Claim, FeeArrangement, FeeRate, Invoice, InvoiceLine, Payment, WorkStatus
from ..money import line_total, quantize_kopecks

ZERO = Decimal("0.00")
HOURS = Decimal(60)
MONTHS = 12
TOP_UNBILLED = 10
OPEN = (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID)
LIVE = (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID, Invoice.Status.PAID)
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


def _money(value) -> Decimal:
    return quantize_kopecks(value) if value is not None else ZERO


def month_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of the month `back` months before `day`'s."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# --- revenue --------------------------------------------------------------------------------------


def revenue_by_month(user, today: dt.date) -> dict:
    """Invoiced (issued, not cancelled: totals by issue month) and received (payments not ignored, by
    payment date), the last 12 months including this one, oldest first. Two queries."""
    start = month_start(today, MONTHS - 1)
    months = [month_start(today, back) for back in range(MONTHS - 1, -1, -1)]
    invoiced = (
        restrict_invoices(user, "view")
        .filter(status__in=LIVE, issue_date__gte=start, issue_date__lte=today)
        .annotate(month=TruncMonth("issue_date"))
        .values("month")
        .annotate(total=Sum("gross"), count=Count("pk"))
        .order_by()
    )
    received = (
        restrict_payments(user, "view")
        .exclude(status=Payment.Status.IGNORED)
        .filter(date__gte=start, date__lte=today)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    )
    by_month = {m: {"month": m, "invoiced": ZERO, "invoices": 0, "received": ZERO, "payments": 0} for m in months}
    for row in invoiced:
        slot = by_month[_as_date(row["month"])]
        slot["invoiced"], slot["invoices"] = _money(row["total"]), row["count"]
    for row in received:
        slot = by_month[_as_date(row["month"])]
        slot["received"], slot["payments"] = _money(row["total"]), row["count"]
    rows = [by_month[m] for m in months]
    return {
        "months": rows,
        "invoiced": sum((r["invoiced"] for r in rows), ZERO),
        "received": sum((r["received"] for r in rows), ZERO),
    }


# --- receivables ----------------------------------------------------------------------------------

# (key, label, first day overdue, last day overdue); None: open-ended. "not_due": due today or later.
AGE_BUCKETS = (
    ("not_due", _("not yet due"), None, 0),
    ("d1_30", _("1–30 days overdue"), 1, 30),
    ("d31_60", _("31–60 days overdue"), 31, 60),
    ("d61_90", _("61–90 days overdue"), 61, 90),
    ("d90_plus", _("over 90 days overdue"), 91, None),
)


def _age_filter(today: dt.date, first: int | None, last: int | None) -> Q:
    if first is None:  # not due yet (an invoice without a due date counts as not due)
        return Q(due_date__isnull=True) | Q(due_date__gte=today - dt.timedelta(days=last))
    q = Q(due_date__lte=today - dt.timedelta(days=first))
    if last is not None:
        q &= Q(due_date__gte=today - dt.timedelta(days=last))
    return q


def receivables_by_age(user, today: dt.date) -> dict:
    """What issued, unpaid invoices still have due (total − paid), by how long past their due date. One query."""
    due = ExpressionWrapper(F("gross") - F("paid"), output_field=MONEY_FIELD)
    aggregates = {}
    for key, _label, first, last in AGE_BUCKETS:
        condition = _age_filter(today, first, last)
        aggregates[key] = Sum(due, filter=condition)
        aggregates[f"{key}_count"] = Count("pk", filter=condition)
    sums = restrict_invoices(user, "view").filter(status__in=OPEN).aggregate(**aggregates)
    buckets = [
        {"key": key, "label": label, "amount": _money(sums[key]), "invoices": sums[f"{key}_count"]}
        for key, label, _first, _last in AGE_BUCKETS
    ]
    return {
        "buckets": buckets,
        "total": sum((b["amount"] for b in buckets), ZERO),
        "overdue": sum((b["amount"] for b in buckets[1:]), ZERO),
        "invoices": sum(b["invoices"] for b in buckets),
    }


# --- unbilled approved work -----------------------------------------------------------------------


def _hourly_rate_in_force(today: dt.date):
    """The rate an invoice drafted today would charge for a time entry (billing.services.invoices:
    the matter's arrangement in force today, the specialist's own rate, else its default rate)."""
    arrangement = (
        FeeArrangement.objects.filter(matter=OuterRef("matter"), valid_from__lte=today)
        .order_by("-valid_from", "-version")
        .values("pk")[:1]
    )
    # .order_by(): one row by its key needs no sort (the models' default orders join the matter).
    own = FeeRate.objects.filter(arrangement=OuterRef("arrangement"), specialist=OuterRef("specialist")).order_by()
    default = FeeArrangement.objects.filter(pk=OuterRef("arrangement")).order_by()
    return Subquery(arrangement), Coalesce(
        Subquery(own.values("rate")[:1]), Subquery(default.values("default_rate")[:1]), output_field=MONEY_FIELD
    )


def _not_invoiced(field: str):
    """Not on any invoice that still stands (a line of a draft or an issued invoice; a cancelled one frees it)."""
    return ~Exists(
        InvoiceLine.objects.filter(**{field: OuterRef("pk")}).exclude(invoice__status=Invoice.Status.CANCELLED)
    )


def unbilled_work(user, today: dt.date, *, top: int = TOP_UNBILLED) -> dict:
    """Approved time (valued at the rates an invoice would use now) and approved expenses that are on no
    invoice yet, per matter, the largest `top` first. Three queries.

    Time is grouped in SQL by (matter, rate, minutes) and each group valued in Decimal exactly as an
    invoice line is (minutes × rate / 60, rounded to the kopeck per entry), so the figure is what the
    invoices would say. Time with no rate (a fixed fee) is counted in minutes, not valued.
    """
    arrangement, rate = _hourly_rate_in_force(today)
    time_rows = (
        restrict_time_entries(user, "view")
        .filter(status=WorkStatus.APPROVED, billable=True)
        .filter(_not_invoiced("time_entry"))
        .annotate(arrangement=arrangement)
        .annotate(rate=rate)
        .values("matter_id", "rate", "minutes")
        .annotate(n=Count("pk"))
        .order_by()
    )
    expense_rows = (
        restrict_expenses(user, "view")
        .filter(status=WorkStatus.APPROVED)
        .filter(_not_invoiced("expense"))
        .values("matter_id")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    )
    matters: dict[int, dict] = {}

    def slot(matter_id):
        return matters.setdefault(
            matter_id,
            {"matter_id": matter_id, "time": ZERO, "minutes": 0, "unpriced_minutes": 0, "expenses": ZERO, "entries": 0},
        )

    for row in time_rows:
        s = slot(row["matter_id"])
        s["minutes"] += row["minutes"] * row["n"]
        s["entries"] += row["n"]
        if row["rate"] is None:
            s["unpriced_minutes"] += row["minutes"] * row["n"]
        else:
            s["time"] += line_total(Decimal(row["minutes"]), Decimal(row["rate"]) / HOURS) * row["n"]
    for row in expense_rows:
        s = slot(row["matter_id"])
        s["expenses"] += _money(row["total"])
        s["entries"] += row["n"]
    for s in matters.values():
        s["total"] = s["time"] + s["expenses"]
    ranked = sorted(matters.values(), key=lambda s: (-s["total"], -s["minutes"], s["matter_id"]))
    shown = ranked[:top]
    from matters.models import Matter

    heads = Matter.objects.filter(pk__in=[s["matter_id"] for s in shown]).select_related("client").in_bulk()
    for s in shown:
        s["matter"] = heads.get(s["matter_id"])
    return {
        "matters": shown,
        "more": max(len(ranked) - top, 0),
        "time": sum((s["time"] for s in ranked), ZERO),
        "expenses": sum((s["expenses"] for s in ranked), ZERO),
        "total": sum((s["total"] for s in ranked), ZERO),
        "unpriced_minutes": sum(s["unpriced_minutes"] for s in ranked),
    }


# --- overdue advances -----------------------------------------------------------------------------


def overdue_advances(user, today: dt.date, *, limit: int = 50) -> dict:
    """Advances asked for, past their pay-by date, not paid (nor claimed paid) and not let go ahead
    unpaid by a partner — with the action each funds. Two queries (the rows, the count and sum)."""
    qs = restrict_advances(user, "view").filter(
        status=Advance.Status.REQUESTED, overridden_by__isnull=True, due_on__lt=today
    )
    sums = qs.aggregate(total=Sum("amount"), count=Count("pk"))
    rows = list(qs.select_related("matter__client", "task", "hearing").order_by("due_on", "pk")[:limit])
    return {
        "advances": [{"advance": a, "days_overdue": (today - a.due_on).days} for a in rows],
        "count": sums["count"],
        "total": _money(sums["total"]),
        "more": max(sums["count"] - len(rows), 0),
    }


# --- hours per specialist -------------------------------------------------------------------------


def hours_by_specialist(user, today: dt.date) -> dict:
    """Minutes recorded (submitted, approved or billed — not drafts) per specialist, this month and the
    last, billable and not. One query."""
    this, last = month_start(today), month_start(today, 1)
    in_this, in_last = Q(date__gte=this, date__lte=today), Q(date__gte=last, date__lt=this)
    billable = Q(billable=True)
    rows = (
        restrict_time_entries(user, "view")
        .exclude(status=WorkStatus.DRAFT)
        .filter(date__gte=last, date__lte=today)
        .values("specialist_id", "specialist__full_name", "specialist__email")
        .annotate(
            this_billable=Sum("minutes", filter=in_this & billable, default=0),
            this_other=Sum("minutes", filter=in_this & ~billable, default=0),
            last_billable=Sum("minutes", filter=in_last & billable, default=0),
            last_other=Sum("minutes", filter=in_last & ~billable, default=0),
        )
        .order_by("specialist__full_name", "specialist_id")
    )
    people = [
        {
            "specialist_id": r["specialist_id"],
            "name": r["specialist__full_name"] or r["specialist__email"],
            "this_billable": r["this_billable"],
            "this_other": r["this_other"],
            "last_billable": r["last_billable"],
            "last_other": r["last_other"],
        }
        for r in rows
    ]
    keys = ("this_billable", "this_other", "last_billable", "last_other")
    return {
        "this_month": this,
        "last_month": last,
        "people": people,
        "totals": {k: sum(p[k] for p in people) for k in keys},
    }


# --- acts of services -----------------------------------------------------------------------------

ACT_ROWS = 20


def superseded_q() -> Exists:
    """An act replaced by a correction: an original with any correction, or a correction with a later one
    (every correction points at the original, numbered 1, 2, …). Only the latest of a chain stands."""
    return Exists(
        Act.objects.filter(
            Q(corrects=OuterRef("pk")) | Q(corrects=OuterRef("corrects"), correction_no__gt=OuterRef("correction_no"))
        )
    )


def act_answer_qs(today: dt.date) -> dict[str, Q]:
    """The answer as of today (Act.answer_on in SQL): an unanswered act past its period reads as deemed
    accepted whether or not the daily sweep has recorded it yet."""
    unanswered = Q(answer=Act.Answer.NONE)
    past = Q(acceptance_due__isnull=False, acceptance_due__lt=today)
    return {
        "awaiting": unanswered & ~past,
        "accepted": Q(answer=Act.Answer.ACCEPTED),
        "deemed": Q(answer=Act.Answer.DEEMED) | (unanswered & past),
        "objected": Q(answer=Act.Answer.OBJECTED),
    }


# The act's own labels of its answers (Act.Answer).
ACT_STATES = (
    ("awaiting", Act.Answer.NONE.label),
    ("accepted", Act.Answer.ACCEPTED.label),
    ("deemed", Act.Answer.DEEMED.label),
    ("objected", Act.Answer.OBJECTED.label),
)


def acts_summary(user, today: dt.date, *, limit: int = ACT_ROWS) -> dict:
    """Acts in force (a corrected act gives way to its latest correction): the last 12 months by the month
    of the act's date (count, net, VAT, gross); every act in force by the client's answer as of today
    (count and gross); the acts objected to, and the acts sent whose period for an answer ran out with no
    answer within the last 12 months (deemed accepted by silence). Four queries."""
    start = month_start(today, MONTHS - 1)
    months = [month_start(today, back) for back in range(MONTHS - 1, -1, -1)]
    standing = restrict_acts(user, "view").filter(~superseded_q())
    by_month = {m: {"month": m, "count": 0, "net": ZERO, "vat": ZERO, "gross": ZERO} for m in months}
    rows = (
        standing.filter(act_date__gte=start, act_date__lte=today)
        .annotate(month=TruncMonth("act_date"))
        .values("month")
        .annotate(count=Count("pk"), net=Sum("net"), vat=Sum("vat"), gross=Sum("gross"))
        .order_by()
    )
    for row in rows:
        slot = by_month[_as_date(row["month"])]
        slot["count"] = row["count"]
        slot["net"], slot["vat"], slot["gross"] = _money(row["net"]), _money(row["vat"]), _money(row["gross"])
    answers = act_answer_qs(today)
    unanswered_past = Q(answer__in=(Act.Answer.NONE, Act.Answer.DEEMED), acceptance_due__lt=today) & Q(
        acceptance_due__gte=start
    )
    aggregates = {"silent": Count("pk", filter=unanswered_past)}
    for key, _label in ACT_STATES:
        aggregates[key] = Count("pk", filter=answers[key])
        aggregates[f"{key}_gross"] = Sum("gross", filter=answers[key])
    sums = standing.order_by().aggregate(**aggregates)
    states = [
        {"key": key, "label": label, "count": sums[key], "gross": _money(sums[f"{key}_gross"])}
        for key, label in ACT_STATES
    ]
    heads = standing.select_related("matter", "client")
    objected = list(heads.filter(answers["objected"]).order_by("-answered_at", "-pk")[:limit])
    silent = list(heads.filter(unanswered_past).order_by("-acceptance_due", "-pk")[:limit])
    rows = [by_month[m] for m in months]
    return {
        "months": rows,
        "count": sum(r["count"] for r in rows),
        "net": sum((r["net"] for r in rows), ZERO),
        "vat": sum((r["vat"] for r in rows), ZERO),
        "gross": sum((r["gross"] for r in rows), ZERO),
        "states": states,
        "objected": objected,
        "objected_more": max(sums["objected"] - len(objected), 0),
        "unanswered": [{"act": a, "days_past": (today - a.acceptance_due).days} for a in silent],
        "unanswered_count": sums["silent"],
        "unanswered_more": max(sums["silent"] - len(silent), 0),
    }


# --- open claims and the final acts to issue ----------------------------------------------------------

CLAIM_ROWS = 50


def claims_open(user, today: dt.date, *, limit: int = CLAIM_ROWS) -> dict:
    """The open claims with their last day for the answer and the law that applies, the overdue first
    (the earliest deadline first), with the open and overdue counts; and the terminated matters awaiting
    their final act (billing.selectors.reports.final_acts_due). Three queries."""
    from .claims import overdue_q
    from .reports import final_acts_due

    visible = restrict_claims(user, "view")
    # claims_summary's two counts, as of `today` (the rows below say "overdue" as of the same day).
    counts = visible.order_by().aggregate(
        open=Count("pk", filter=Q(status=Claim.Status.OPEN)), overdue=Count("pk", filter=overdue_q(today))
    )
    rows = list(
        visible.filter(status=Claim.Status.OPEN)
        .select_related("matter__client")
        .order_by("response_due_on", "pk")[:limit]
    )
    claims = [
        {
            "claim": c,
            "overdue": c.response_due_on < today,
            "days": abs((c.response_due_on - today).days),
        }
        for c in rows
    ]
    terminations = final_acts_due(user=user)
    return {
        "claims": claims,
        "open": counts["open"],
        "overdue": counts["overdue"],
        "more": max(counts["open"] - len(claims), 0),
        "final_acts": [{"termination": t, "days": (today - t.terminated_on).days} for t in terminations],
    }


# --- the registry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One section of the partner's view: its key (also the API's field), heading, template, selector."""

    key: str
    title: str | Promise
    template: str
    build: Callable[..., dict]


SECTIONS: list[Section] = [
    Section("revenue", _("Revenue by month"), "billing/partner/_revenue.html", revenue_by_month),
    Section("receivables", _("Receivables by age"), "billing/partner/_receivables.html", receivables_by_age),
    Section("acts", _("Acts of services"), "billing/partner/_acts.html", acts_summary),
    Section("unbilled", _("Approved work not yet invoiced"), "billing/partner/_unbilled.html", unbilled_work),
    Section("advances", _("Overdue advances"), "billing/partner/_advances.html", overdue_advances),
    Section("hours", _("Hours per specialist"), "billing/partner/_hours.html", hours_by_specialist),
    Section("claims_open", _("Open claims and final acts to issue"), "billing/partner/_claims.html", claims_open),
]


def register(section: Section, *, after: str | None = None) -> None:
    """Add (or replace) a section, after the one keyed `after` (at the end by default)."""
    SECTIONS[:] = [s for s in SECTIONS if s.key != section.key]
    keys = [s.key for s in SECTIONS]
    SECTIONS.insert(keys.index(after) + 1 if after in keys else len(SECTIONS), section)


def _section_data(section: Section, user, today: dt.date, language: str) -> dict:
    """One section's figures, kept for the partner (core.caching) under the scopes of the data it reads."""
    return cached(
        f"partner:{section.key}",
        owner=f"user:{user.pk}",
        scopes=SECTION_SCOPES.get(section.key, ALL_SCOPES),
        parts=(today.isoformat(), language),
        compute=lambda: section.build(user, today),
        timeout=PARTNER_TIMEOUT,
    )


def partner_overview(*, user, today: dt.date, only: tuple[str, ...] | None = None) -> list[tuple[Section, dict]]:
    """Every registered section (or those keyed in `only`) with its figures, in order; partners only.

    Cached per partner (billing.caching): the whole overview under every scope its sections read (two
    round trips to the cache when nothing changed), and each section under its own scopes, so that an
    hour recorded recomputes the unbilled work and the hours, not the revenue or the acts.
    """
    require_partner_view(user)
    language = get_language() or "ru"
    shown = [s for s in SECTIONS if only is None or s.key in only]
    scopes = sorted({scope for s in shown for scope in SECTION_SCOPES.get(s.key, ALL_SCOPES)})
    data = cached(
        "partner",
        owner=f"user:{user.pk}",
        scopes=scopes,
        parts=(today.isoformat(), language, *(s.key for s in shown)),
        compute=lambda: {s.key: _section_data(s, user, today, language) for s in shown},
        timeout=PARTNER_TIMEOUT,
    )
    return [(s, data[s.key]) for s in shown]


# --- rows for the accountants' exports (billing.exports) -------------------------------------------


def invoices_for_export(*, user, date_from: dt.date, date_to: dt.date):
    """Every invoice issued in the period (cancelled ones too: the status says so), by number. One query."""
    require_partner_view(user)
    return (
        restrict_invoices(user, "view")
        .exclude(status=Invoice.Status.DRAFT)
        .filter(issue_date__gte=date_from, issue_date__lte=date_to)
        .select_related("client", "matter")
        .order_by("issue_date", "year", "seq", "pk")
    )


def payments_for_export(*, user, date_from: dt.date, date_to: dt.date):
    """Every payment received in the period, with the number of the invoice it is matched to. One query."""
    require_partner_view(user)
    matched = Invoice.objects.filter(pk=OuterRef("matched_invoice_id")).values("number")[:1]
    return (
        restrict_payments(user, "view")
        .filter(date__gte=date_from, date__lte=date_to)
        .select_related("client")
        .annotate(matched_invoice_number=Subquery(matched))
        .order_by("date", "pk")
    )


def acts_for_export(*, user, date_from: dt.date, date_to: dt.date):
    """Every act dated in the period (corrected ones too: the status says so, a correction names the act it
    corrects), by number. One query."""
    require_partner_view(user)
    return (
        restrict_acts(user, "view")
        .filter(act_date__gte=date_from, act_date__lte=date_to)
        .select_related("client", "matter", "corrects")
        .annotate(superseded=superseded_q())
        .order_by("act_date", "year", "seq", "pk")
    )
