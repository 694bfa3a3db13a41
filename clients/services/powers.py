"""Rule 5: powers of attorney for the firm's specialists — drafted by the firm, signed by the client."""

import datetime as dt
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audit.models import AccessLogEntry
from audit.services import access_record
from core.dashboard_cache import dashboards_changed
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.numbering import next_value
from notices.kinds import POWER_EXPIRY, reminder_days
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import LAWYER_ROLES

from ..access import allowed, visible_clients, visible_powers
from ..models import Client, PowerOfAttorney
from ..pdf import power_of_attorney_pdf

SCAN_EXTENSIONS = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"})
SCAN_MAX_BYTES = 25 * 1024 * 1024
# A general power covers every matter of the client: its timeline line goes to each open one, up to this many.
TIMELINE_MATTERS_MAX = 50


def _check_firm(by) -> None:
    if not by.is_firm:
        raise NotPermitted(_("Powers of attorney are prepared by the firm."))


def _client_people(poa: PowerOfAttorney):
    return list(poa.client.users.filter(is_active=True))


def _timeline(poa: PowerOfAttorney, *, by, summary: str, detail: str = "") -> None:
    """One line on each open matter the power covers: those it names, or all of the client's (a general power)."""
    named = poa.matters.all()
    Matter = named.model  # matters.Matter, through the relation (clients does not import matters)
    matters = named if named.exists() else Matter.objects.filter(client_id=poa.client_id)
    matters = matters.exclude(status=Matter.Status.CLOSED).order_by("-opened_at", "-id")[:TIMELINE_MATTERS_MAX]
    for matter in matters:
        timeline_record(
            matter=matter,
            kind=TimelineEvent.Kind.POWER,
            actor=by,
            summary=summary,
            params={"number": poa.number, "name": by.full_name},
            detail=detail,
            ref=poa,
        )


@transaction.atomic
def poa_draft(
    *,
    by,
    client: Client,
    specialists,
    scope: str,
    issued_on: dt.date,
    valid_until: dt.date,
    notarised: bool = False,
    matters=(),
) -> PowerOfAttorney:
    """Draft a power of attorney for the firm's specialists; its PDF is what the client signs."""
    _check_firm(by)
    if not visible_clients(by).filter(pk=client.pk).exists():
        raise NotFound()
    specialists, matters = list(specialists), list(matters)
    errors = {}
    if not specialists:
        errors["specialists"] = [_("Name at least one specialist.")]
    elif any(s.role not in LAWYER_ROLES or not s.is_active for s in specialists):
        errors["specialists"] = [_("Only the firm's active lawyers can be named in a power of attorney.")]
    if any(m.client_id != client.pk for m in matters):
        errors["matters"] = [_("A power of attorney covers only the client's own matters.")]
    if not (scope or "").strip():
        errors["scope"] = [_("Describe what the specialists may do.")]
    if not issued_on:
        errors["issued_on"] = [_("Give the date of issue.")]
    if not valid_until:
        errors["valid_until"] = [_("Give the date until which the power of attorney is valid.")]
    elif issued_on and valid_until < issued_on:
        errors["valid_until"] = [_("The power of attorney cannot expire before it is issued.")]
    elif valid_until < timezone.localdate():
        errors["valid_until"] = [_("This date has passed: the power of attorney would never be valid.")]
    if errors:
        raise ValidationError(fields=errors)
    year = issued_on.year
    poa = PowerOfAttorney.objects.create(
        client=client,
        number=f"Д-{year}-{next_value(f'poa:{year}'):04d}",
        scope=scope.strip(),
        issued_on=issued_on,
        valid_until=valid_until,
        notarised=notarised,
        created_by=by,
    )
    poa.specialists.set(specialists)
    poa.matters.set(matters)
    return poa


