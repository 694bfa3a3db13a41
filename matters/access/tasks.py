"""Who may see a written task and act on it (accept or decline, answer, follow up)."""

from django.db.models import Q, QuerySet

from users.models import Role

from ..models import Task
from .common import _assigned, _check, _for_my_client, _inactive, _my_matters

# core.caching's scope of which tasks wait for acceptance, where: bumped by every write of a task that can
# change it — a task created or deleted, its status, matter, client, channel or time of receipt changed
# (model signals, matters.apps; nothing writes tasks with QuerySet.update() or bulk_create()). With
# VISIBILITY_SCOPE (who is on which matter) it is all an inbox's membership depends on.
SUBMITTED_SCOPE = "matters:submitted"


def visible_tasks(user) -> QuerySet[Task]:
    qs = Task.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    on_my_matter = Q(matter_id__in=_my_matters(user))
    for_my_client = _for_my_client(user)
    if user.role in (Role.SPECIALIST, Role.LEAD):
        return qs.filter(on_my_matter | for_my_client)
    if user.role == Role.SECRETARY:
        return qs.filter(Q(registered_by=user) | on_my_matter)
    return qs.none()


def acceptable_tasks_filter(user) -> Q:
    """The tasks this user may accept or decline, as a filter (for the inbox query).

    A partner may accept any task. Otherwise the acceptor is a specialist assigned to the task's
    matter (or, for a task not yet tied to a matter, to one of the client's matters); a task that
    came by phone needs the matter's lead (rule 2: never a technical worker such as a secretary).
    """
    if _inactive(user):
        return Q(pk__in=[])
    if user.sees_everything:
        return Q()
    if not accepts_by_assignment(user):
        return Q(pk__in=[])
    phone = Q(channel=Task.Channel.PHONE)
    return (
        (~phone & Q(matter_id__in=_my_matters(user)))
        | (phone & Q(matter_id__in=_my_matters(user, lead=True)))
        | (~phone & _for_my_client(user))
        | (phone & _for_my_client(user, lead=True))
    )


def accepts_by_assignment(user) -> bool:
    """Whether the tasks this user may accept follow from the user's assignments (a specialist or a lead):
    then acceptable_tasks_filter reads them in subqueries; otherwise it is everything (a partner) or nothing."""
    return not _inactive(user) and not user.sees_everything and user.role in (Role.SPECIALIST, Role.LEAD)


TASK_ACTIONS = ("view", "accept", "answer", "follow_up")


def restrict_tasks(user, action: str = "view") -> QuerySet[Task]:
    """The tasks the user may `action`:

    - "view": visible_tasks; "accept" (or decline): acceptable_tasks_filter.
    - "answer": the acceptor, the matter's lead or a partner.
    - "follow_up": reply to the firm's answer — the client's own people, on an answered task.
    """
    _check(action, TASK_ACTIONS)
    if action == "view":
        return visible_tasks(user)
    qs = Task.objects.all()
    if _inactive(user):
        return qs.none()
    if action == "accept":
        return qs.filter(acceptable_tasks_filter(user))
    if action == "follow_up":
        if user.role != Role.CLIENT:
            return qs.none()
        return qs.filter(client_id=user.client_id, status=Task.Status.ANSWERED)
    if user.sees_everything:
        return qs
    return qs.filter(Q(accepted_by=user) | Q(matter_id__in=_my_matters(user, lead=True)))


def _task_allowed(user, task: Task, action: str) -> bool:
    if action == "follow_up":
        return user.role == Role.CLIENT and user.client_id == task.client_id and task.status == Task.Status.ANSWERED
    if action == "answer":
        if user.sees_everything or task.accepted_by_id == user.pk:
            return True
        if task.matter_id is None:
            return False
        return _assigned(user, task.matter_id, lead=True)
    return restrict_tasks(user, action).filter(pk=task.pk).exists()
