"""Django's Jinja2 backend for the few hot fragments a profile points at (issue 14: list rows).

The Django template engine costs about 10 µs per variable; a 50-row list is hundreds of them. Jinja2
compiles a template to Python, so the same rows render 3–4× faster. Pages stay Django templates (the
layout, forms, everything else); a page includes a Jinja2 fragment with `{% jinja "app/_rows.html" %}`
(core.templatetags.fragments), which hands it the page's context.

The fragments live in each app's `jinja2/` folder, translate with `{{ _("…") }}` — Django's gettext, so
`makemessages` finds the strings as it does in Django templates — and escape everything (autoescape).
Apps add their filters through `register_filter` in AppConfig.ready(): core imports no app.
"""

import itertools
from operator import attrgetter

from django.conf import settings
from django.template.defaultfilters import date, time, truncatechars
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from jinja2 import Environment

from .templatetags.money import roubles

_filters: dict = {}
# The apps above core hand in what the layout's header asks of them (billing: which of its pages the menu offers).
_globals: dict = {"billing_menu": lambda user: {}}


def register_filter(name: str, function) -> None:
    _filters[name] = function


def register_global(name: str, function) -> None:
    _globals[name] = function


def _url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
