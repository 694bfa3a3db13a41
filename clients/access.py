"""Who may see which client, power of attorney, intake and conflict check: the one answer for each.

Every page, API endpoint, file and PDF starts from these; an object outside them answers 404.
Where one kind of reader sees less of an object than another (the front desk sees an intake's or a
power's scheduling facts, not its contents), the difference is asked by action here too:
`restrict_powers(user, "sign")` answers with a queryset, `allowed(user, obj, action)` for one object
(or, given the ConflictCheck class, for an act that names no object yet: `allowed(user, ConflictCheck, "run")`).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from users.models import Role

from .models import Client, ConflictCheck, Intake, PowerOfAttorney


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


# The firm's people reach a client through their assignments to its matters. clients sits below
# matters in the layers, so it reaches them through the ORM's relations (`user.assignments`, whose
# `matter__client`), never by importing matters' models.


def _assigned_to_client(user, client_ref: str = "pk") -> Exists:
    return Exists(user.assignments.filter(matter__client=OuterRef(client_ref)))


def _my_assignments(user, *, lead: bool = False):
    qs = user.assignments.all()
    if lead:
        qs = qs.filter(is_lead=True)
    return qs


def _my_matter_ids(user, *, lead: bool = False):
    return _my_assignments(user, lead=lead).values("matter_id")


def _my_client_ids(user, *, lead: bool = False):
    return _my_assignments(user, lead=lead).values("matter__client_id")


def client_documents(user) -> QuerySet[Client]:
    """The clients whose documents (the engagement agreement: passport data, addresses, bank details)
    the user may read: as visible_clients, without the front desk, which schedules but does not read."""
    qs = visible_clients(user)
    if not _inactive(user) and user.role == Role.SECRETARY and not user.sees_everything:
        return qs.none()
    return qs


def client_documents_visible(user) -> bool:
    """Whether the user reads the private requisites of the clients it sees (client_documents is
    visible_clients less the front desk)."""
    return not _inactive(user) and (user.sees_everything or user.role != Role.SECRETARY)


def visible_clients(user) -> QuerySet[Client]:
    qs = Client.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything or user.role == Role.SECRETARY:
        # Secretaries handle intake and scheduling for the whole firm: they see who the clients
        # are, not the contents of matters they are not assigned to (see matters.access).
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(pk=user.client_id)
    if user.role in (Role.SPECIALIST, Role.LEAD):
        return qs.filter(_assigned_to_client(user))
    return qs.none()


# --- powers of attorney ----------------------------------------------------------------------------

POWER_ACTIONS = ("view", "documents", "send", "sign", "revoke")


def _covers_my_matters(user, *, lead: bool = False) -> Q:
    """The power covers a matter the user is on (leads): one it names, or any of the client's (a general one)."""
    _covered = PowerOfAttorney.matters.through
    mine = _my_matter_ids(user, lead=lead)
    names_mine = Exists(_covered.objects.filter(powerofattorney_id=OuterRef("pk"), matter_id__in=mine))
    names_any = Exists(_covered.objects.filter(powerofattorney_id=OuterRef("pk")))
    general_mine = ~names_any & Q(client_id__in=_my_client_ids(user, lead=lead))
    return Q(names_mine) | general_mine


def restrict_powers(user, action: str = "view") -> QuerySet[PowerOfAttorney]:
    """The powers of attorney the user may `action`:

    - "view": the register's scheduling facts (who, matters, valid from/to, status). The client's own
      users; partners; lawyers on a matter the power covers or named in it; the front desk
      (secretaries) firm-wide, because they schedule hearings — facts only.
    - "documents": the scope of authority, the draft PDF and the signed scan (passport data,
      addresses). As "view" without the front desk.
    - "send": send the draft for signature — whoever sees the power at the firm (logistics).
    - "sign" (upload the signed scan) and "revoke": the client's own users (they sign, and may
      revoke at any time — art. 188 of the Civil Code), the lead of a matter the power covers
      (for a general power: of any of the client's matters), or a partner. Not a specialist who
      merely works on the matter, not the front desk.
    """
    if action not in POWER_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = PowerOfAttorney.objects.all()
    if _inactive(user):
        return qs.none()
    if user.role == Role.CLIENT:
        return qs.none() if action == "send" else qs.filter(client_id=user.client_id)
    if user.sees_everything:
        return qs
    if user.role == Role.SECRETARY:
        return qs if action in ("view", "send") else qs.none()
    if user.role in (Role.SPECIALIST, Role.LEAD):
        if action in ("sign", "revoke"):
            return qs.filter(_covers_my_matters(user, lead=True))
        named = Exists(PowerOfAttorney.specialists.through.objects.filter(powerofattorney_id=OuterRef("pk"), user=user))
        return qs.filter(_covers_my_matters(user) | Q(named))
    return qs.none()


