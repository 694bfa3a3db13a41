"""Who may see which client, power of attorney, intake and conflict check: the one answer for each.

Every page, API endpoint, file and PDF starts from these; an object outside them answers 404.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from users.models import Role

from .models import Client, ConflictCheck, Intake, PowerOfAttorney


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def _assigned_to_client(user, client_ref: str = "pk") -> Exists:
    from matters.models import Assignment

    return Exists(Assignment.objects.filter(user=user, matter__client=OuterRef(client_ref)))


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


def visible_powers(user) -> QuerySet[PowerOfAttorney]:
    """A client's powers: its own users; the firm's people who see the client (scheduling needs them)."""
    qs = PowerOfAttorney.objects.all()
    if _inactive(user):
        return qs.none()
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    return qs.filter(client__in=visible_clients(user))


def visible_intakes(user) -> QuerySet[Intake]:
    """Intake is the firm's front desk: its staff see all of it; a client sees its own requests."""
    qs = Intake.objects.all()
    if _inactive(user):
        return qs.none()
    if user.sees_everything or user.role in (Role.SECRETARY, Role.LEAD):
        return qs
    if user.role == Role.CLIENT:
        return qs.filter(client_id=user.client_id)
    if user.role == Role.SPECIALIST:
        return qs.filter(Q(lead=user) | Q(requested_by=user))
    return qs.none()


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


def may_run_conflict_checks(user) -> bool:
    return not _inactive(user) and (user.sees_everything or user.role == Role.LEAD)
