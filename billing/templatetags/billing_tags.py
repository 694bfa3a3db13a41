"""The "Fees and time" section of the matter page (a fixed handful of queries) and money/time filters."""

from django import template
from django.utils.translation import gettext as _

from core.templatetags.money import roubles

from ..access import billing_menu as _billing_menu
from ..access import fee_matters, restrict_terminations, termination_matters
from ..selectors import matter_fee_summary

register = template.Library()


@register.inclusion_tag("billing/_matter_section.html", takes_context=True)
def matter_fees(context, matter):
    user = context["user"]
    return {
        "user": user,
        "matter": matter,
        "summary": matter_fee_summary(user, matter),
        "may_change": user.is_firm and fee_matters(user, "change").filter(pk=matter.pk).exists(),
        # Rule 14: the way to terminate (the client; its lead or a partner on a letter), or the termination.
        "may_terminate": termination_matters(user).filter(pk=matter.pk).exists(),
        "terminated": restrict_terminations(user).filter(matter_id=matter.pk).exists(),
    }


@register.filter
def duration(minutes) -> str:
    """90 → «1 h 30 min» (in the reader's language)."""
    try:
        minutes = int(minutes or 0)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}
    if hours:
        return _("%(h)d h") % {"h": hours}
    return _("%(m)d min") % {"m": rest}


register.filter("roubles", roubles)  # core's, so that pages below billing show money the same way


@register.simple_tag
def billing_menu(user) -> dict[str, bool]:
    """`{% billing_menu user as billing %}`: which billing pages the menu offers (billing.access.billing_menu)."""
    return _billing_menu(user)
