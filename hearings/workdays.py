"""The Russian production calendar: which days are working days.

The `holidays` package carries Russia's public holidays and the government's transferred days off,
including the Saturdays made working days (2025-11-01); the firm's corrections (`WorkdayOverride`
rows, entered in the admin when a decree is newer than the installed package) win over it.

`ProductionCalendar` is pure: it takes the corrections as a mapping. `firm_calendar()` gives the
one every caller uses, built from the corrections in the database and kept per process; saving or
deleting a correction drops it (signals below), and a process that did not see the save (a worker)
re-reads the corrections after `RELOAD_AFTER`.
"""

import time
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import WorkdayOverride

RELOAD_AFTER = 300.0  # seconds


# The package's languages for Russia, by the portal's language codes.
PACKAGE_LANGUAGES = {"ru": "ru", "en": "en_US"}


@lru_cache(maxsize=128)
def _russia(year: int, language: str = "ru"):
    return holidays.country_holidays("RU", years=year, language=language)


class ProductionCalendar:
    def __init__(self, overrides: dict[date, bool] | None = None):
        self.overrides = dict(overrides or {})

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return _russia(day.year).is_working_day(day)

    def holiday_name(self, day: date, language: str = "ru") -> str:
        """The package's name of the holiday or transferred day off on `day` ("" for none), in `language`."""
        return _russia(day.year, PACKAGE_LANGUAGES.get(language, "en_US")).get(day) or ""

    def is_weekend(self, day: date) -> bool:
        """A Saturday or a Sunday (whatever the calendar says about working on it)."""
        return day.weekday() >= 5

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_day_on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)


_cached: dict = {"calendar": None, "at": 0.0}


def firm_calendar() -> ProductionCalendar:
    """The firm's production calendar: the package's Russia and the corrections entered in the admin."""
    now = time.monotonic()
    if _cached["calendar"] is None or now - _cached["at"] > RELOAD_AFTER:
        from .selectors.workdays import workday_overrides

        _cached["calendar"] = ProductionCalendar(workday_overrides())
        _cached["at"] = now
    return _cached["calendar"]


def forget_calendar() -> None:
    _cached["calendar"] = None


@receiver(post_save, sender=WorkdayOverride, dispatch_uid="hearings.workdays.saved")
@receiver(post_delete, sender=WorkdayOverride, dispatch_uid="hearings.workdays.deleted")
def _override_changed(**kwargs) -> None:
    forget_calendar()


def is_working_day(day: date) -> bool:
    return firm_calendar().is_working_day(day)


def next_working_day(day: date) -> date:
    return firm_calendar().next_working_day(day)
