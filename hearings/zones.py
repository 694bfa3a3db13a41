"""Time zones of the places where hearings happen: the choices offered, their names, local wall-clock times.

A hearing is stored in UTC; the form takes the wall-clock time of the place (a court in Moscow for
a firm in Yekaterinburg) and the pages and e-mails show it in the place's zone and, when that differs,
in the reader's.
"""

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Russia's zones (no daylight saving time since 2014), west to east.
ZONES = (
    ("Europe/Kaliningrad", _("Kaliningrad, UTC+2")),
    ("Europe/Moscow", _("Moscow, UTC+3")),
    ("Europe/Samara", _("Samara, UTC+4")),
    ("Asia/Yekaterinburg", _("Yekaterinburg, UTC+5")),
    ("Asia/Omsk", _("Omsk, UTC+6")),
    ("Asia/Novosibirsk", _("Novosibirsk, UTC+7")),
    ("Asia/Krasnoyarsk", _("Krasnoyarsk, UTC+7")),
    ("Asia/Irkutsk", _("Irkutsk, UTC+8")),
    ("Asia/Yakutsk", _("Yakutsk, UTC+9")),
    ("Asia/Vladivostok", _("Vladivostok, UTC+10")),
    ("Asia/Magadan", _("Magadan, UTC+11")),
    ("Asia/Kamchatka", _("Kamchatka, UTC+12")),
)
_LABELS = dict(ZONES)


def zone_choices() -> list[tuple[str, str]]:
    """The zones offered, with the firm's own first among them if it is not a Russian one."""
    choices = list(ZONES)
    if settings.TIME_ZONE not in _LABELS:
        choices.insert(0, (settings.TIME_ZONE, settings.TIME_ZONE))
    return choices


def zone_label(name: str):
    """The zone's name for people (lazy: it is rendered in the reader's language)."""
    return _LABELS.get(name, name)


def zone_of(name: str) -> ZoneInfo | None:
    """The zone by its IANA name; None for a name that is not one."""
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def at_place(wall: dt.datetime, zone_name: str) -> dt.datetime:
    """A wall-clock time of the place (naive, or aware in any zone: its clock reading is kept) made aware there."""
    return wall.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone_name))
