"""Template helpers of the powers-of-attorney register: status labels by dict lookup."""

from django import template

from ..models import PowerOfAttorney

register = template.Library()

_STATUS = dict(PowerOfAttorney.Status.choices)


@register.filter
def poa_status_label(value):
    return _STATUS.get(value, value)
