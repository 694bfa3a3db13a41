"""The kinds of notices the portal sends: a label for the inbox and the e-mail preferences, whether
the firm makes the e-mail mandatory, and for reminders how many days ahead they go out.

The defaults are here; the firm changes the schedule and the mandatory marks in the admin
(NoticeKindSetting). `reminder_days` and `email_mandatory` are the only readers, so callers never
see where it came from. The firm's rows are read once and kept for a few seconds (and dropped when
one is saved), so a page that lists every kind or a sweep over many reminders costs one query.
"""

import threading
import time
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

APPEARANCE = "hearing_appearance"
DEADLINE = "deadline_reminder"
POWER_EXPIRY = "poa_expiring"
ADVANCE_DUE = "advance_due"
CLAIM_DUE = "claim_due"


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    email_mandatory: bool = False
    reminder_days: tuple[int, ...] = ()


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(APPEARANCE, _("Hearing and meeting reminders"), email_mandatory=True, reminder_days=(7, 1)),
        Kind(DEADLINE, _("Procedural deadline reminders"), email_mandatory=True, reminder_days=(3, 1)),
        Kind(POWER_EXPIRY, _("Powers of attorney about to expire"), reminder_days=(30, 7)),
        Kind(ADVANCE_DUE, _("Advances for duties and costs about to fall due"), reminder_days=(3, 1)),
        Kind("advance", _("Advances for duties and costs: requested, paid, confirmed")),
        Kind(CLAIM_DUE, _("Claims whose answer falls due, and overdue claims"), reminder_days=(3, 1)),
        Kind("claim", _("Claims: filed, answered, refunds paid out")),
        Kind("poa_sent", _("A power of attorney sent for signature")),
        Kind("poa_revoked", _("A power of attorney revoked")),
        Kind("task_submitted", _("A new task")),
        Kind("task_accepted", _("A task accepted")),
        Kind("task_declined", _("A task declined")),
        Kind("task_answered", _("An answer to a task")),
        Kind("deliverable_prepared", _("A result prepared for release")),
        Kind("deliverable_released", _("A result released")),
        Kind("deliverable_sent", _("A result sent")),
        Kind("deliverable_confirmed", _("Receipt of a result confirmed")),
        # The user asked for the result at an address of their choosing: the e-mail is the point.
        Kind("deliverable_email", _("A result sent by e-mail at your request"), email_mandatory=True),
        Kind("message_material", _("Messages on a matter")),
        Kind("recommendation_made", _("A recommendation")),
        Kind("recommendation_answered", _("An answer to a recommendation")),
        Kind("risk_notice", _("A risk notice")),
        Kind("risk_reported", _("A risk reported by the client")),
        Kind("risk_answered", _("An answer about a risk")),
        Kind("specialist_requested", _("A request for a specialist")),
        Kind("specialist_answered", _("An answer to a request for a specialist")),
        Kind("subcontract_proposed", _("A subcontractor proposed")),
        Kind("subcontract_answered", _("An answer about a subcontractor")),
        Kind("disclosure_question", _("A question about the disclosure questionnaire")),
        Kind("disclosure_answer", _("An answer about the disclosure questionnaire")),
        Kind("disclosure_updated", _("The disclosure questionnaire updated")),
        Kind("matter_requested", _("A request for a new matter")),
        Kind("matter_opened", _("A new matter opened")),
        Kind("intake_blocked", _("A new matter held up by a conflict check")),
        Kind("conflict_declined", _("A new matter declined after a conflict check")),
        Kind("hearing_declined", _("An attendee cannot come to a hearing or meeting")),
        Kind("matter_terminated", _("A matter terminated by the client")),
        Kind("work_report_ready", _("A work report ready to download")),
    )
}

CACHE_SECONDS = 10.0
_cache: dict = {}
_lock = threading.Lock()


def clear_cache(**_kwargs) -> None:
    """Forget the firm's settings (a row was saved or deleted; a test starts)."""
    with _lock:
        _cache.clear()


def _firm_settings() -> dict:
    """{kind: (email_mandatory, reminder_days)} of the firm's rows, kept CACHE_SECONDS."""
    with _lock:
        if _cache and time.monotonic() - _cache["at"] < CACHE_SECONDS:
            return _cache["rows"]
    from .models import NoticeKindSetting

    rows = {row.kind: (row.email_mandatory, row.days()) for row in NoticeKindSetting.objects.all()}
    with _lock:
        _cache.update(at=time.monotonic(), rows=rows)
    return rows


def label(kind: str) -> str:
    known = KINDS.get(kind)
    return known.label if known else kind


def reminder_days(kind: str) -> tuple[int, ...]:
    """How many days ahead the reminders of `kind` go out, furthest first."""
    firm = _firm_settings().get(kind)
    if firm is not None:
        return firm[1]
    known = KINDS.get(kind)
    return tuple(sorted(known.reminder_days, reverse=True)) if known else ()


def email_mandatory(kind: str) -> bool:
    """Whether the firm sends this kind by e-mail whatever the user chose."""
    firm = _firm_settings().get(kind)
    if firm is not None:
        return firm[0]
    known = KINDS.get(kind)
    return bool(known and known.email_mandatory)
