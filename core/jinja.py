"""Django's Jinja2 backend for the few hot fragments a profile points at (issue 14: list rows).

The Django template engine costs about 10 µs per variable; a 50-row list is hundreds of them. Jinja2
compiles a template to Python, so the same rows render 3–4× faster. Pages stay Django templates (the
layout, forms, everything else); a page includes a Jinja2 fragment with `{% jinja "app/_rows.html" %}`
(core.templatetags.fragments), which hands it the page's context.

The fragments live in each app's `jinja2/` folder, translate with `{{ _("…") }}` — Django's gettext, so
`makemessages` finds the strings as it does in Django templates — and escape everything (autoescape).
Apps add their filters through `register_filter` in AppConfig.ready(): core imports no app.
"""

import datetime
import itertools
import re
from operator import attrgetter

from django.conf import settings
from django.core.signals import setting_changed
from django.template import defaultfilters
from django.template.defaultfilters import truncatechars
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.formats import get_format
from jinja2 import Environment

from .templatetags.money import roubles

_filters: dict = {}
# The apps above core hand in what the layout's header asks of them (billing: which of its pages the menu offers).
_globals: dict = {"billing_menu": lambda user: {}}


def register_filter(name: str, function) -> None:
    _filters[name] = function


def register_global(name: str, function) -> None:
    _globals[name] = function


_urls: dict = {}


def _url(name: str, *args, **kwargs) -> str:
    """reverse(); a URL without arguments is remembered per process (the header asks for twenty on every page).
    Such a URL depends on nothing but the URLconf and the script prefix, both in the key."""
    if args or kwargs:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    key = (name, get_urlconf(), get_script_prefix())
    url = _urls.get(key)
    if url is None:
        url = _urls[key] = reverse(name)
    return url


# --- date and time filters: Django's own, without re-reading the format string on every value -------------
# Django's `date` and `time` filters split the format into its characters and look each up on a new
# DateFormat object for every value (~10 µs; a list page formats a hundred and more). For the formats the
# portal uses (formats/*/formats.py: d.m.Y, H:i, ISO 8601 for <time datetime>), every character is a number
# written the same in every language: those are compiled once to a list of small functions. Any other
# character (a month's name, a time zone) goes to Django's filter as before, and so does any other value.
_FORMAT_CHARS = re.compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")  # django.utils.dateformat's
_ESCAPED = re.compile(r"\\(.)")
_NUMBERS = {
    "d": lambda v: f"{v.day:02d}",
    "j": lambda v: str(v.day),
    "m": lambda v: f"{v.month:02d}",
    "n": lambda v: str(v.month),
    "Y": lambda v: f"{v.year:04d}",
    "y": lambda v: f"{v.year % 100:02d}",
    "c": lambda v: v.isoformat(),
}
_CLOCK = {
    "H": lambda v: f"{v.hour:02d}",
    "G": lambda v: str(v.hour),
    "i": lambda v: f"{v.minute:02d}",
    "s": lambda v: f"{v.second:02d}",
}
_plans: dict = {}


def _plan(fmt: str) -> tuple[tuple, bool, bool] | None:
    """The format compiled: (its pieces, whether it reads the date, whether the clock), None if it has another
    character."""
    try:
        return _plans[fmt]
    except KeyError:
        pass
    pieces, reads_date, reads_clock = [], False, False
    for i, piece in enumerate(_FORMAT_CHARS.split(fmt)):
        if i % 2:
            if piece in _NUMBERS:
                reads_date = True
                pieces.append(_NUMBERS[piece])
            elif piece in _CLOCK:
                reads_clock = True
                pieces.append(_CLOCK[piece])
            else:
                pieces = None
                break
        elif piece:
            text = _ESCAPED.sub(r"\1", piece)
            pieces.append(lambda v, text=text: text)
    plan = None if pieces is None else (tuple(pieces), reads_date, reads_clock)
    _plans[fmt] = plan
    return plan


def date(value, arg=None):
    """Django's `date` filter, the same answer faster for a date or datetime in a numeric format."""
    kind = type(value)
    if kind is datetime.datetime or kind is datetime.date:
        plan = _plan(str(get_format(arg or "DATE_FORMAT")))
        if plan is not None and (kind is datetime.datetime or not plan[2]):
            return "".join([piece(value) for piece in plan[0]])
    return defaultfilters.date(value, arg)


def time(value, arg=None):
    """Django's `time` filter, the same answer faster for a time or datetime in a format of the clock's numbers."""
    kind = type(value)
    if kind is datetime.datetime or kind is datetime.time:
        plan = _plan(str(get_format(arg or "TIME_FORMAT")))
        if plan is not None and not plan[1]:
            return "".join([piece(value) for piece in plan[0]])
    return defaultfilters.time(value, arg)


def _forget(**kwargs) -> None:
    # A test that changes the URLconf or the formats: what was remembered under the old ones goes.
    _urls.clear()
    _plans.clear()


setting_changed.connect(_forget)


def regroup(items, attribute: str) -> list[tuple]:
    """Django's {% regroup %}: consecutive items with the same attribute, in the order given (Jinja2's
    groupby sorts first, which would turn a newest-first list around)."""
    return [(key, list(group)) for key, group in itertools.groupby(items, key=attrgetter(attribute))]


def environment(**options) -> Environment:
    options.pop("autoescape", None)
    extensions = [*options.pop("extensions", ()), "jinja2.ext.i18n"]
    env = Environment(autoescape=True, extensions=extensions, **options)  # these fragments are HTML: always escaped
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    # localtime: Django templates turn aware datetimes into the current time zone by themselves; Jinja2 is told.
    env.filters.update(
        date=date,
        time=time,
        truncatechars=truncatechars,
        regroup=regroup,
        localtime=timezone.localtime,
        roubles=roubles,
        **_filters,
    )
    env.globals.update(url=_url, static=static, settings=settings, **_globals)
    return env
