"""What an act of a matter for a period may cover (the preview and the issue's choice), see acts.py."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.errors import ValidationError

from ..models import ActLine, Expense, FeeArrangement, TimeEntry, WorkStatus
from ..money import Line

HOURS = Decimal(60)
QUANTITY = Decimal("0.0001")
ACTABLE = (WorkStatus.APPROVED, WorkStatus.BILLED)


@dataclass
class Candidate:
    key: str
    source: str
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    minutes: int | None = None
    ticked: bool = True
    refs: dict = field(default_factory=dict)

    def money(self, rate) -> Line:
        if self.minutes:
            return Line(Decimal(self.minutes), self.unit_price / HOURS, rate)
        return Line(self.quantity, self.unit_price, rate)

    @property
    def gross(self) -> Decimal:
        return self.money(None).amounts().gross


def _arrangements(matter) -> list:
    return list(
        FeeArrangement.objects.filter(matter=matter)
        .prefetch_related("rates", "stage_amounts__stage")
        .order_by("-valid_from", "-version")
    )


def _in_force(arrangements, on: dt.date):
    for arrangement in arrangements:
        if arrangement.valid_from <= on:
            return arrangement
    return None


def _rate(arrangement, specialist) -> Decimal:
    for rate in arrangement.rates.all():
        if rate.specialist_id == specialist.pk:
            return rate.rate
    if arrangement.default_rate:
        return arrangement.default_rate
    raise ValidationError(
        _("The fee arrangement sets no hourly rate for %(name)s.") % {"name": specialist.full_name},
        fields={"period_end": [_("No hourly rate for this specialist.")]},
    )


def _months(start: dt.date, end: dt.date):
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def acted_keys(matter) -> set[str]:
    return set(ActLine.objects.filter(matter=matter, correction=False).exclude(key="").values_list("key", flat=True))


def _check_period(period_start, period_end, act_date=None) -> None:
    errors = {}
    if not isinstance(period_start, dt.date):
        errors["period_start"] = [_("Enter the start of the period.")]
    if not isinstance(period_end, dt.date):
        errors["period_end"] = [_("Enter the end of the period.")]
    if not errors and period_start > period_end:
        errors["period_end"] = [_("The period ends before it starts.")]
    if act_date is not None and not errors:
        if act_date > timezone.localdate():
            errors["act_date"] = [_("An act cannot be dated in the future.")]
        elif act_date < period_start:
            errors["act_date"] = [_("An act cannot be dated before its period starts.")]
    if errors:
        raise ValidationError(fields=errors)


def act_candidates(*, matter, period_start: dt.date, period_end: dt.date, final: bool = False) -> list[Candidate]:
    """What an act of `matter` for the period may cover and is not yet acted, in the client's language."""
    _check_period(period_start, period_end)
    done = acted_keys(matter)
    arrangements = _arrangements(matter)
    found: list[Candidate] = []
    language = matter.client.language or "ru"
    with translation.override(language):
        between = {"matter": matter, "status__in": ACTABLE, "date__gte": period_start, "date__lte": period_end}
        for entry in (
            TimeEntry.objects.filter(billable=True, **between).select_related("specialist").order_by("date", "pk")
        ):
            arrangement = _in_force(arrangements, entry.date)
            if arrangement is None or arrangement.kind != FeeArrangement.Kind.HOURLY or f"time:{entry.pk}" in done:
                continue
            found.append(
                Candidate(
                    key=f"time:{entry.pk}",
                    source=ActLine.Source.TIME,
                    description=f"{entry.date:%d.%m.%Y} {entry.specialist.get_short_name()}: {entry.description}"[:500],
                    quantity=(Decimal(entry.minutes) / HOURS).quantize(QUANTITY),
                    unit=ActLine.Unit.HOUR,
                    minutes=entry.minutes,
                    unit_price=_rate(arrangement, entry.specialist),
                    refs={"time_entry": entry},
                )
            )
        current = _in_force(arrangements, period_end)
        if current is not None and current.kind == FeeArrangement.Kind.FIXED_STAGES:
            now_order = matter.stage.order if matter.stage_id else None
            for amount in current.stage_amounts.all():
                stage = amount.stage
                if f"stage:{stage.pk}" in done or now_order is None or stage.order > now_order:
                    continue
                found.append(
                    Candidate(
                        key=f"stage:{stage.pk}",
                        source=ActLine.Source.STAGE,
                        description=_("Legal services, stage «%(stage)s»") % {"stage": stage.name(language)},
                        quantity=Decimal(1),
                        unit=ActLine.Unit.SERVICE,
                        unit_price=amount.amount,
                        ticked=stage.order < now_order,
                        refs={"stage": stage},
                    )
                )
        for month in _months(period_start, period_end):
            arrangement = _in_force(arrangements, max(month, period_start))
            key = f"retainer:{month:%Y-%m}"
            if arrangement is None or arrangement.kind != FeeArrangement.Kind.RETAINER or key in done:
                continue
            found.append(
                Candidate(
                    key=key,
                    source=ActLine.Source.RETAINER,
                    description=_("Legal services under the monthly retainer, %(month)s")
                    % {"month": formats.date_format(month, "YEAR_MONTH_FORMAT")},
                    quantity=Decimal(1),
                    unit=ActLine.Unit.MONTH,
                    unit_price=arrangement.monthly_amount,
                )
            )
        if current is not None and current.kind == FeeArrangement.Kind.FIXED and "fixed" not in done:
            found.append(
                Candidate(
                    key="fixed",
                    source=ActLine.Source.FIXED,
                    description=_("Legal services on matter %(number)s, fixed fee") % {"number": matter.number},
                    quantity=Decimal(1),
                    unit=ActLine.Unit.SERVICE,
                    unit_price=current.fixed_amount,
                    ticked=final,
                )
            )
        for expense in Expense.objects.filter(**between).order_by("date", "pk"):
            if f"expense:{expense.pk}" in done:
                continue
            found.append(
                Candidate(
                    key=f"expense:{expense.pk}",
                    source=ActLine.Source.EXPENSE,
                    description=(
                        _("%(date)s expense: %(what)s")
                        % {"date": f"{expense.date:%d.%m.%Y}", "what": expense.description}
                    )[:500],
                    quantity=Decimal(1),
                    unit=ActLine.Unit.SERVICE,
                    unit_price=expense.amount,
                    refs={"expense": expense},
                )
            )
    return found
