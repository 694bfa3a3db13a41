"""Who may see a matter's heading and its confidential content, and act on it (steer, prepare, …)."""

from django.db.models import Q, QuerySet

from users.models import Role

from ..models import Assignment, Matter
from .common import _assigned, _check, _inactive, _my_matters


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


def visible_matter_ids(user):
    """The ids of `visible_matters(user)` for a `matter_id IN (…)` filter, or None when that is every matter.

    The same rule as visible_matters, in the flattest SQL: a lawyer's ids come straight from the
    assignments. `matter_id IN (SELECT id FROM matter WHERE id IN (<assignments>))` made PostgreSQL
    hash all 100,000 matters of the bench firm to find a lead's 2,500 (45 of the calendar's 62 ms).
    tests/matters/test_access_matter_ids.py keeps the two answers equal for every role.
    """
    if _inactive(user):
        return Matter.objects.none().values("pk")
    if user.sees_everything or user.role == Role.SECRETARY:
        return None
    if user.role in (Role.SPECIALIST, Role.LEAD):
        return _my_matters(user)
    return visible_matters(user).values("pk")


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


MATTER_ACTIONS = ("view", "read", "steer", "prepare", "keep_register", "send_documents", "manage_subcontracting")


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
