"""The core.caching scopes of what the calendar shows (the iCalendar feed is cached under them).

A user's calendar holds the hearings and deadlines of the matters the user sees (matters.access.
visible_matters): a partner or a secretary sees every matter, a client's people their client's, a
lawyer the matters it is assigned to. So a cached feed depends on

- `calendar:user:<id>` — always: the lawyer's own matters (assignments), the user's feed key;
- `calendar:everything` — for those who see every matter;
- `calendar:client:<id>` — for a client's people;
- `calendar` — the whole firm's: what many feeds show at once (a client's name).

A change to a hearing or a deadline bumps the scopes of everyone who sees its matter
(`bump_matter`). The apps below hearings write these names themselves (they may not import this
module): matters.services.matters.assignment_add (`calendar:user:<id>`) and
clients.services.clients.client_update (`calendar`).
"""

from core import caching
from matters.models import Assignment
from users.models import Role

FIRM = "calendar"
EVERYTHING = "calendar:everything"


def user_scope(user_id: int) -> str:
    return f"calendar:user:{user_id}"


def client_scope(client_id: int) -> str:
    return f"calendar:client:{client_id}"


def calendar_scopes(user) -> list[str]:
    """The scopes of the calendar `user` sees: the same three cases as matters.access.visible_matters."""
    scopes = [FIRM, user_scope(user.pk)]
    if user.sees_everything or user.role == Role.SECRETARY:
        scopes.append(EVERYTHING)
    elif user.role == Role.CLIENT:
        scopes.append(client_scope(user.client_id))
    return scopes


def bump_matter(matter) -> None:
    """A hearing or deadline of `matter` changed: whoever sees the matter gets a fresh calendar."""
    if not caching.enabled():
        return
    lawyers = Assignment.objects.filter(matter_id=matter.pk).values_list("user_id", flat=True)
    caching.bump(EVERYTHING, client_scope(matter.client_id), *(user_scope(user_id) for user_id in lawyers))


def assignment_changed(sender, instance, **kwargs) -> None:
    """An assignment was written or removed, whoever did it: that lawyer's calendar is computed afresh. (What
    is kept of who sees which matter, the month's grid, is under matters' VISIBILITY_SCOPE: matters bumps it
    on the same signals.)"""
    caching.bump(user_scope(instance.user_id))


def user_changed(sender, instance, **kwargs) -> None:
    """A user was saved (a role, a client, a name, deactivation): its own calendar is computed afresh."""
    caching.bump(user_scope(instance.pk))
