"""Labels for list rows: a dict lookup per row instead of Model.get_FOO_display (which rebuilds the choices)."""

from django import template

from ..models import Matter, Task

register = template.Library()

_TASK_STATUS = dict(Task.Status.choices)
_TASK_CHANNEL = dict(Task.Channel.choices)
_MATTER_STATUS = dict(Matter.Status.choices)


@register.filter
def task_status_label(value):
    return _TASK_STATUS.get(value, value)


@register.filter
def task_channel_label(value):
    return _TASK_CHANNEL.get(value, value)


@register.filter
def matter_status_label(value):
    return _MATTER_STATUS.get(value, value)
