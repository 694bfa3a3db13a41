"""Who may see which matter and task, and who may act on a task: the one answer for each.

Every page, API endpoint, file download and PDF starts from `visible_matters` / `visible_tasks`;
an object outside them answers 404, so its existence does not leak.
"""

from django.db.models import Q, QuerySet

from users.models import Role

from .models import Assignment, Matter, Task


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def _my_matters(user, *, lead: bool = False):
    """The ids of the matters the user is assigned to (or leads), as a subquery.

    Filters are written `matter_id IN (this)` rather than a correlated EXISTS: PostgreSQL then
    starts from the user's few assignments instead of walking every task of the firm, which keeps a
    specialist with three matters as fast as a lead with thousands.
    """
    qs = Assignment.objects.filter(user=user)
    if lead:
        qs = qs.filter(is_lead=True)
    return qs.values("matter_id")


def _my_clients(user, *, lead: bool = False):
    """The ids of the clients of those matters. Always AND it after `matter IS NULL` (see _for_my_client)."""
    return Matter.objects.filter(pk__in=_my_matters(user, lead=lead)).values("client_id")


def _for_my_client(user, *, lead: bool = False) -> Q:
    # A task not yet tied to a matter is seen by the lawyers of the client's other matters. The
    # IS NULL test comes first so that PostgreSQL never builds the client list for the (nearly all)
    # tasks that have a matter.
    return Q(matter__isnull=True) & Q(client_id__in=_my_clients(user, lead=lead))


def visible_matters(user) -> QuerySet[Matter]:
    qs = Matter.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything or user.role == Role.SECRETARY:
        # A secretary schedules and registers tasks firm-wide: the matter's heading (number,
        # title, client) is intake data. Its tasks and documents stay behind visible_tasks.
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    if user.role in (Role.SPECIALIST, Role.LEAD):
        return qs.filter(pk__in=_my_matters(user))
    return qs.none()


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
    if user.role not in (Role.SPECIALIST, Role.LEAD):
        return Q(pk__in=[])
    phone = Q(channel=Task.Channel.PHONE)
    return (
        (~phone & Q(matter_id__in=_my_matters(user)))
        | (phone & Q(matter_id__in=_my_matters(user, lead=True)))
        | (~phone & _for_my_client(user))
        | (phone & _for_my_client(user, lead=True))
    )


def can_accept_task(user, task: Task) -> bool:
    return Task.objects.filter(pk=task.pk).filter(acceptable_tasks_filter(user)).exists()


def can_answer_task(user, task: Task) -> bool:
    """The acceptor answers; so may the matter's lead or a partner."""
    if _inactive(user):
        return False
    if user.sees_everything or task.accepted_by_id == user.pk:
        return True
    if task.matter_id is None:
        return False
    return Assignment.objects.filter(user=user, matter_id=task.matter_id, is_lead=True).exists()


def can_register_task(user) -> bool:
    """The firm's people register tasks received by e-mail, letter or phone."""
    return not _inactive(user) and user.is_firm


def confidential_matters(user) -> QuerySet[Matter]:
    """Matters whose confidential content (disclosures, documents) the user may see (rule 4).

    Unlike visible_matters, a secretary sees these only where assigned: the heading of a matter
    is intake and scheduling data, its secrets are not.
    """
    qs = Matter.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    if user.is_firm:
        return qs.filter(pk__in=_my_matters(user))
    return qs.none()


# --- the matter's daily work (rules 1, 3, 6, 9, 10) ---------------------------------------------
# A client user sees what concerns its own client; the firm's people see the matters whose
# secrets they may see (confidential_matters); a partner sees everything.


def visible_timeline(user) -> QuerySet:
    from timeline.models import TimelineEvent

    qs = TimelineEvent.objects.filter(matter__in=confidential_matters(user))
    if not _inactive(user) and user.role == Role.CLIENT:
        qs = qs.filter(client_visible=True)
    return qs


def visible_deliverables(user) -> QuerySet:
    """A client sees a result of work once it is released; the firm sees drafts too."""
    from .models import Deliverable

    qs = Deliverable.objects.filter(matter__in=confidential_matters(user))
    if not _inactive(user) and user.role == Role.CLIENT:
        qs = qs.filter(status=Deliverable.Status.RELEASED)
    return qs


def visible_messages(user) -> QuerySet:
    from .models import Message

    return Message.objects.filter(matter__in=confidential_matters(user))


def visible_recommendations(user) -> QuerySet:
    from .models import Recommendation

    return Recommendation.objects.filter(matter__in=confidential_matters(user))


def visible_risk_notices(user) -> QuerySet:
    from .models import RiskNotice

    return RiskNotice.objects.filter(matter__in=confidential_matters(user))


def visible_held_documents(user) -> QuerySet:
    """The register of a client's papers: its users, and the firm's people who see the client's secrets.

    A document not tied to a matter is seen by the lawyers of any of the client's matters.
    """
    from .models import HeldDocument

    qs = HeldDocument.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    if user.is_firm:
        return qs.filter(
            Q(matter_id__in=_my_matters(user)) | (Q(matter__isnull=True) & Q(client_id__in=_my_clients(user)))
        )
    return qs.none()
