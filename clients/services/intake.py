"""Intake: new clients and new matters come in through a conflict check (rule 13).

Nothing is opened while a check blocks: a partner clears a false hit (with a reason) or declines
the work, and then the existing client is told, as the rule requires, without more than it needs.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.services.matters import matter_open
from notices.services import notice_to_user
from users.models import Role, User

from ..access import visible_clients, visible_intakes
from ..models import (
    Client,
    ConflictCheck,
    ConflictDecision,
    ConflictHit,
    Intake,
    IntakeParty,
    Party,
    PartyRole,
)
from .clients import client_create
from .conflicts import CLIENT, conflict_check_run, index_party

INTAKE_ROLES = frozenset({Role.SECRETARY, Role.LEAD, Role.PARTNER})
MAX_PARTIES = 30


def _check_intake_staff(by) -> None:
    if not (by.sees_everything or by.role in INTAKE_ROLES):
        raise NotPermitted(_("Intake is handled by partners, lead specialists and secretaries."))


def _clean_parties(parties) -> list[dict]:
    cleaned, problems = [], []
    for number, party in enumerate(parties or [], start=1):
        name = " ".join(str(party.get("name") or "").split())
        if not name:
            continue
        role = party.get("role") or PartyRole.OPPONENT
        kind = party.get("kind") or "organisation"
        if role not in PartyRole.values:
            problems.append(_("Party %(n)d: choose its role.") % {"n": number})
            continue
        cleaned.append(
            {
                "name": name[:500],
                "role": role,
                "kind": kind if kind in ("person", "organisation") else "organisation",
                "inn": "".join(str(party.get("inn") or "").split()),
                "ogrn": "".join(str(party.get("ogrn") or "").split()),
                "note": str(party.get("note") or "").strip()[:255],
            }
        )
    if len(cleaned) > MAX_PARTIES:
        problems.append(_("At most 30 parties at intake; add the rest to the matter later."))
    if problems:
        raise ValidationError(fields={"parties": problems})
    return cleaned


def _searched(intake: Intake) -> list[dict]:
    client = intake.client
    searched = []
    if intake.kind == Intake.Kind.NEW_CLIENT:
        searched.append(
            {"name": client.name, "inn": client.inn, "ogrn": client.ogrn, "role": CLIENT, "kind": client.kind}
        )
    for party in intake.parties.all():
        searched.append(
            {"name": party.name, "inn": party.inn, "ogrn": party.ogrn, "role": party.role, "kind": party.kind}
        )
    return searched


def _partners():
    return User.objects.filter(role=Role.PARTNER, is_active=True)


def _run_check(intake: Intake, by) -> ConflictCheck:
    searched = _searched(intake)
    purpose = (
        ConflictCheck.Purpose.NEW_CLIENT if intake.kind == Intake.Kind.NEW_CLIENT else ConflictCheck.Purpose.NEW_MATTER
    )
    check = conflict_check_run(
        by=by, parties=searched, purpose=purpose, intake=intake, exclude_client_id=intake.client_id
    )
    if check.blocking:
        intake.status = Intake.Status.BLOCKED
        intake.save(update_fields=["status"])
        for partner in _partners():
            notice_to_user(user=partner, kind="intake_blocked", template="intake_blocked", context={"intake": intake})
    else:
        _open(intake, by)
    return check


def _open(intake: Intake, by) -> Intake:
    """Open what the intake brings: the client becomes active, the matter is opened with its parties."""
    client = intake.client
    if client.status != Client.Status.ACTIVE:
        client.status = Client.Status.ACTIVE
        client.save(update_fields=["status"])
    if intake.title and intake.lead_id:
        opener = by if (by.sees_everything or by.role == Role.LEAD) else intake.lead
        matter = matter_open(
            by=opener, client=client, title=intake.title, description=intake.description, lead=intake.lead
        )
        for proposed in intake.parties.all():
            party = Party.objects.create(
                matter=matter,
                role=proposed.role,
                kind=proposed.kind,
                name=proposed.name,
                inn=proposed.inn,
                ogrn=proposed.ogrn,
                note=proposed.note,
                created_by=by,
            )
            index_party(party)
        intake.matter = matter
    intake.status = Intake.Status.OPENED
    intake.closed_at = timezone.now()
    intake.save(update_fields=["matter", "status", "closed_at"])
    for person in client.users.filter(is_active=True):
        if intake.matter_id:
            notice_to_user(user=person, kind="matter_opened", template="matter_opened", context={"intake": intake})
    return intake


def _check_lead(lead) -> None:
    if lead is not None and (lead.role not in (Role.LEAD, Role.PARTNER) or not lead.is_active):
        raise ValidationError(fields={"lead": [_("The lead must be an active lead specialist or partner.")]})


@transaction.atomic
def intake_new_client(*, by, client: dict, title: str = "", description: str = "", lead=None, parties=()) -> Intake:
    """Open a new client (and its first matter) through the conflict check."""
    _check_intake_staff(by)
    parties = _clean_parties(parties)
    _check_lead(lead)
    if title.strip() and lead is None:
        raise ValidationError(fields={"lead": [_("Choose the lead specialist of the new matter.")]})
    new_client = client_create(by=by, status=Client.Status.INTAKE, **client)
    intake = Intake.objects.create(
        kind=Intake.Kind.NEW_CLIENT,
        status=Intake.Status.REQUESTED,
        client=new_client,
        title=title.strip(),
        description=(description or "").strip(),
        lead=lead,
        requested_by=by,
    )
    IntakeParty.objects.bulk_create([IntakeParty(intake=intake, **p) for p in parties])
    _run_check(intake, by)
    return intake


@transaction.atomic
def intake_new_matter(*, by, client: Client, title: str, lead, description: str = "", parties=()) -> Intake:
    """Open a new matter for an existing client through the conflict check."""
    _check_intake_staff(by)
    if not visible_clients(by).filter(pk=client.pk).exists():
        raise NotFound()
    if client.status != Client.Status.ACTIVE:
        raise InvalidState(_("The client is not active."))
    if not (title or "").strip():
        raise ValidationError(fields={"title": [_("A title is required.")]})
    if lead is None:
        raise ValidationError(fields={"lead": [_("Choose the lead specialist of the new matter.")]})
    _check_lead(lead)
    parties = _clean_parties(parties)
    intake = Intake.objects.create(
        kind=Intake.Kind.NEW_MATTER,
        status=Intake.Status.REQUESTED,
        client=client,
        title=title.strip(),
        description=(description or "").strip(),
        lead=lead,
        requested_by=by,
    )
    IntakeParty.objects.bulk_create([IntakeParty(intake=intake, **p) for p in parties])
    _run_check(intake, by)
    return intake


@transaction.atomic
def intake_request_matter(*, client_user, title: str, description: str, parties=()) -> Intake:
    """A client user asks the firm to take on a new matter; it lands in intake for the firm."""
    if client_user.role != Role.CLIENT:
        raise NotPermitted(_("Only a client's own people request a new matter here."))
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Say in a few words what the matter is.")]
    if not (description or "").strip():
        errors["description"] = [_("Describe the matter: the firm checks for conflicts before it accepts.")]
    if errors:
        raise ValidationError(fields=errors)
    parties = _clean_parties(parties)
    intake = Intake.objects.create(
        kind=Intake.Kind.NEW_MATTER,
        status=Intake.Status.REQUESTED,
        client_id=client_user.client_id,
        title=title.strip(),
        description=description.strip(),
        requested_by=client_user,
    )
    IntakeParty.objects.bulk_create([IntakeParty(intake=intake, **p) for p in parties])
    leads = User.objects.filter(
        assignments__matter__client_id=client_user.client_id, assignments__is_lead=True, is_active=True
    ).distinct()
    for person in set(_partners()) | set(leads):
        notice_to_user(user=person, kind="matter_requested", template="matter_requested", context={"intake": intake})
    return intake


@transaction.atomic
def intake_process(*, intake: Intake, by, lead, title: str | None = None) -> Intake:
    """The firm takes up a client's request: names the lead and runs the conflict check."""
    _check_intake_staff(by)
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if not visible_intakes(by).filter(pk=intake.pk).exists():
        raise NotFound()
    if intake.status != Intake.Status.REQUESTED:
        raise InvalidState(_("This request has already been processed."))
    if lead is None:
        raise ValidationError(fields={"lead": [_("Choose the lead specialist of the new matter.")]})
    _check_lead(lead)
    intake.lead = lead
    if title and title.strip():
        intake.title = title.strip()
    intake.save(update_fields=["lead", "title"])
    _run_check(intake, by)
    return intake


