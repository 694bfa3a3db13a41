"""Writes of billing: the firm's requisites, fee arrangements, time entries and expenses."""

from .fees import set_fee_arrangement
from .firm import create_firm_profile
from .work import (
    approve_work,
    billing_lock,
    delete_work,
    record_expense,
    record_time,
    return_work,
    submit_work,
    update_work,
)

__all__ = [
    "approve_work",
    "billing_lock",
    "create_firm_profile",
    "delete_work",
    "record_expense",
    "record_time",
    "return_work",
    "set_fee_arrangement",
    "submit_work",
    "update_work",
]
