"""Template helpers of the directory, requests and subcontracting: labels by dict lookup, English where filled."""

from django import template
from django.utils.translation import get_language

from ..models import SpecialistRequest, Subcontract

register = template.Library()

_REQUEST_STATUS = dict(SpecialistRequest.Status.choices)
_SUBCONTRACT_STATUS = dict(Subcontract.Status.choices)
_SUBCONTRACT_KIND = dict(Subcontract.Kind.choices)


@register.filter
def in_reader_language(obj, field: str) -> str:
    """`obj.<field>_en` for an English reader when it is filled, else the Russian `obj.<field>`."""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


@register.filter
def area_name(area) -> str:
    return area.name("en" if (get_language() or "").startswith("en") else "ru")


@register.filter
def years_of_practice(profile):
    return profile.years_of_practice()


@register.filter
def initials(user) -> str:
    return "".join(part[0] for part in user.full_name.split()[:2]).upper()


@register.filter
def request_status_label(value):
    return _REQUEST_STATUS.get(value, value)


@register.filter
def subcontract_status_label(value):
    return _SUBCONTRACT_STATUS.get(value, value)


@register.filter
def subcontract_kind_label(value):
    return _SUBCONTRACT_KIND.get(value, value)
