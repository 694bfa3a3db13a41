"""Reads of powers of attorney (rule 5): the register, one power, and "is this specialist covered?".

The register and the pages start from clients.access.visible_powers. `poa_valid_for` is a rule, not
a listing: it answers for the firm's scheduling (matter page, hearings) whoever asks.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core import dashboard_cache
from core.caching import cached
from core.selectors import get_visible

from ..access import allowed, visible_powers
from ..models import PowerOfAttorney
from ..ports import visible_matters

EXPIRY_NOTICE_DAYS = 30
EXPIRY_URGENT_DAYS = 7
EXPIRING_PANEL_ROWS = 20

_Covered = PowerOfAttorney.matters.through
_Named = PowerOfAttorney.specialists.through


def power_list(*, user, client=None, status: str | None = None) -> QuerySet[PowerOfAttorney]:
    """The register: the powers the user may see, the newest first, with their client and people."""
    qs = visible_powers(user).select_related("client")
    if client is not None:
        qs = qs.filter(client=client)
    if status in PowerOfAttorney.Status.values:
        qs = qs.filter(status=status)
    return qs.prefetch_related("specialists").order_by("-issued_on", "-id")


def power_get(*, user, pk) -> PowerOfAttorney:
    return get_visible(
        visible_powers(user).select_related("client", "created_by").prefetch_related("specialists", "matters"), pk=pk
    )


def _valid_filter(*, client_id, matter_id, on: dt.date) -> Q:
    """Signed, in force on the day (both ends inclusive), of the client, covering the matter.

    A power that names no matters is general: it covers every matter of the client.
    """
    condition = Q(
        client_id=client_id,
        status=PowerOfAttorney.Status.SIGNED,
        issued_on__lte=on,
        valid_until__gte=on,
    )
    if matter_id is not None:
        names_matters = Exists(_Covered.objects.filter(powerofattorney_id=OuterRef("pk")))
        names_this = Exists(_Covered.objects.filter(powerofattorney_id=OuterRef("pk"), matter_id=matter_id))
        condition &= ~names_matters | names_this
    return condition


def poa_valid_for(*, specialist, client, matter=None, on: dt.date | None = None) -> PowerOfAttorney | None:
    """The power of attorney that lets `specialist` act for `client` (on `matter`) on the day `on`.

    None when there is none: not signed yet, revoked, expired, outside its dates, not naming the
    specialist, or naming other matters only. When several are valid, the one that lasts longest.
    """
    on = on or timezone.localdate()
    if matter is not None and matter.client_id != client.pk:
        return None
    return (
        PowerOfAttorney.objects.filter(
            _valid_filter(client_id=client.pk, matter_id=getattr(matter, "pk", None), on=on),
            Exists(_Named.objects.filter(powerofattorney_id=OuterRef("pk"), user_id=specialist.pk)),
        )
        .order_by("-valid_until", "-id")
        .first()
    )


def valid_powers_for_team(*, matter, people, on: dt.date | None = None) -> dict[int, PowerOfAttorney]:
    """For each person of a matter's team, the longest-lasting valid power covering the matter: one query.

    The matter page uses it to warn the firm of a specialist who could not appear for the client.
    """
    on = on or timezone.localdate()
    ids = [person.pk for person in people]
    if not ids:
        return {}
    valid = PowerOfAttorney.objects.filter(_valid_filter(client_id=matter.client_id, matter_id=matter.pk, on=on))
    rows = (
        _Named.objects.filter(user_id__in=ids, powerofattorney__in=valid)
        .select_related("powerofattorney")
        .order_by("powerofattorney__valid_until", "powerofattorney_id")
    )
    # Ascending order: the last one written for a person is the one lasting longest.
    return {row.user_id: row.powerofattorney for row in rows}


def powers_expiring(*, user, today: dt.date | None = None, within: int = EXPIRY_NOTICE_DAYS) -> list[PowerOfAttorney]:
    """The dashboards' attention panel: signed powers the user may see that run out within 30 days.

    One query whatever the data; nearest expiry first; each row knows its days left and urgency. Today's
    panel is kept per user under the dashboards' scopes (core.dashboard_cache: a power's every write, and
    the expiry sweep, bump them; an assignment, which moves what a lawyer sees, does too): the task list
    and the inbox show it on every visit.
    """
    if today is not None or within != EXPIRY_NOTICE_DAYS or not getattr(user, "is_authenticated", False):
        return _expiring(user, today or timezone.localdate(), within)
    today = timezone.localdate()
    scopes = dashboard_cache.client_scopes(user.client_id) if user.client_id else dashboard_cache.firm_scopes()
    return cached(
        "powers-expiring",
        owner=f"user:{user.pk}",
        scopes=scopes,
        parts=(user.role, user.client_id, today),
        compute=lambda: _expiring(user, today, within),
        timeout=dashboard_cache.TIMEOUT,
    )


def _expiring(user, today: dt.date, within: int) -> list[PowerOfAttorney]:
    rows = list(
        visible_powers(user)
        .filter(
            status=PowerOfAttorney.Status.SIGNED,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=within),
        )
        .select_related("client")
        .order_by("valid_until", "id")[:EXPIRING_PANEL_ROWS]
    )
    for poa in rows:
        poa.days_left = (poa.valid_until - today).days
        poa.urgent = poa.days_left <= EXPIRY_URGENT_DAYS
    return rows


def days_left(poa: PowerOfAttorney, today: dt.date | None = None) -> int | None:
    """Days until a signed power runs out (0 on its last day); None for a power not in force."""
    today = today or timezone.localdate()
    if poa.status != PowerOfAttorney.Status.SIGNED or poa.valid_until < today:
        return None
    return (poa.valid_until - today).days


def power_permissions(*, user, poa: PowerOfAttorney) -> dict[str, bool]:
    """What the user may do with the power now: the buttons its page shows (clients.access decides)."""
    status = poa.status
    S = PowerOfAttorney.Status
    awaiting = status in (S.DRAFT, S.SENT)
    documents = allowed(user, poa, "documents")
    return {
        "documents": documents,
        "send": user.is_firm and status == S.DRAFT and allowed(user, poa, "send"),
        "upload_scan": awaiting and allowed(user, poa, "sign"),
        "revoke": status in (S.DRAFT, S.SENT, S.SIGNED) and allowed(user, poa, "revoke"),
        "scan": documents and bool(poa.signed_scan),
    }


def power_matter_choices(*, user, client) -> QuerySet:
    """The client's open matters the user may see, which a new power of attorney may name."""
    matters = visible_matters(user).filter(client=client)
    return matters.exclude(status=matters.model.Status.CLOSED).order_by("number")


def power_matters_named(*, user, client, pks) -> list:
    """The client's matters among `pks` that the user may see (the API names a new power's matters by id)."""
    return list(visible_matters(user).filter(client=client, pk__in=pks))


def power_visible(*, user, poa: PowerOfAttorney | None) -> bool:
    """Whether the user may see this power (its client's users, the firm's people on it, partners)."""
    return poa is not None and visible_powers(user).filter(pk=poa.pk).exists()
