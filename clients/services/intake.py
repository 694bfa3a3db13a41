"""Intake: new clients and new matters come in through a conflict check (rule 13).

Nothing is opened while a check blocks: a partner clears a false hit (with a reason) or declines
the work, and then the existing client is told, as the rule requires, without more than it needs.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
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
    PartyKind,
    PartyRole,
)
from ..ports import matter_open
from ..requisites import validate_inn, validate_ogrn_any
from .clients import check_client_fields, client_create
from .conflicts import CLIENT, conflict_check_run, index_party

INTAKE_ROLES = frozenset({Role.SECRETARY, Role.LEAD, Role.PARTNER})
MAX_PARTIES = 30


def _check_intake_staff(by) -> None:
    if not (by.sees_everything or by.role in INTAKE_ROLES):
        raise NotPermitted(_("Intake is handled by partners, lead specialists and secretaries."))


def _tax_number_problem(number: int, field: str, value: str) -> str | None:
    validate = validate_inn if field == "inn" else validate_ogrn_any
    try:
        validate(value)
    except DjangoValidationError as error:
        return _("Party %(n)d: %(problem)s") % {"n": number, "problem": " ".join(error.messages)}
    return None


def _clean_parties(parties) -> list[dict]:
    """The parties named at intake; a row left wholly empty is skipped (a form's spare rows)."""
    cleaned, problems = [], []
    for number, party in enumerate(parties or [], start=1):
        name = " ".join(str(party.get("name") or "").split())
        inn = "".join(str(party.get("inn") or "").split())
        ogrn = "".join(str(party.get("ogrn") or "").split())
        note = " ".join(str(party.get("note") or "").split())
        if not name:
            if inn or ogrn or note:
                problems.append(_("Party %(n)d: give its name.") % {"n": number})
            continue
        role = party.get("role") or PartyRole.OPPONENT
        kind = party.get("kind") or PartyKind.ORGANISATION
        if role not in PartyRole.values:
            problems.append(_("Party %(n)d: choose its role.") % {"n": number})
            continue
        if kind not in PartyKind.values:
            problems.append(_("Party %(n)d: choose a person or an organisation.") % {"n": number})
            continue
        if len(name) > 500 or len(note) > 255:
            problems.append(_("Party %(n)d: the name or the note is too long.") % {"n": number})
            continue
        wrong = [p for f, v in (("inn", inn), ("ogrn", ogrn)) if v and (p := _tax_number_problem(number, f, v))]
        if wrong:
            problems.extend(wrong)
            continue
        cleaned.append({"name": name, "role": role, "kind": kind, "inn": inn, "ogrn": ogrn, "note": note})
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
        # A party's kind is what somebody picked at intake: the matcher guesses it from the name instead.
        searched.append({"name": party.name, "inn": party.inn, "ogrn": party.ogrn, "role": party.role})
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
        timeline_record(
            matter=matter,
            kind=TimelineEvent.Kind.MATTER,
            actor=by,
            summary=gettext_noop("Matter %(number)s «%(title)s» was opened"),
            params={"number": matter.number, "title": matter.title},
            ref=matter,
        )
    intake.status = Intake.Status.OPENED
    intake.closed_at = timezone.now()
    intake.save(update_fields=["matter", "status", "closed_at"])
    for person in client.users.filter(is_active=True):
        if intake.matter_id:
            notice_to_user(user=person, kind="matter_opened", template="matter_opened", context={"intake": intake})
    return intake


def _check_lead(lead) -> None:
    if lead is not None and (lead.role not in (Role.LEAD, Role.PARTNER) or not lead.is_active or lead.is_superuser):
        raise ValidationError(fields={"lead": [_("The lead must be an active lead specialist or partner.")]})


def _collect(errors: dict, check, *args, **kwargs):
    """Run one validation, keeping its field errors so that the form shows them all at once."""
    try:
        return check(*args, **kwargs)
    except ValidationError as error:
        for field, messages in error.fields.items():
            errors.setdefault(field, []).extend(messages if isinstance(messages, list | tuple) else [messages])
        return None


@transaction.atomic
def intake_new_client(*, by, client: dict, title: str = "", description: str = "", lead=None, parties=()) -> Intake:
    """Open a new client (and its first matter) through the conflict check.

    `client`: kind, name and the other fields of clients.services.clients.client_create. Every bad
    field is reported at once, and nothing is created.
    """
    _check_intake_staff(by)
    title = (title or "").strip()
    errors: dict = {}
    parties = _collect(errors, _clean_parties, parties)
    _collect(errors, _check_lead, lead)
    if title and lead is None:
        errors.setdefault("lead", []).append(_("Choose the lead specialist of the new matter."))
    if lead is not None and not title:
        errors.setdefault("title", []).append(_("Give the new matter a title, or leave the lead empty."))
    if len(title) > 300:
        errors.setdefault("title", []).append(_("At most 300 characters."))
    if not isinstance(client, dict):
        raise ValidationError(fields={"client": [_("Give the client's requisites.")]})
    _collect(errors, check_client_fields, client.get("kind", ""), client.get("name", ""), _client_fields(client))
    if errors:
        raise ValidationError(fields=errors)
    new_client = client_create(by=by, status=Client.Status.INTAKE, **client)
    intake = Intake.objects.create(
        kind=Intake.Kind.NEW_CLIENT,
        status=Intake.Status.REQUESTED,
        client=new_client,
        title=title,
        description=(description or "").strip(),
        lead=lead,
        requested_by=by,
    )
    IntakeParty.objects.bulk_create([IntakeParty(intake=intake, **p) for p in parties])
    _run_check(intake, by)
    return intake


def _client_fields(client: dict) -> dict:
    return {k: v for k, v in client.items() if k not in ("kind", "name")}


@transaction.atomic
def intake_new_matter(*, by, client: Client, title: str, lead, description: str = "", parties=()) -> Intake:
    """Open a new matter for an existing client through the conflict check."""
    _check_intake_staff(by)
    if not visible_clients(by).filter(pk=client.pk).exists():
        raise NotFound()
    if client.status != Client.Status.ACTIVE:
        raise InvalidState(_("The client is not active."))
    errors: dict = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("A title is required.")]
    elif len(title) > 300:
        errors["title"] = [_("At most 300 characters.")]
    if lead is None:
        errors["lead"] = [_("Choose the lead specialist of the new matter.")]
    _collect(errors, _check_lead, lead)
    parties = _collect(errors, _clean_parties, parties)
    if errors:
        raise ValidationError(fields=errors)
    intake = Intake.objects.create(
        kind=Intake.Kind.NEW_MATTER,
        status=Intake.Status.REQUESTED,
        client=client,
        title=title,
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
    if client_user.role != Role.CLIENT or not client_user.is_active:
        raise NotPermitted(_("Only a client's own people request a new matter here."))
    if client_user.client.status != Client.Status.ACTIVE:
        raise InvalidState(_("The firm has not opened your client record yet."))
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Say in a few words what the matter is.")]
    elif len(title.strip()) > 300:
        errors["title"] = [_("At most 300 characters.")]
    if not (description or "").strip():
        errors["description"] = [_("Describe the matter: the firm checks for conflicts before it accepts.")]
    parties = _collect(errors, _clean_parties, parties)
    if errors:
        raise ValidationError(fields=errors)
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
