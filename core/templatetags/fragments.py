"""`{% jinja "app/_rows.html" %}`: a Jinja2 fragment (core.jinja) rendered with the page's context."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, name: str):
    fragment = engines["jinja2"].get_template(name)
    request = getattr(context, "request", None)
    # The fragment's output is Jinja2's, autoescaped: every value in it went through escape().
    return mark_safe(fragment.render(context.flatten(), request=request))  # noqa: S308