def poa_draft_file(*, poa: PowerOfAttorney, user, request=None):
    """The draft PDF, rendered once and stored; a download by the firm is written to the access log.

    Only for those who may see the power's documents (not the front desk: passport data, addresses)."""
    if not allowed(user, poa, "documents"):
        raise NotFound()
    if not poa.draft_pdf:
        poa = (
            PowerOfAttorney.objects.select_related("client")
            .prefetch_related("specialists__profile", "matters")
            .get(pk=poa.pk)
        )
        pdf = power_of_attorney_pdf(poa, specialists=list(poa.specialists.all()), matters=list(poa.matters.all()))
        poa.draft_pdf.save(f"{poa.number}.pdf", ContentFile(pdf), save=False)
        PowerOfAttorney.objects.filter(pk=poa.pk, draft_pdf="").update(draft_pdf=poa.draft_pdf.name)
        poa.refresh_from_db(fields=["draft_pdf"])
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.POWER,
        description=gettext_noop("Power of attorney %(number)s"),
        params={"number": poa.number},
        client_id=poa.client_id,
        object_id=poa.pk,
    )
    return poa.draft_pdf


def poa_scan_file(*, poa: PowerOfAttorney, user, request=None):
    """The signed scan; a download by the firm is written to the access log, as for the draft."""
    if not allowed(user, poa, "documents") or not poa.signed_scan:
        raise NotFound()
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.POWER,
        description=gettext_noop("Signed scan of power of attorney %(number)s"),
        params={"number": poa.number},
        client_id=poa.client_id,
        object_id=poa.pk,
    )
    return poa.signed_scan


@transaction.atomic
def poa_send(*, poa: PowerOfAttorney, by) -> PowerOfAttorney:
    """The firm sends the draft to the client for signature (a notarised one: to sign at a notary's)."""
    _check_firm(by)
    if not visible_powers(by).filter(pk=poa.pk).exists():
        raise NotFound()
    if not allowed(by, poa, "send"):
        raise NotPermitted(_("Powers of attorney are prepared by the firm."))
    poa = PowerOfAttorney.objects.select_for_update().get(pk=poa.pk)
    if poa.status != PowerOfAttorney.Status.DRAFT:
        raise InvalidState(_("Only a draft can be sent for signature."))
    poa.status = PowerOfAttorney.Status.SENT
    poa.sent_at = timezone.now()
    poa.save(update_fields=["status", "sent_at"])
    for person in _client_people(poa):
        notice_to_user(user=person, kind="poa_sent", template="poa_sent", context={"poa": poa})
    return poa


# What a PDF, JPEG, PNG or TIFF file starts with: the name alone does not make a file a scan.
SCAN_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")


def _looks_like_scan(scan) -> bool:
    scan.seek(0)
    head = scan.read(8)
    scan.seek(0)
    return any(head.startswith(signature) for signature in SCAN_SIGNATURES)


@transaction.atomic
def poa_mark_signed(*, poa: PowerOfAttorney, by, scan) -> PowerOfAttorney:
    """The signed scan arrives: the power is valid from now.

    Who may upload it is clients.access.restrict_powers(…, "sign"): the client's own users, the lead
    of a matter the power covers, or a partner — not the front desk, not every lawyer of the client.
    """
    if not visible_powers(by).filter(pk=poa.pk).exists():
        raise NotFound()
    if not allowed(by, poa, "sign"):
        raise NotPermitted(
            _("The signed scan is uploaded by the client, by the lead of a matter the power covers or by a partner.")
        )
    poa = PowerOfAttorney.objects.select_for_update().get(pk=poa.pk)
    if poa.status not in (PowerOfAttorney.Status.DRAFT, PowerOfAttorney.Status.SENT):
        raise InvalidState(_("This power of attorney is no longer awaiting signature."))
    if not scan:
        raise ValidationError(fields={"scan": [_("Attach the scan of the signed power of attorney.")]})
    if PurePosixPath(scan.name or "").suffix.lower() not in SCAN_EXTENSIONS:
        raise ValidationError(fields={"scan": [_("The scan must be a PDF or an image.")]})
    if not 0 < (scan.size or 0) <= SCAN_MAX_BYTES:
        raise ValidationError(fields={"scan": [_("The scan is empty or larger than 25 MB.")]})
    if not _looks_like_scan(scan):
        raise ValidationError(fields={"scan": [_("The scan must be a PDF or an image.")]})
    if poa.valid_until < timezone.localdate():
        raise InvalidState(_("This power of attorney has already expired; draft a new one."))
    poa.signed_scan.save(f"{poa.number}-signed{PurePosixPath(scan.name).suffix.lower()}", scan, save=False)
    poa.status = PowerOfAttorney.Status.SIGNED
    poa.signed_at = timezone.now()
    poa.save(update_fields=["signed_scan", "status", "signed_at"])
    _timeline(poa, by=by, summary=gettext_noop("Power of attorney %(number)s was signed"))
    return poa


