"""The "Hearings and meetings" section of the matter page: it loads its own rows (a fixed handful of queries)."""

from django import template
from django.utils import formats
from django.utils.translation import get_language

from ..access import may_manage_matter
from ..models import Attendee
from ..selectors.hearings import matter_hearings as _matter_hearings
from ..selectors.hearings import poa_missing

register = template.Library()


@register.inclusion_tag("hearings/_matter_section.html", takes_context=True)
def matter_hearings(context, matter):
    user = context["user"]
    hearings = _matter_hearings(user=user, matter=matter)
    firm = user.is_firm
    for hearing in hearings:
        hearing.unconfirmed = (
            sum(1 for a in hearing.attendees.all() if a.response == Attendee.Response.PENDING) if firm else 0
        )
    return {
        "user": user,
        "matter": matter,
        "hearings": hearings,
        "poa_missing": poa_missing(hearings) if firm else set(),
        "may_schedule": matter.status != "closed" and may_manage_matter(user, matter),
    }


@register.filter(expects_localtime=True)
def weekday(value) -> str:
    """The day of the week as a sentence shows it: «пятница» in Russian (Django's «l» is capitalised), "Friday"."""
    if not value:
        return ""
    name = formats.date_format(value, "l")
    return name.lower() if (get_language() or "").startswith("ru") else name
