"""Procedural periods: from a triggering date and a rule to the last day, with the arithmetic shown.

How the codes count (the same in the three procedural codes, as in force since the 2019 reform):
- a period starts on the day after the date or event that triggers it (АПК РФ ст. 113 ч. 2,
  ГПК РФ ст. 107 ч. 3, КАС РФ ст. 92; ГК РФ ст. 191);
- a period in months ends on the same-numbered day of its last month, or on that month's last day
  when it has no such day (АПК РФ ст. 114 ч. 3, ГПК РФ ст. 108 ч. 1, КАС РФ ст. 93; ГК РФ ст. 192);
- a period in days counts working days only (АПК РФ ст. 113 ч. 3, ГПК РФ ст. 107 ч. 3, КАС РФ ст. 92);
  a civil-law period in days counts calendar days (ГК РФ ст. 191);
- a period whose last day is a non-working day ends on the next working day (АПК РФ ст. 114 ч. 4,
  ГПК РФ ст. 108 ч. 2, КАС РФ ст. 93 ч. 2; ГК РФ ст. 193).

`compute(rule, trigger_date)` returns the last day and its steps. A step is stored as a message id
and values (`{"msgid": …, "params": {…}}`, the shape of timeline lines) so that each reader sees it
in their own language (`explain`). A value is a plain string, or typed: {"date": iso} (a date in
the reader's format), {"t": msgid} (a translated phrase), {"weekday": iso} (the day's name),
{"months"|"workdays"|"days": n} (an amount with its plural).
"""

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from .period_rules import CALENDAR_DAYS, MONTHS, RULES, WORKDAYS, Regime, Rule, parse_rule
from .workdays import ProductionCalendar, firm_calendar, is_working_day, next_working_day

__all__ = [
    "RULES",
    "Computation",
    "ProductionCalendar",
    "Rule",
    "add_months",
    "compute",
    "explain",
    "explain_step",
    "is_working_day",
    "next_working_day",
    "parse_rule",
    "weekday_name",
]

MAX_DAYS = 3660


@dataclass(frozen=True)
class Computation:
    due_on: date
    steps: list[dict]
    rule: str


def _step(msgid: str, **params) -> dict:
    return {"msgid": msgid, "params": params}


def _d(day: date) -> dict:
    return {"date": day.isoformat()}


def add_months(day: date, months: int) -> date:
    """The same-numbered day `months` later, or the last day of that month when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _add_workdays(day: date, count: int, cal: ProductionCalendar) -> tuple[date, int]:
    """The `count`-th working day after `day`, and how many non-working days were passed over."""
    skipped = 0
    while count:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            count -= 1
        else:
            skipped += 1
    return day, skipped


def _reason(day: date, cal: ProductionCalendar) -> dict:
    """Why a day is not a working day: the firm's correction, the holiday's name, or the weekend."""
    if day in cal.overrides:
        return {"t": gettext_noop("a day off by the firm's correction of the calendar")}
    if cal.holiday_name(day, "en"):
        return {"holiday": day.isoformat()}
    return {"weekday": day.isoformat()}


def compute(rule: str, trigger_date: date, *, calendar: ProductionCalendar | None = None) -> Computation:
    """The last day of the period `rule` ("apk_appeal", "custom_workdays:10") started by `trigger_date`.

    Raises ValueError for an unknown rule or an amount out of range (the services turn it into a
    translated message).
    """
    known, amount = parse_rule(rule)
    cal = calendar or firm_calendar()
    regime: Regime = known.regime
    steps = [_step(gettext_noop("%(trigger)s: %(date)s"), trigger={"t": known.trigger}, date=_d(trigger_date))]
    if known.unit == MONTHS:
        end = add_months(trigger_date, amount)
        if end.day != trigger_date.day:
            steps.append(
                _step(
                    gettext_noop("+ %(amount)s: that month has no day %(day)s, so its last day %(date)s (%(basis)s)"),
                    amount={"months": amount},
                    day=str(trigger_date.day),
                    date=_d(end),
                    basis={"t": regime.months},
                )
            )
        else:
            steps.append(
                _step(
                    gettext_noop("+ %(amount)s (%(basis)s) = %(date)s"),
                    amount={"months": amount},
                    date=_d(end),
                    basis={"t": regime.months},
                )
            )
    elif known.unit == WORKDAYS:
        end, skipped = _add_workdays(trigger_date, amount, cal)
        steps.append(
            _step(
                gettext_noop("+ %(amount)s from the next day, non-working days not counted (%(basis)s) = %(date)s"),
                amount={"workdays": amount},
                date=_d(end),
                basis={"t": regime.workdays},
            )
        )
        if skipped:
            steps.append(_step(gettext_noop("Non-working days passed over: %(count)s"), count=str(skipped)))
    else:
        end = trigger_date + timedelta(days=amount)
        steps.append(
            _step(
                gettext_noop("+ %(amount)s from the next day (%(basis)s) = %(date)s"),
                amount={"days": amount},
                date=_d(end),
                basis={"t": regime.start},
            )
        )
    if not cal.is_working_day(end):
        moved = cal.next_working_day(end)
        steps.append(
            _step(
                gettext_noop("%(date)s is a non-working day: %(reason)s → next working day %(next)s (%(basis)s)"),
                date=_d(end),
                reason=_reason(end, cal),
                next=_d(moved),
                basis={"t": regime.shift},
            )
        )
        end = moved
    steps.append(_step(gettext_noop("Last day: %(date)s"), date=_d(end)))
    return Computation(due_on=end, steps=steps, rule=rule)


# --- reading the steps in the reader's language -------------------------------------------------


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _amount(kind: str, n: int) -> str:
    if kind == "months":
        return ngettext("%(n)s month", "%(n)s months", n) % {"n": n}
    if kind == "workdays":
        return ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n}
    return ngettext("%(n)s calendar day", "%(n)s calendar days", n) % {"n": n}


def _value(value) -> str:
    if not isinstance(value, dict):
        return str(value)
    if "date" in value:
        return formats.date_format(date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
    if "t" in value:
        return gettext(value["t"])
    if "weekday" in value:
        name = str(WEEKDAYS[date.fromisoformat(value["weekday"]).weekday()])
        return name.lower() if _language() == "ru" else name
    if "holiday" in value:
        day = date.fromisoformat(value["holiday"])
        name = firm_calendar().holiday_name(day, _language()) or gettext("a holiday or a transferred day off")
        return name[:1].lower() + name[1:] if _language() == "ru" else name
    for kind in ("months", "workdays", "days"):
        if kind in value:
            return _amount(kind, int(value[kind]))
    return ""


def weekday_name(day: date) -> str:
    """The day's name in the active language, as it reads inside a sentence ("Monday", «понедельник»)."""
    return _value({"weekday": day.isoformat()})


def explain_step(step: dict) -> str:
    """One stored step as a line in the active language."""
    try:
        params = {key: _value(value) for key, value in (step.get("params") or {}).items()}
        return gettext(step["msgid"]) % params
    except (KeyError, TypeError, ValueError):
        return gettext(step.get("msgid", "")) if isinstance(step, dict) else ""


def explain(steps) -> list[str]:
    """The stored steps of a computation as lines in the active language."""
    return [explain_step(step) for step in steps or [] if isinstance(step, dict)]


__all__ += ["CALENDAR_DAYS", "MAX_DAYS", "MONTHS", "WORKDAYS"]