@transaction.atomic
def poa_revoke(*, poa: PowerOfAttorney, by, reason: str) -> PowerOfAttorney:
    """The client may revoke a power at any time; the firm withdraws one through the lead of a matter
    it covers or a partner (clients.access.restrict_powers(…, "revoke"))."""
    if not visible_powers(by).filter(pk=poa.pk).exists():
        raise NotFound()
    if not allowed(by, poa, "revoke"):
        raise NotPermitted(
            _(
                "A power of attorney is revoked by the client, or withdrawn by the lead of a matter it covers "
                "or a partner."
            )
        )
    poa = PowerOfAttorney.objects.select_for_update().get(pk=poa.pk)
    if poa.status in (PowerOfAttorney.Status.REVOKED, PowerOfAttorney.Status.EXPIRED):
        raise InvalidState(_("This power of attorney is no longer in force."))
    if not (reason or "").strip():
        raise ValidationError(fields={"reason": [_("Say why the power of attorney is revoked.")]})
    poa.status = PowerOfAttorney.Status.REVOKED
    poa.revoked_at = timezone.now()
    poa.revoke_reason = reason.strip()
    poa.save(update_fields=["status", "revoked_at", "revoke_reason"])
    _timeline(
        poa,
        by=by,
        summary=gettext_noop("Power of attorney %(number)s was revoked by %(name)s"),
        detail=poa.revoke_reason,
    )
    recipients = set(poa.specialists.filter(is_active=True)) | set(_client_people(poa))
    for person in recipients - {by}:
        notice_to_user(user=person, kind="poa_revoked", template="poa_revoked", context={"poa": poa})
    return poa


@transaction.atomic
def poa_expiry_sweep(*, today: dt.date | None = None) -> dict:
    """Daily: expire what has run out, and warn ahead as the firm's schedule says (30 and 7 days by
    default; notices.kinds.reminder_days). Each warning once per person, power, step and expiry date:
    `expiry_warned_days` skips what was done, and the notice's key makes a re-run (or two at once)
    write nothing twice. Nearest first: a power found with 5 days left gets the 7-day warning only."""
    today = today or timezone.localdate()
    expired = PowerOfAttorney.objects.filter(status=PowerOfAttorney.Status.SIGNED, valid_until__lt=today).update(
        status=PowerOfAttorney.Status.EXPIRED
    )
    if expired:
        dashboards_changed()  # update() sends no signal: every dashboard's "expiring" list may have moved
    warned = 0
    for days in sorted(reminder_days(POWER_EXPIRY)):
        due = (
            PowerOfAttorney.objects.select_for_update()
            .filter(status=PowerOfAttorney.Status.SIGNED, valid_until__lte=today + dt.timedelta(days=days))
            .exclude(expiry_warned_days__lte=days)
            .select_related("client")
            .order_by("valid_until", "id")
        )
        for poa in due:
            people = set(poa.specialists.filter(is_active=True)) | set(_client_people(poa))
            for person in people:
                notice_to_user(
                    user=person,
                    kind=POWER_EXPIRY,
                    template="poa_expiring",
                    context={"poa": poa, "days": (poa.valid_until - today).days},
                    link=reverse("clients:power_detail", args=[poa.pk]),
                    key=f"poa:{poa.pk}:expiry:{days}d:user{person.pk}:{poa.valid_until.isoformat()}",
                )
            poa.expiry_warned_days = days
            poa.save(update_fields=["expiry_warned_days"])
            warned += 1
    return {"expired": expired, "warned": warned}
