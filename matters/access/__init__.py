"""Who may see which matter and task, and who may act on a task: the one answer for each.

Every page, API endpoint, file download and PDF starts from `visible_matters` / `visible_tasks`;
an object outside them answers 404, so its existence does not leak.

What a user may *do* is asked here too, by action name (netbox's `restrict(user, action)` is the
shape): `restrict_matters(user, "steer")`, `restrict_tasks(user, "accept")`,
`restrict_deliverables(user, "release")`, `restrict_recommendations(user, "respond")` answer with a
queryset; `allowed(user, obj, action)` answers for one object (or, given a model class, for an act
that names no object yet: `allowed(user, Task, "register")`). Services check the same gate the pages
use to draw their buttons, so the API and the pages cannot disagree. `allowed` answers from the
object in hand where it can and asks the database at most once, as the rules it replaced did.

The rules live by model in this package (`matters.py`, `tasks.py`, `deliverables.py`, `content.py`
for the rest of a matter's daily work, `profiles.py`); import them from `matters.access`.
"""

from django.utils import timezone

from ..models import Assignment, Matter, Task
from .common import VISIBILITY_SCOPE, _check, _inactive, _my_matters
from .content import (
    MESSAGE_ACTIONS,
    RECOMMENDATION_ACTIONS,
    message_edit_window,
    recommendation_side,
    restrict_recommendations,
    visible_document_submissions,
    visible_held_documents,
    visible_messages,
    visible_recommendations,
    visible_risk_notices,
    visible_specialist_requests,
    visible_subcontracts,
    visible_timeline,
)
from .deliverables import (
    DELIVERABLE_ACTIONS,
    _deliverable_allowed,
    restrict_deliverables,
    visible_deliverables,
    visible_deliveries,
)
from .matters import (
    MATTER_ACTIONS,
    _matter_allowed,
    confidential_matters,
    on_matter,
    restrict_matters,
    visible_matter_ids,
    visible_matters,
)
from .profiles import PROFILE_ACTIONS, profile_owners, visible_profiles
from .tasks import (
    SUBMITTED_SCOPE,
    TASK_ACTIONS,
    _task_allowed,
    acceptable_tasks_filter,
    accepts_by_assignment,
    restrict_tasks,
    visible_tasks,
)

__all__ = [
    "DELIVERABLE_ACTIONS",
    "MATTER_ACTIONS",
    "MESSAGE_ACTIONS",
    "PROFILE_ACTIONS",
    "RECOMMENDATION_ACTIONS",
    "SUBMITTED_SCOPE",
    "TASK_ACTIONS",
    "VISIBILITY_SCOPE",
    "_my_matters",
    "acceptable_tasks_filter",
    "accepts_by_assignment",
    "allowed",
    "confidential_matters",
    "message_edit_window",
    "on_matter",
    "profile_owners",
    "recommendation_side",
    "restrict_deliverables",
    "restrict_matters",
    "restrict_recommendations",
    "restrict_tasks",
    "visible_deliverables",
    "visible_deliveries",
    "visible_document_submissions",
    "visible_held_documents",
    "visible_matter_ids",
    "visible_matters",
    "visible_messages",
    "visible_profiles",
    "visible_recommendations",
    "visible_risk_notices",
    "visible_specialist_requests",
    "visible_subcontracts",
    "visible_tasks",
    "visible_timeline",
]


def allowed(user, obj, action: str, *, assigned: bool | None = None, lead: bool | None = None, now=None) -> bool:
    """Whether the user may `action` this object — the same answer as restrict_<model>(user, action).

    `obj` is a Matter, a Task, a Deliverable, a Recommendation, a Message ("edit": its author,
    within the edit window, measured at `now`), a SpecialistProfile ("change": the lawyer's own, or a
    partner), a Client (its register: "keep_register"), or the Task class ("register": the firm's
    people register tasks received by e-mail, letter or phone). A caller that already knows whether
    the user is on the matter (or leads it) may say so in `assigned` / `lead`, and no query is made for it.

    It is asked about an object the user already sees (fetched through the gate's "view"): an object
    the user cannot see is a 404 before any action is asked, so `allowed` does not ask that again.
    """
    from clients.models import Client

    from ..models import Deliverable, Message, Recommendation, SpecialistProfile

    if obj is Task:
        _check(action, ("register",))
        return not _inactive(user) and user.is_firm
    if isinstance(obj, Client):
        _check(action, ("keep_register",))
        if _inactive(user) or not user.is_firm:
            return False
        return user.sees_everything or Assignment.objects.filter(user=user, matter__client=obj).exists()
    if isinstance(obj, Matter):
        _check(action, MATTER_ACTIONS)
        return not _inactive(user) and _matter_allowed(user, obj, action, assigned, lead)
    if isinstance(obj, Task):
        _check(action, TASK_ACTIONS)
        return not _inactive(user) and _task_allowed(user, obj, action)
    if isinstance(obj, Deliverable):
        _check(action, DELIVERABLE_ACTIONS)
        return not _inactive(user) and _deliverable_allowed(user, obj, action)
    if isinstance(obj, Recommendation):
        _check(action, RECOMMENDATION_ACTIONS)
        if action == "view":
            return restrict_recommendations(user).filter(pk=obj.pk).exists()
        side = recommendation_side(user)
        return side is not None and side != obj.side and obj.responded_at is None
    if isinstance(obj, Message):
        _check(action, MESSAGE_ACTIONS)
        if action == "view":
            return visible_messages(user).filter(pk=obj.pk).exists()
        return obj.author_id == user.pk and (now or timezone.now()) < obj.created_at + message_edit_window()
    if isinstance(obj, SpecialistProfile):
        _check(action, PROFILE_ACTIONS)
        if action == "view":
            return visible_profiles(user).filter(pk=obj.pk).exists()
        return user.pk == obj.user_id or user.sees_everything
    raise TypeError(f"no access rules for {type(obj).__name__}")
