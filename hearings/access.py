"""Who may see and arrange which hearings and deadlines: the one answer for each (matters/access.py is the shape).

A hearing or a deadline is seen by whoever sees its matter's heading (`matters.access.visible_matters`:
the client's own people, the lawyers on the matter, the secretaries who schedule, the partners).
It is arranged ("manage": schedule, change, reschedule, cancel, mark done) by the firm's people on
the matter, the secretaries, and the partners. An attendee answers for itself ("respond").
Everything else — pages, the API, the calendar, the iCalendar feeds, the dashboards — asks here.
"""

from django.db.models import QuerySet

from matters.access import VISIBILITY_SCOPE, visible_matter_ids
from matters.models import Assignment
from users.models import Role

from .models import Attendee, Deadline, Hearing

HEARING_ACTIONS = ("view", "manage")

# core.caching's scope of what the calendar shows: every service that schedules, changes, moves, cancels
# or closes a hearing or a deadline bumps it (and so does the admin's correction of a hearing's text).
# Who sees which matter is matters' VISIBILITY_SCOPE: the calendar's caches name both.
CALENDAR_SCOPE = "calendar"
CALENDAR_SCOPES = (CALENDAR_SCOPE, VISIBILITY_SCOPE)
DEADLINE_ACTIONS = ("view", "manage")


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def _check(action: str, actions: tuple[str, ...]) -> None:
    if action not in actions:
        raise ValueError(f"unknown action {action!r}")


def _managed_matter_ids(user):
    """The matters whose hearings and deadlines the user arranges, as a subquery; None for all."""
    if user.sees_everything or user.role == Role.SECRETARY:
        return None
    return Assignment.objects.filter(user=user).values("matter_id")


def _restrict(model, user, action: str):
    qs = model.objects.all()
    if _inactive(user):
        return qs.none()
    if action == "view":
        # Whoever sees the matter's heading (matters.access.visible_matters), as a flat `IN`.
        matter_ids = visible_matter_ids(user)
        return qs if matter_ids is None else qs.filter(matter_id__in=matter_ids)
    if not user.is_firm:
        return qs.none()
    matter_ids = _managed_matter_ids(user)
    return qs if matter_ids is None else qs.filter(matter_id__in=matter_ids)


def restrict_hearings(user, action: str = "view") -> QuerySet[Hearing]:
    """The hearings the user may `action` ("view" or "manage")."""
    _check(action, HEARING_ACTIONS)
    return _restrict(Hearing, user, action)


def restrict_deadlines(user, action: str = "view") -> QuerySet[Deadline]:
    """The deadlines the user may `action` ("view" or "manage")."""
    _check(action, DEADLINE_ACTIONS)
    return _restrict(Deadline, user, action)


def my_attendances(user) -> QuerySet[Attendee]:
    """The attendee rows this user answers for (a client user required at a hearing it may see)."""
    if _inactive(user):
        return Attendee.objects.none()
    return Attendee.objects.filter(user=user, hearing__in=restrict_hearings(user).values("pk"))


def may_manage_matter(user, matter) -> bool:
    """Whether the user may schedule hearings and deadlines on this matter (one it already sees)."""
    if _inactive(user) or not user.is_firm:
        return False
    matter_ids = _managed_matter_ids(user)
    return matter_ids is None or Assignment.objects.filter(user=user, matter_id=matter.pk).exists()


def allowed(user, obj, action: str) -> bool:
    """Whether the user may `action` this Hearing or Deadline — the same answer as restrict_*."""
    if isinstance(obj, Hearing):
        return restrict_hearings(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Deadline):
        return restrict_deadlines(user, action).filter(pk=obj.pk).exists()
    raise TypeError(f"no access rules for {type(obj).__name__}")
