"""The "Hearings and meetings" section of the matter page: it loads its own rows (a fixed handful of queries)."""

from django import template

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
