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
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from users.models import LAWYER_ROLES, Role, User

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


def visible_document_submissions(user) -> QuerySet:
    """The one answer to "may this user see this sent document": whoever sees the matter's secrets."""
    from .models import DocumentSubmission

    return DocumentSubmission.objects.filter(matter__in=confidential_matters(user))


def visible_deliveries(user) -> QuerySet:
    from .models import Delivery

    return Delivery.objects.filter(deliverable__in=visible_deliverables(user))


def visible_subcontracts(user) -> QuerySet:
    """The one answer to "may this user see this proposal": its client's users, the matter's people, partners."""
    from .models import Subcontract

    if _inactive(user):
        return Subcontract.objects.none()
    if user.sees_everything:
        return Subcontract.objects.all()
    return Subcontract.objects.filter(matter__in=confidential_matters(user))


def visible_specialist_requests(user) -> QuerySet:
    """The one answer to "may this user see this request": who may see the matter's confidential content."""
    from .models import SpecialistRequest

    if _inactive(user):
        return SpecialistRequest.objects.none()
    if user.sees_everything:
        return SpecialistRequest.objects.all()
    return SpecialistRequest.objects.filter(matter__in=confidential_matters(user))


def visible_profiles(user) -> QuerySet:
    """Listed profiles of the firm's active lawyers; a partner and the specialist also see unlisted ones."""
    from .models import SpecialistProfile

    qs = SpecialistProfile.objects.filter(user__is_active=True, user__role__in=LAWYER_ROLES)
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.is_lawyer:
        return qs.filter(Q(is_listed=True) | Q(user=user))
    return qs.filter(is_listed=True)


def profile_owners(user) -> QuerySet[User]:
    """The lawyers whose profile the user may change: a lawyer its own, a partner anyone's."""
    qs = User.objects.filter(role__in=LAWYER_ROLES)
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    return qs.filter(pk=user.pk) if user.is_lawyer else qs.none()


def message_edit_window() -> timedelta:
    """How long the author may correct a message (setting MESSAGE_EDIT_MINUTES, 15 by default)."""
    return timedelta(minutes=settings.MESSAGE_EDIT_MINUTES)


# --- acting on a matter, a task, a result, a recommendation (by action name) -------------------

MATTER_ACTIONS = ("view", "read", "steer", "prepare", "keep_register", "send_documents", "manage_subcontracting")
TASK_ACTIONS = ("view", "accept", "answer", "follow_up")
DELIVERABLE_ACTIONS = ("view", "edit", "release", "deliver")
RECOMMENDATION_ACTIONS = ("view", "respond")
MESSAGE_ACTIONS = ("view", "edit")
PROFILE_ACTIONS = ("view", "change")


def _check(action: str, actions: tuple[str, ...]) -> None:
    if action not in actions:
        raise ValueError(f"unknown action {action!r}")


def restrict_matters(user, action: str = "view") -> QuerySet[Matter]:
    """The matters the user may `action`:

    - "view": the heading (visible_matters); "read": its confidential content (confidential_matters).
    - "steer": set its type, stage and next report date — the matter's lead or a partner.
    - "prepare": prepare a result of work on an open matter — a lawyer assigned to it, or a partner.
    - "keep_register": write the register of the client's papers — the firm's people on the matter,
      or a partner.
    - "send_documents": send the documents the firm asked for — the client's own people, open matters.
    - "manage_subcontracting": propose and engage another firm — the matter's lead or a partner.
    """
    _check(action, MATTER_ACTIONS)
    if action == "view":
        return visible_matters(user)
    if action == "read":
        return confidential_matters(user)
    qs = Matter.objects.all()
    if _inactive(user):
        return qs.none()
    open_ = ~Q(status=Matter.Status.CLOSED)
    if action == "send_documents":
        return qs.filter(open_, client_id=user.client_id) if user.role == Role.CLIENT else qs.none()
    if action == "prepare":
        qs = qs.filter(open_)
    if action == "keep_register" and not user.is_firm:
        return qs.none()
    if user.sees_everything:
        return qs
    if action in ("prepare", "manage_subcontracting") and not user.is_lawyer:
        return qs.none()
    return qs.filter(pk__in=_my_matters(user, lead=action in ("steer", "manage_subcontracting")))


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


