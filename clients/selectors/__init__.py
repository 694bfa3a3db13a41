"""Reads of clients, intakes and conflict checks that reach a user. Each starts from clients.access."""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, CharField, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.errors import NotFound
from core.selectors import get_visible
from users.models import Role, User

from ..access import (
    allowed,
    client_documents_visible,
    intake_contents_visible,
    visible_clients,
    visible_conflict_checks,
    visible_intakes,
)
from ..matching_labels import reason_label
from ..models import Client, ConflictCheck, ConflictDecision, ConflictHit, Intake, IntakeParty, Party, PartyRole
from ..ports import confidential_matters, matter_list

CLIENT_ROLE = "client"  # clients.services.conflicts.CLIENT: the hit is a client itself, not a party

INTAKE_STAFF = frozenset({Role.SECRETARY, Role.LEAD, Role.PARTNER})


PRIVATE_REQUISITES = ("birth_date", "passport", "bank_name", "bik", "account", "corr_account")


def _clients(user) -> QuerySet[Client]:
    """visible_clients, each row marked `documents_visible`: whether the reader may see the private
    requisites (clients.access.client_documents). For the front desk they are not even loaded."""
    sees = client_documents_visible(user)
    qs = visible_clients(user).annotate(documents_visible=Value(sees, output_field=BooleanField()))
    return qs if sees else qs.defer(*PRIVATE_REQUISITES)


def client_list(*, user, query: str = "") -> QuerySet[Client]:
    if (query or "").strip():
        return client_search(user=user, query=query)
    return _clients(user).order_by("name", "pk")


def client_as_choice(client: Client) -> QuerySet[Client]:
    """The one client, as the queryset a form's choice of client needs (the caller already got it by client_get)."""
    return Client.objects.filter(pk=client.pk)


def client_get(*, user, pk) -> Client:
    return get_visible(_clients(user), pk=pk)


def client_search(*, user, query: str) -> QuerySet[Client]:
    """Clients by part of a name or by INN/OGRN, among those the user may see."""
    query = (query or "").strip()
    qs = _clients(user)
    if not query:
        return qs.none()
    if query.isdigit():
        return qs.filter(Q(inn__startswith=query) | Q(ogrn__startswith=query)).order_by("name")
    return qs.filter(Q(name__icontains=query) | Q(short_name__icontains=query)).order_by("name")


@dataclass
class ClientCard:
    """What the firm's client card shows: the record, its people, matters, their parties, its intakes."""

    client: Client
    users: list
    matters: list
    parties: list
    intakes: list


def client_card(*, user, pk) -> ClientCard:
    """The client card for the firm's people (a client user reads its record through the API).

    The parties of its matters (opponents included) are shown only for the matters whose contents
    the user may see (matters.access.confidential_matters, through clients.ports): the front desk sees
    the headings only.
    """
    if not user.is_firm:
        raise NotFound()
    client = client_get(user=user, pk=pk)
    matters = list(matter_list(user=user).filter(client=client))
    parties = list(
        Party.objects.filter(matter__in=confidential_matters(user).filter(client=client))
        .select_related("matter")
        .order_by("name", "pk")
    )
    return ClientCard(
        client=client,
        users=list(client.users.order_by("full_name")),
        matters=matters,
        parties=parties,
        intakes=list(intake_list(user=user).filter(client=client)[:20]),
    )


# --- intake ----------------------------------------------------------------------------------------


