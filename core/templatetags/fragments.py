"""`{% jinja "app/_rows.html" %}`: a Jinja2 fragment (core.jinja) rendered with the page's context; and
`{% layout_header %}`: the layout's header, remembered per process by everything it shows."""

import secrets
from collections import OrderedDict

from django import template
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from markupsafe import Markup

register = template.Library()

HEADER = "core/_header.html"


@register.simple_tag(takes_context=True)
def jinja(context, name: str):
    fragment = engines["jinja2"].get_template(name)
    request = getattr(context, "request", None)
    # The fragment's output is Jinja2's, autoescaped: every value in it went through escape().
    return mark_safe(fragment.render(context.flatten(), request=request))  # noqa: S308


# --- the layout's header -------------------------------------------------------------------------------
# Every page renders the same header for the same person on the same page: ~40 links and labels, about a
# millisecond of a signed-in page (make bench, cProfile of a kept dashboard: a third of the page). Its output
# is a function of the values `header_key` lists and nothing else, so it is remembered per process under
# exactly those values (a rename, another count of unread notices, another page or language is another key:
# nothing to invalidate). The CSRF token of its two forms is this request's: kept as a one-off marker.
# core/jinja2/core/_header.html: a value it starts to read must be added to header_key.

_MARK = f"csrf{secrets.token_hex(16)}"
# As Django writes it; the marker is our own hex: nothing to escape.
_MARK_INPUT = Markup(f'<input type="hidden" name="csrfmiddlewaretoken" value="{_MARK}">')  # noqa: S704
_headers: OrderedDict = OrderedDict()
HEADERS_KEPT = 2000  # a few MB per process at most


def header_key(flat: dict, request) -> tuple | None:
    """Everything the header shows; None when it cannot be told (then it is rendered as any fragment)."""
    from core.jinja import _globals

    user = flat.get("user")
    if user is None or request is None:
        return None
    signed_in = bool(user.is_authenticated)
    person = ()
    if signed_in:
        client = user.client if user.client_id else None
        person = (
            user.pk,
            user.role,
            user.get_role_display(),
            user.get_short_name(),
            user.email,
            str(client) if client is not None else "",
            user.is_staff,
            user.is_active,
            user.is_client_user,
            user.is_firm,
            user.is_lawyer,
            user.sees_everything,
            tuple(sorted(_globals["billing_menu"](user).items())),
            str(flat.get("unread_notices") or 0),
        )
    return (
        get_urlconf(),  # the menu's links (the URLconf and the prefix a deployment serves under)
        get_script_prefix(),
        str(flat.get("LANGUAGE_CODE")),
        tuple(flat.get("LANGUAGE_CHOICES") or ()),
        str(flat.get("portal_name")),
        request.path,
        request.get_full_path(),
        signed_in,
        person,
    )


@register.simple_tag(takes_context=True)
def layout_header(context):
    request = getattr(context, "request", None)
    flat = context.flatten()
    key = header_key(flat, request)
    if key is None:
        return jinja(context, HEADER)
    html = _headers.get(key)
    if html is None:
        fragment = engines["jinja2"].get_template(HEADER).template  # the Jinja2 template itself: no request hooks
        html = fragment.render({**flat, "request": request, "csrf_input": _MARK_INPUT})
        _headers[key] = html
        if len(_headers) > HEADERS_KEPT:
            _headers.popitem(last=False)
    else:
        _headers.move_to_end(key)
    # Jinja2's autoescaped output; the marker is ours and stands where the token goes.
    return mark_safe(html.replace(_MARK, get_token(request)) if _MARK in html else html)  # noqa: S308
