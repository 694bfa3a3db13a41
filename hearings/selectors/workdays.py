"""The firm's corrections to the production calendar (hearings.workdays reads them once per process)."""

from datetime import date

from ..models import WorkdayOverride


def workday_overrides() -> dict[date, bool]:
    """Every correction entered in the admin: day → whether it is a working day. Reference data, no scope."""
    return dict(WorkdayOverride.objects.values_list("day", "is_working"))