def is_intake_staff(user) -> bool:
    """Who takes new work in: partners, lead specialists and secretaries."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active) and (
        user.sees_everything or user.role in INTAKE_STAFF
    )


def lead_choices() -> QuerySet[User]:
    """Who may lead a new matter: the firm's active lead specialists and partners.

    Never the portal's administrator (the superuser who runs the admin): a technical account, not a lawyer.
    """
    return User.objects.filter(role__in=(Role.LEAD, Role.PARTNER), is_active=True, is_superuser=False).order_by(
        "full_name", "pk"
    )


def _client_facing_status(user):
    """The status as this reader is to see it: a client is never told that its request hit a
    conflict (rule 13 — the firm decides first), so for a client "blocked" reads "requested"."""
    if getattr(user, "is_client_user", False):
        return Case(
            When(status=Intake.Status.BLOCKED, then=Value(Intake.Status.REQUESTED)),
            default=F("status"),
            output_field=CharField(),
        )
    return F("status")


def _intakes(user) -> QuerySet[Intake]:
    """visible_intakes with `shown_status` (what every filter, count and ordering uses) and, for a
    reader who sees only the scheduling facts (the front desk), without the contents: the
    description is not even loaded, and `contents_visible` tells templates and the API."""
    qs = visible_intakes(user).annotate(shown_status=_client_facing_status(user))
    if not intake_contents_visible(user):
        qs = qs.defer("description")
    return qs.select_related("client", "lead", "requested_by", "matter")


def _mark(intake: Intake, user) -> Intake:
    intake.contents_visible = intake_contents_visible(user)
    return intake


def intake_list(*, user, status: str | None = None) -> QuerySet[Intake]:
    """Intakes the user may see: those awaiting a partner first, then requests to process, then the rest.

    `status` filters on the status as the reader sees it (a client asking for "blocked" gets none).
    Each row carries `shown_status`; `contents_visible` is `intake_contents_visible(user)`.
    """
    qs = _intakes(user)
    if status in Intake.Status.values:
        qs = qs.filter(shown_status=status)
    urgency = Case(
        When(shown_status=Intake.Status.BLOCKED, then=Value(0)),
        When(shown_status=Intake.Status.REQUESTED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.annotate(urgency=urgency).order_by("urgency", "-created_at", "-id")


def intake_get(*, user, pk) -> Intake:
    """One intake; its parties (the opponents) only for a reader who may see its contents."""
    parties = IntakeParty.objects.order_by("pk")
    if not intake_contents_visible(user):
        parties = parties.none()
    intake = get_visible(_intakes(user).prefetch_related(Prefetch("parties", queryset=parties)), pk=pk)
    return _mark(intake, user)


def intake_latest_check(*, user, intake: Intake) -> ConflictCheck | None:
    """The intake's latest conflict check with its hits, if the user may read checks (they name other
    clients); None otherwise — the page then says only whether the intake awaits a partner."""
    check = (
        visible_conflict_checks(user)
        .filter(intake=intake)
        .select_related("created_by", "decision", "decision__decided_by")
        .order_by("-created_at", "-id")
        .first()
    )
    return _with_hits(check) if check is not None else None


def intake_checks_prefetch(*, user) -> Prefetch:
    """For a list of intakes: the checks the user may read, newest first, as `visible_checks` (the API
    names the latest one's id)."""
    return Prefetch(
        "checks",
        queryset=visible_conflict_checks(user).order_by("-created_at", "-id").only("pk", "intake_id", "created_at"),
        to_attr="visible_checks",
    )


def intake_with_latest_check(*, user, intake: Intake) -> Intake:
    """One intake with its latest check the user may read as `visible_checks` (as intake_checks_prefetch)."""
    intake.visible_checks = list(
        visible_conflict_checks(user).filter(intake=intake).order_by("-created_at", "-id").only("pk")[:1]
    )
    return intake


def intake_permissions(*, user, intake: Intake) -> dict[str, bool]:
    """What the user may do with the intake now: the forms its page shows."""
    staff = is_intake_staff(user)
    return {
        "process": staff and intake.status == Intake.Status.REQUESTED,
        "decide": bool(user.sees_everything) and intake.status == Intake.Status.BLOCKED,
        "new_matter": staff and intake.status == Intake.Status.OPENED and intake.client.status == Client.Status.ACTIVE,
    }


def matter_requests(*, user) -> QuerySet[Intake]:
    """A client's requests for new matters that have not become a matter, newest first, with
    `shown_status` as the reader may see it (intake_list: a client never learns of a conflict)."""
    return (
        intake_list(user=user)
        .filter(kind=Intake.Kind.NEW_MATTER)
        .exclude(shown_status=Intake.Status.OPENED)
        .order_by("-created_at", "-id")
    )


CLIENT_REQUESTS = 5  # the client's requests for new matters not (yet) opened, on the dashboard


@dataclass
class MatterRequest:
    """A client's request for a new matter, as the client sees it (never that a conflict holds it)."""

    intake: Intake
    status: str
    label: str
    url: str


_REQUEST_LABELS = {
    Intake.Status.REQUESTED: _("The firm is considering your request"),
    Intake.Status.REFUSED: _("The firm cannot take on this matter"),
    Intake.Status.OPENED: _("Opened"),
}


def client_matter_requests(*, user, limit: int | None = CLIENT_REQUESTS) -> list[MatterRequest]:
    """The client's requests for new matters not (yet) opened, with their state as the client sees it: one query."""
    qs = (
        matter_requests(user=user).select_related(None).only("id", "kind", "status", "title", "created_at", "client_id")
    )
    rows = []
    for intake in qs[:limit] if limit else qs:
        status = intake.shown_status
        rows.append(
            MatterRequest(
                intake=intake,
                status=status,
                label=str(_REQUEST_LABELS.get(status, _REQUEST_LABELS[Intake.Status.REQUESTED])),
                url=reverse("clients:intake_detail", args=[intake.pk]),
            )
        )
    return rows


# --- conflict checks ---------------------------------------------------------------------------------


def _with_hits(check: ConflictCheck) -> ConflictCheck:
    """Attach the hits (`hit_rows`, each with a `reason_display` in the reader's language) and the
    partner's decision (`decision_row`, or None)."""
    hits = list(ConflictHit.objects.filter(conflict_check=check).select_related("client", "matter"))
    roles = {CLIENT_ROLE: _("client"), **dict(PartyRole.choices)}
    for hit in hits:
        hit.reason_display = reason_label(hit.reason)
        hit.role_display = roles.get(hit.matched_role, hit.matched_role)
        hit.query_role_display = roles.get(hit.query_role, hit.query_role)
    check.hit_rows = hits
    try:
        check.decision_row = check.decision
    except ConflictDecision.DoesNotExist:
        check.decision_row = None
    return check


def conflict_check_get(*, user, pk) -> ConflictCheck:
    """One check with its hits (ranked: blocking first, then by score), scoped by visible_conflict_checks."""
    check = get_visible(
        visible_conflict_checks(user).select_related("created_by", "intake", "decision", "decision__decided_by"), pk=pk
    )
    return _with_hits(check)


def conflict_check_recent(*, user, limit: int = 10) -> list[ConflictCheck]:
    """The user's own recent ad hoc checks, for the check page."""
    if not allowed(user, ConflictCheck, "run"):
        return []
    return list(
        visible_conflict_checks(user)
        .filter(created_by=user, purpose=ConflictCheck.Purpose.ADHOC)
        .order_by("-created_at", "-id")[:limit]
    )
