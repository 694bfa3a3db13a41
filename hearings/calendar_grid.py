"""Date arithmetic of the calendar page: months, the weeks a month view shows, the agenda's days.

Weeks start on Monday (Russian and the firm's custom). Query strings are parsed leniently: a value
that is not a date is ignored (the page falls back to today), never an error.
"""

import datetime as dt

AGENDA_WEEKS = 4
# Month and day values far outside any hearing are refused as garbage (and keep date arithmetic safe).
FIRST_YEAR, LAST_YEAR = 1990, 2200


def parse_month(value: str | None) -> dt.date | None:
    """'2026-12' → 2026-12-01; anything else → None."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        return None


def parse_day(value: str | None) -> dt.date | None:
    """'2026-12-07' → that date; anything else → None."""
    try:
        day = dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_weeks(first: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday on or before the month's first day, and the day after the Sunday ending its last week."""
    start = first - dt.timedelta(days=first.weekday())
    last = shift_month(first, 1) - dt.timedelta(days=1)
    end = last + dt.timedelta(days=7 - last.weekday())
    return start, end


def agenda_days(entries, zone) -> list[tuple[dt.date, list]]:
    """The entries grouped by their day (in `zone`), in order; days without entries are left out."""
    days: dict[dt.date, list] = {}
    for entry in entries:
        days.setdefault(entry.day(zone), []).append(entry)
    return list(days.items())
