"""Services of the notices app: the outbox (write and deliver), reminders (notices scheduled ahead) and the
inbox (read marks, preferences, resending a dead letter). Callers import from here."""

from .inbox import notice_preferences_set, notice_read, notice_resend, notices_read_all
from .outbox import (
    notice_deliver,
    notice_send_message,
    notice_sweep,
    notice_to_address,
    notice_to_user,
    notice_to_users,
    notices_cancel,
    notices_claim_due,
    retry_delay,
    wants_email,
)
from .reminders import notices_schedule, reminder_at

__all__ = [
    "notice_deliver",
    "notice_preferences_set",
    "notice_read",
    "notice_resend",
    "notice_send_message",
    "notice_sweep",
    "notice_to_address",
    "notice_to_user",
    "notice_to_users",
    "notices_cancel",
    "notices_claim_due",
    "notices_read_all",
    "notices_schedule",
    "reminder_at",
    "retry_delay",
    "wants_email",
]
