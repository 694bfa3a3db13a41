"""Reads of deadlines that reach a user: every one starts from hearings.access.restrict_deadlines."""

from datetime import date

from django.db.models import QuerySet

from core.selectors import get_visible
from matters.models import Assignment, Matter

from ..access import may_manage_matter, restrict_deadlines
from ..models import Deadline

SECTION_ROWS = 20


def _rows(queryset: QuerySet[Deadline]) -> QuerySet[Deadline]:
    return queryset.select_related("matter", "responsible").order_by("due_on", "id")


def deadline_list(
    *,
    user,
    matter: int | None = None,
    status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    responsible=None,
) -> QuerySet[Deadline]:
    """The deadlines the user may see, soonest first, narrowed by the filters given."""
    qs = restrict_deadlines(user, "view")
    if matter is not None:
        qs = qs.filter(matter_id=matter)
    if status:
        qs = qs.filter(status=status)
    if date_from is not None:
        qs = qs.filter(due_on__gte=date_from)
    if date_to is not None:
        qs = qs.filter(due_on__lte=date_to)
    if responsible is not None:
        qs = qs.filter(responsible=responsible)
    return _rows(qs)


def deadline_get(*, user, pk, action: str = "view") -> Deadline:
    """One deadline the user may `action`, else NotFound (a 404)."""
    return get_visible(
        restrict_deadlines(user, action).select_related("matter", "matter__client", "responsible", "created_by"),
        pk=pk,
    )


def deadline_section(*, user, matter: Matter) -> dict:
    """The matter page's section: its open deadlines first, then the closed ones, and whether the user manages them."""
    rows = list(
        _rows(restrict_deadlines(user, "view").filter(matter=matter)).order_by("-status", "due_on", "id")[
            : SECTION_ROWS + 1
        ]
    )
    rows.sort(key=lambda d: (d.status != Deadline.Status.OPEN, d.due_on, d.pk))
    return {
        "deadlines": rows[:SECTION_ROWS],
        "more": len(rows) > SECTION_ROWS,
        "may_manage": may_manage_matter(user, matter),
    }


def responsible_choices(*, matter: Matter) -> list:
    """The lawyers working on the matter, lead first: who may be made responsible for its deadline."""
    assignments = Assignment.objects.filter(matter=matter, user__is_active=True).select_related("user")
    people = [a.user for a in sorted(assignments, key=lambda a: (not a.is_lead, a.user.full_name))]
    return [person for person in people if person.is_lawyer]