@transaction.atomic
def intake_decide(*, intake: Intake, by, clear: bool, reason: str) -> Intake:
    """A partner's decision on a blocked intake. Declining refuses the work and tells the existing client."""
    if not by.sees_everything:
        raise NotPermitted(_("Only a partner decides on a conflict of interest."))
    intake = Intake.objects.select_for_update().select_related("client").get(pk=intake.pk)
    if intake.status != Intake.Status.BLOCKED:
        raise InvalidState(_("This intake is not awaiting a decision."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Record the reason for the decision.")]})
    check = intake.checks.order_by("-created_at", "-id").first()
    ConflictDecision.objects.create(
        conflict_check=check,
        decision=ConflictDecision.Decision.CLEARED if clear else ConflictDecision.Decision.DECLINED,
        reason=reason,
        decided_by=by,
    )
    if clear:
        return _open(intake, by)
    intake.status = Intake.Status.REFUSED
    intake.closed_at = timezone.now()
    intake.save(update_fields=["status", "closed_at"])
    if intake.kind == Intake.Kind.NEW_CLIENT:
        intake.client.status = Client.Status.REFUSED
        intake.client.save(update_fields=["status"])
    _tell_existing_clients(check)
    return intake


def _tell_existing_clients(check: ConflictCheck) -> None:
    """Rule 13: «О подобных фактах мы всегда извещаем нашего клиента» — only that, and in which matter."""
    hits = ConflictHit.objects.filter(conflict_check=check, blocking=True).select_related("client", "matter")
    told = set()
    for hit in hits:
        key = (hit.client_id, hit.matter_id)
        if key in told:
            continue
        told.add(key)
        matter = hit.matter if hit.matter_id else None
        for person in hit.client.users.filter(is_active=True):
            notice_to_user(
                user=person,
                kind="conflict_declined",
                template="conflict_declined",
                context={"client": hit.client, "matter": matter},
            )
