"""The kinds of notices the portal sends: a label for the inbox and the e-mail preferences, whether
the firm makes the e-mail mandatory, and for reminders how many days ahead they go out.

The defaults are here; the firm changes the schedule and the mandatory marks in the admin
(`reminder_days` and `email_mandatory` are the only readers, so callers never see where it came from).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

APPEARANCE = "hearing_appearance"
DEADLINE = "deadline_reminder"
POWER_EXPIRY = "poa_expiring"


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
    )
}


def reminder_days(kind: str) -> tuple[int, ...]:
    """How many days ahead the reminders of `kind` go out, furthest first."""
    known = KINDS.get(kind)
    return tuple(sorted(known.reminder_days, reverse=True)) if known else ()


def email_mandatory(kind: str) -> bool:
    """Whether the firm sends this kind by e-mail whatever the user chose."""
    known = KINDS.get(kind)
    return bool(known and known.email_mandatory)
