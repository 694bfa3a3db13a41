"""Deadlines in templates: the stored arithmetic and the rule in the reader's language, and the matter section."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext

from ..period_rules import RULES, parse_rule
from ..periods import explain, weekday_name

register = template.Library()


@register.filter
def deadline_steps(steps) -> list[str]:
    """The stored steps of a computation, as lines in the active language."""
    return explain(steps)


@register.filter
def weekday(day) -> str:
    """The day's name in the active language, as inside a sentence."""
    return weekday_name(day) if day else ""


@register.filter
def deadline_rule_label(code: str) -> str:
    """The rule's label and its article ("Arbitration: appeal… — APC RF Art. 259(1)"); "" for a typed date."""
    if not code:
        return ""
    try:
        rule, _amount = parse_rule(code)
    except ValueError:
        rule = RULES.get(code.partition(":")[0])
        if rule is None:
            return code
    return f"{gettext(rule.label)} — {gettext(rule.basis)}"


@register.inclusion_tag("hearings/deadlines/_matter_section.html", takes_context=True)
def matter_deadlines(context, matter):
    """The matter page's "Deadlines" section: a fixed number of queries whatever the number of deadlines."""
    from ..selectors.deadlines import deadline_section

    user = context["user"]
    section = deadline_section(user=user, matter=matter)
    return {**section, "user": user, "matter": matter, "today": timezone.localdate()}
