"""The matter page's links to its thread and its risks, with what waits for the viewer: one query each."""

from django import template

from ..selectors.messages import unread_count
from ..selectors.risk import open_risk_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages_on(context, matter) -> int:
    return unread_count(user=context["request"].user, matter=matter)


@register.simple_tag(takes_context=True)
def open_risks_on(context, matter) -> int:
    return open_risk_count(user=context["request"].user, matter=matter)
