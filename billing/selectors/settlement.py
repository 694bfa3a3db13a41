"""Feeds the settlement arithmetic (billing.services.settlement.settle) from the database.

`settlement_input(matter, end, start=None)` reads a matter's arrangement versions, approved time and
expenses, confirmed advances and their spending, and the payments matched to its invoices — a fixed
number of queries whatever the size of the matter. It is not scoped: callers pass a matter already
taken through the access gate (`settlement_for` does so for a user).
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone, translation

from core.selectors import get_visible

from ..access import CLIENT_VISIBLE, fee_matters
from ..models import Advance, AdvanceSpending, BillingAdjustment, Expense, FeeArrangement, Invoice, Payment, TimeEntry
from ..services.settlement import (
    AdvanceItem,
    ClaimItem,
    ExpenseItem,
    InvoiceItem,
    Settlement,
    SettlementInput,
    TimeItem,
    Version,
    settle,
)


def _versions(matter) -> tuple[Version, ...]:
    rows = FeeArrangement.objects.filter(matter=matter).prefetch_related("rates", "stage_amounts__stage")
    return tuple(
        Version(
            number=a.version,
            kind=a.kind,
            valid_from=a.valid_from,
            fixed_amount=a.fixed_amount,
            default_rate=a.default_rate,
            monthly_amount=a.monthly_amount,
            success_amount=a.success_fee_amount,
            success_percent=a.success_fee_percent,
            stages={
                s.stage_id: (s.stage.order, s.stage.name_ru, s.stage.name_en, s.amount) for s in a.stage_amounts.all()
            },
            rates={r.specialist_id: r.rate for r in a.rates.all()},
        )
        for a in rows
    )


def _category_msgid(value: str) -> str:
    # The English label is the msgid: the line translates it when shown, in the reader's language.
    with translation.override("en"):
        return str(Expense.Category(value).label) if value in Expense.Category.values else value


def settlement_input(matter, *, end: dt.date, start: dt.date | None = None) -> SettlementInput:
    def period(qs, name="date"):
        qs = qs.filter(**{f"{name}__lte": end})
        return qs.filter(**{f"{name}__gte": start}) if start else qs

    time = period(
        TimeEntry.objects.filter(matter=matter, status__in=CLIENT_VISIBLE, billable=True).select_related("specialist")
    )
    expenses = period(Expense.objects.filter(matter=matter, status__in=CLIENT_VISIBLE)).annotate(
        from_advance=Exists(AdvanceSpending.objects.filter(expense=OuterRef("pk")))
    )
    advances = list(
        Advance.objects.filter(matter=matter, status=Advance.Status.CONFIRMED)
        .order_by("pk")
        .only("pk", "purpose", "amount", "confirmed_amount", "payer", "confirmed_at")
    )
    invoices = dict(
        Invoice.objects.filter(matter=matter).exclude(status=Invoice.Status.DRAFT).values_list("pk", "number")
    )
    paid = (
        period(Payment.objects.filter(status=Payment.Status.MATCHED, matched_invoice_id__in=list(invoices)))
        .values_list("matched_invoice_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    stage = matter.stage if matter.stage_id else None
    return SettlementInput(
        end=end,
        start=start,
        versions=_versions(matter),
        time=tuple(
            TimeItem(t.pk, t.date, t.specialist_id, t.specialist.full_name, t.minutes, t.description) for t in time
        ),
        expenses=tuple(
            ExpenseItem(e.pk, e.date, e.amount, _category_msgid(e.category), e.description, e.from_advance)
            for e in expenses
        ),
        advances=tuple(
            AdvanceItem(
                id=a.pk,
                purpose=a.purpose,
                received=a.confirmed_amount if a.confirmed_amount is not None else a.amount,
                third_party=a.payer == Advance.Payer.CLIENT_TO_THIRD_PARTY,
                date=a.confirmed_at.date() if a.confirmed_at else None,
            )
            for a in advances
        ),
        invoices=tuple(InvoiceItem(pk, invoices[pk], Decimal(total)) for pk, total in sorted(paid)),
        claims=tuple(
            ClaimItem(a.pk, a.kind, a.amount, timezone.localtime(a.created_at).date(), a.status == a.Status.PAID_OUT)
            for a in BillingAdjustment.objects.filter(matter=matter).order_by("pk")
        ),
        current_stage_order=stage.order if stage is not None else None,
        closed=matter.status == matter.Status.CLOSED,
    )


def settlement_of(matter, *, end: dt.date, start: dt.date | None = None) -> Settlement:
    return settle(settlement_input(matter, end=end, start=start))


def settlement_for(*, user, pk, end: dt.date, start: dt.date | None = None) -> tuple:
    """(matter, settlement) of a matter whose fees the user may see (404 otherwise)."""
    matter = get_visible(fee_matters(user, "view").select_related("stage", "client"), pk=pk)
    return matter, settlement_of(matter, end=end, start=start)