def visible_powers(user) -> QuerySet[PowerOfAttorney]:
    """The register: restrict_powers(user, "view")."""
    return restrict_powers(user, "view")


def power_documents_visible(user) -> bool:
    """Whether the user reads the documents of the powers it sees ("documents" is "view" less the front desk)."""
    return not _inactive(user) and user.role != Role.SECRETARY


# --- intake ------------------------------------------------------------------------------------------

INTAKE_ACTIONS = ("view", "read")


def restrict_intakes(user, action: str = "view") -> QuerySet[Intake]:
    """The intakes the user may `action`, scoped as the matters they become:

    - "view": the scheduling facts (client, kind, title, lead, status, dates). Partners; a client's
      own users (their requests); the lead named on the intake and the lawyer who entered it; for a
      client's request not yet given a lead, the leads of that client's other matters (they are
      told of it and may take it up); and the front desk (secretaries) firm-wide.
    - "read": its contents too — what the matter is about and the parties named (the opponents).
      As "view" without the front desk: a secretary schedules the work, it does not read it.
    """
    if action not in INTAKE_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = Intake.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    if user.role == Role.SECRETARY:
        return qs if action == "view" else qs.none()
    if user.role in (Role.SPECIALIST, Role.LEAD):
        my_clients = _my_client_ids(user, lead=True)
        unassigned_request = Q(status=Intake.Status.REQUESTED, lead__isnull=True, client_id__in=my_clients)
        return qs.filter(Q(lead=user) | Q(requested_by=user) | unassigned_request)
    return qs.none()


def visible_intakes(user) -> QuerySet[Intake]:
    """Intakes the user may see at all: restrict_intakes(user, "view")."""
    return restrict_intakes(user, "view")


def intake_contents_visible(user) -> bool:
    """Whether the user reads intakes' contents (description, parties) wherever it sees them at all."""
    return not _inactive(user) and user.role != Role.SECRETARY


def visible_conflict_checks(user) -> QuerySet[ConflictCheck]:
    """A check names other clients and their opponents: partners see every one, leads their own."""
    qs = ConflictCheck.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything:
        return qs
    if user.role == Role.LEAD:
        return qs.filter(Q(created_by=user) | Q(intake__lead=user))
    return qs.none()


CONFLICT_CHECK_ACTIONS = ("view", "run")


def restrict_conflict_checks(user, action: str = "view") -> QuerySet[ConflictCheck]:
    """ "view": visible_conflict_checks. "run" (an ad hoc check) names no check yet: see allowed()."""
    if action != "view":
        raise ValueError(f"unknown action {action!r}")
    return visible_conflict_checks(user)


def allowed(user, obj, action: str) -> bool:
    """Whether the user may `action` this object — the same answer as restrict_<model>(user, action).

    `obj` is a PowerOfAttorney (POWER_ACTIONS), an Intake (INTAKE_ACTIONS), a ConflictCheck ("view"),
    or the ConflictCheck class ("run": an ad hoc check — partners and leads).
    """
    if obj is ConflictCheck:
        if action != "run":
            raise ValueError(f"unknown action {action!r}")
        return not _inactive(user) and (user.sees_everything or user.role == Role.LEAD)
    if isinstance(obj, PowerOfAttorney):
        return restrict_powers(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, Intake):
        return restrict_intakes(user, action).filter(pk=obj.pk).exists()
    if isinstance(obj, ConflictCheck):
        return restrict_conflict_checks(user, action).filter(pk=obj.pk).exists()
    raise TypeError(f"no access rules for {type(obj).__name__}")
