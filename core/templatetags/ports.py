"""Template access to core.ports: what the apps above (billing) say about an object on its page."""

from django import template

from core import ports as core_ports

register = template.Library()


@register.simple_tag
def blocking_advances(obj) -> list:
    """`{% blocking_advances task as blocked %}`: the overdue advances that block the action."""
    if obj is None:
        return []
    return core_ports.blocking_advances([obj]).get(obj, [])


@register.simple_tag
def overdue_advances(matter) -> list:
    return core_ports.overdue_advances(matter.pk) if matter is not None else []


@register.inclusion_tag("core/_advances_blocking.html", takes_context=True)
def advances_blocking_note(context, obj=None, matter=None) -> dict:
    """The firm's note that an action is blocked by an unpaid advance (`obj`: a task or hearing), or
    the list of a matter's overdue advances (`matter=`). Clients see the advance on their dashboard."""
    user = context.get("user")
    on_matter = matter is not None
    if user is None or not getattr(user, "is_firm", False):
        return {"advances": [], "on_matter": on_matter, "matter": matter}
    advances = overdue_advances(matter) if matter is not None else blocking_advances(obj)
    return {"advances": advances, "on_matter": on_matter, "matter": matter}