def restrict_deliverables(user, action: str = "view") -> QuerySet:
    """The results of work the user may `action`:

    - "view": visible_deliverables (a client sees released results only).
    - "edit": a draft — its author, the matter's lead or a partner; a released result never changes.
    - "release": a draft — only the matter's lead or a partner (rule 2's two steps).
    - "deliver": record a delivery of a released result — the firm's people on the matter (a secretary
      sends the courier too) or a partner.
    """
    from .models import Deliverable

    _check(action, DELIVERABLE_ACTIONS)
    if action == "view":
        return visible_deliverables(user)
    qs = Deliverable.objects.all()
    if _inactive(user):
        return qs.none()
    if action == "deliver":
        if not user.is_firm:
            return qs.none()
        qs = qs.filter(status=Deliverable.Status.RELEASED)
        return qs if user.sees_everything else qs.filter(matter_id__in=_my_matters(user))
    qs = qs.filter(status=Deliverable.Status.DRAFT)
    if user.sees_everything:
        return qs
    if not user.is_lawyer:
        return qs.none()
    lead = Q(matter_id__in=_my_matters(user, lead=True))
    return qs.filter(lead | Q(prepared_by=user)) if action == "edit" else qs.filter(lead)


def recommendation_side(user) -> str | None:
    """The client's people recommend for the client, the firm's lawyers for the firm; nobody else."""
    from .models import Recommendation

    if _inactive(user):
        return None
    if user.role == Role.CLIENT:
        return Recommendation.Side.CLIENT
    if user.is_lawyer:
        return Recommendation.Side.FIRM
    return None


def restrict_recommendations(user, action: str = "view") -> QuerySet:
    """ "view": visible_recommendations; "respond": the other side answers, once."""
    _check(action, RECOMMENDATION_ACTIONS)
    qs = visible_recommendations(user)
    if action == "view":
        return qs
    side = recommendation_side(user)
    if side is None:
        return qs.none()
    return qs.exclude(side=side).filter(responded_at__isnull=True)


def on_matter(user, matter_id) -> tuple[bool, bool]:
    """(assigned, lead) for a person of the firm on the matter, in one query; a partner counts as both.

    For a page that shows several panels of one matter: it asks once and passes the answers to
    allowed(…, assigned=, lead=)."""
    if user.sees_everything:
        return True, True
    if not user.is_firm:
        return False, False
    row = Assignment.objects.filter(user=user, matter_id=matter_id).order_by("-is_lead").values_list("is_lead").first()
    return row is not None, bool(row and row[0])


def _assigned(user, matter_id, *, lead: bool = False) -> bool:
    qs = Assignment.objects.filter(user=user, matter_id=matter_id)
    return (qs.filter(is_lead=True) if lead else qs).exists()


def _matter_allowed(user, matter: Matter, action: str, assigned, lead) -> bool:
    if action in ("view", "read"):
        return restrict_matters(user, action).filter(pk=matter.pk).exists()
    closed = matter.status == Matter.Status.CLOSED
    if action == "send_documents":
        return user.role == Role.CLIENT and user.client_id == matter.client_id and not closed
    if (action == "prepare" and closed) or (action == "keep_register" and not user.is_firm):
        return False
    if user.sees_everything:
        return True
    if action in ("prepare", "manage_subcontracting") and not user.is_lawyer:
        return False
    if action in ("steer", "manage_subcontracting"):
        return lead if lead is not None else _assigned(user, matter.pk, lead=True)
    return assigned if assigned is not None else _assigned(user, matter.pk)


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


def _deliverable_allowed(user, deliverable, action: str) -> bool:
    from .models import Deliverable

    if action == "view":
        return restrict_deliverables(user, action).filter(pk=deliverable.pk).exists()
    if action == "deliver":
        if deliverable.status != Deliverable.Status.RELEASED or not user.is_firm:
            return False
        return user.sees_everything or _assigned(user, deliverable.matter_id)
    if deliverable.status != Deliverable.Status.DRAFT:
        return False
    if user.sees_everything:
        return True
    if not user.is_lawyer:
        return False
    if action == "edit" and deliverable.prepared_by_id == user.pk:
        return True
    return _assigned(user, deliverable.matter_id, lead=True)


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

    from .models import Deliverable, Message, Recommendation, SpecialistProfile

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
