"""Reads of hearings and meetings: every one starts from hearings.access.restrict_hearings.

The power-of-attorney warning is computed on read, never stored: a hearing whose representative has
no signed power valid on the hearing's day shows it until one is signed. For a list it is three
queries whatever the number of hearings (`poa_missing`).
"""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from clients.models import PowerOfAttorney
from clients.selectors.powers import poa_valid_for
from core.selectors import get_visible

from ..access import allowed, my_attendances, restrict_hearings
from ..models import Attendee, Hearing

_Covered = PowerOfAttorney.matters.through
_Named = PowerOfAttorney.specialists.through


def _rows(qs: QuerySet[Hearing]) -> QuerySet[Hearing]:
    return qs.select_related("matter__client", "representative").prefetch_related(
        Prefetch("attendees", queryset=Attendee.objects.select_related("user").order_by("id"))
    )


def hearing_list(
    *, user, matter=None, date_from: dt.date | None = None, date_to: dt.date | None = None, status: str | None = None
) -> QuerySet[Hearing]:
    """The hearings the user may see, nearest first; `date_from`/`date_to` are days in the viewer's zone."""
    qs = restrict_hearings(user, "view")
    if matter is not None:
        qs = qs.filter(matter=matter)
    if date_from is not None:
        qs = qs.filter(starts_at__gte=_day_start(date_from))
    if date_to is not None:
        qs = qs.filter(starts_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    if status in Hearing.Status.values:
        qs = qs.filter(status=status)
    return _rows(qs).order_by("starts_at", "id")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()), timezone.get_current_timezone())


def hearing_get(*, user, pk, action: str = "view") -> Hearing:
    return get_visible(_rows(restrict_hearings(user, action)), pk=pk)


def attendee_get(*, user, hearing: Hearing, pk) -> Attendee:
    """An attendee of a hearing the user may manage (NotFound otherwise)."""
    return get_visible(Attendee.objects.filter(hearing__in=restrict_hearings(user, "manage"), hearing=hearing), pk=pk)


def my_attendee(*, user, hearing: Hearing) -> Attendee | None:
    """The row the user answers for at this hearing, if it is required there."""
    if not getattr(user, "is_client_user", False):
        return None
    return next((a for a in hearing.attendees.all() if a.user_id == user.pk), None)


def my_pending(*, user) -> QuerySet[Attendee]:
    """The user's own answers still awaited, for hearings to come."""
    return (
        my_attendances(user)
        .filter(
            response=Attendee.Response.PENDING,
            hearing__status=Hearing.Status.SCHEDULED,
            hearing__starts_at__gt=timezone.now(),
        )
        .select_related("hearing__matter")
        .order_by("hearing__starts_at", "id")
    )


def hearing_permissions(*, user, hearing: Hearing) -> dict:
    open_ = hearing.status == Hearing.Status.SCHEDULED and hearing.starts_at > timezone.now()
    manage = open_ and allowed(user, hearing, "manage")
    mine = my_attendee(user=user, hearing=hearing)
    return {"manage": manage, "respond": mine if open_ else None, "sees_contacts": user.is_firm}


def poa_missing(hearings) -> set[int]:
    """The ids of hearings whose representative has no signed power valid on the hearing's day: 3 queries."""
    hearings = [h for h in hearings if h.representative_id and h.status == Hearing.Status.SCHEDULED]
    if not hearings:
        return set()
    clients = {h.matter.client_id for h in hearings}
    powers = list(
        PowerOfAttorney.objects.filter(client_id__in=clients, status=PowerOfAttorney.Status.SIGNED).only(
            "id", "client_id", "issued_on", "valid_until"
        )
    )
    ids = [p.pk for p in powers]
    named: dict[int, set[int]] = {}
    covered: dict[int, set[int]] = {}
    if ids:
        for power_id, user_id in _Named.objects.filter(powerofattorney_id__in=ids).values_list(
            "powerofattorney_id", "user_id"
        ):
            named.setdefault(power_id, set()).add(user_id)
        for power_id, matter_id in _Covered.objects.filter(powerofattorney_id__in=ids).values_list(
            "powerofattorney_id", "matter_id"
        ):
            covered.setdefault(power_id, set()).add(matter_id)
    missing = set()
    for hearing in hearings:
        day = timezone.localtime(hearing.starts_at, timezone.get_default_timezone()).date()
        if not any(
            p.client_id == hearing.matter.client_id
            and p.issued_on <= day
            and (p.valid_until is None or p.valid_until >= day)
            and hearing.representative_id in named.get(p.pk, ())
            and (not covered.get(p.pk) or hearing.matter_id in covered[p.pk])
            for p in powers
        ):
            missing.add(hearing.pk)
    return missing


def poa_missing_for(hearing: Hearing) -> bool:
    """The warning for one hearing, by the intake's own rule (clients.selectors.powers.poa_valid_for)."""
    if not hearing.representative_id or hearing.status != Hearing.Status.SCHEDULED:
        return False
    day = timezone.localtime(hearing.starts_at, timezone.get_default_timezone()).date()
    return (
        poa_valid_for(specialist=hearing.representative, client=hearing.matter.client, matter=hearing.matter, on=day)
        is None
    )


def matter_hearings(*, user, matter, limit: int = 10) -> list[Hearing]:
    """The matter page's section: the hearings to come, then the latest past ones, `limit` in all."""
    now = timezone.now()
    base = hearing_list(user=user, matter=matter)
    upcoming = list(base.filter(starts_at__gte=now)[:limit])
    # Always asked (and trimmed here): the page then costs the same number of queries whatever the rows.
    past = list(base.filter(starts_at__lt=now).order_by("-starts_at", "-id")[:limit])
    return (upcoming + past)[:limit]


def schedule_choices(*, matter) -> dict:
    """Who can be chosen on the matter: its lawyers (to represent) and its client's active users (to attend)."""
    from matters.models import Assignment
    from users.models import Role, User

    lawyers = User.objects.filter(
        pk__in=Assignment.objects.filter(matter=matter).values("user_id"), is_active=True
    ).exclude(role__in=[Role.CLIENT, Role.SECRETARY])
    client_users = User.objects.filter(role=Role.CLIENT, client_id=matter.client_id, is_active=True)
    return {"lawyers": lawyers.order_by("full_name"), "client_users": client_users.order_by("full_name")}
