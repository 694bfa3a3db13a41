"""Labels for results, deliveries and held documents, and the "Results of work" blocks of the matter and task pages.

The blocks load their own rows (a fixed handful of queries, scoped by matters.access) so the matter and
task pages only include them.
"""

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from ..access import allowed, on_matter, visible_deliverables
from ..models import Deliverable, Delivery, HeldDocument, Matter, Task
from ..selectors.deliverables import deliverable_state, deliverables_for_task, is_overdue, overdue_on_matter

register = template.Library()

_KIND = dict(Deliverable.Kind.choices)
_STATUS = dict(Deliverable.Status.choices)
_CHANNEL = dict(Delivery.Channel.choices)
_FORM = dict(HeldDocument.Form.choices)
SECTION_ROWS = 5


@register.filter
def deliverable_kind_label(value):
    return _KIND.get(value, value)


@register.filter
def deliverable_status_label(value):
    return _STATUS.get(value, value)


@register.filter
def delivery_channel_label(value):
    return _CHANNEL.get(value, value)


@register.filter
def held_form_label(value):
    return _FORM.get(value, value)


@register.inclusion_tag("matters/deliverables/_matter_section.html", takes_context=True)
def matter_results(context, matter: Matter):
    user = context["user"]
    assigned, _lead = on_matter(user, matter.pk)
    rows = list(
        visible_deliverables(user)
        .filter(matter=matter)
        .only("id", "title", "kind", "status", "created_at", "released_at", "matter_id")
        .prefetch_related(
            Prefetch("deliveries", queryset=Delivery.objects.only("id", "deliverable_id", "confirm_by", "confirmed_at"))
        )
        .order_by("-created_at", "-id")[: SECTION_ROWS + 1]
    )
    now = timezone.now()
    items = [(item, deliverable_state(item, now)) for item in rows[:SECTION_ROWS]]
    overdue = 0
    if user.is_lawyer and assigned:
        overdue = overdue_on_matter(user=user, matter=matter, now=now)
    return {
        "user": user,
        "matter": matter,
        "items": items,
        "more": len(rows) > SECTION_ROWS,
        "overdue": overdue,
        "may_prepare": allowed(user, matter, "prepare", assigned=assigned),
        "register": user.is_client_user or assigned,
    }


@register.inclusion_tag("matters/deliverables/_task_section.html", takes_context=True)
def task_results(context, task: Task):
    user = context["user"]
    items = list(deliverables_for_task(user=user, task=task)) if task.matter_id else []
    may_prepare = False
    if task.matter_id and task.status == Task.Status.ACCEPTED and user.is_lawyer:
        assigned, _lead = on_matter(user, task.matter_id)
        may_prepare = allowed(user, task.matter, "prepare", assigned=assigned)
    now = timezone.now()
    return {
        "user": user,
        "task": task,
        "items": [(item, deliverable_state(item, now)) for item in items],
        "may_prepare": may_prepare,
    }


@register.filter
def overdue(delivery) -> bool:
    return is_overdue(delivery)
