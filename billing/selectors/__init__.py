"""Scoped reads of billing: the firm's requisites and VAT on a date, arrangements, time and expenses."""

from .firm import firm_profile_on, vat_rate_on
from .work import (
    arrangement_versions,
    current_arrangement,
    matter_fee_summary,
    my_week,
    work_get,
    work_list,
    work_totals,
)

__all__ = [
    "arrangement_versions",
    "current_arrangement",
    "firm_profile_on",
    "matter_fee_summary",
    "my_week",
    "vat_rate_on",
    "work_get",
    "work_list",
    "work_totals",
]
