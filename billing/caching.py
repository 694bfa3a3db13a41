"""What billing's short caches depend on (core.caching scopes), and the decorator its services wear.

The partner's view (billing.selectors.partner) is the firm's money: every invoice, payment, act, hour
and advance. Each of its sections is cached per partner (owner "user:<id>") under the scopes of the
data it reads, listed in SECTION_SCOPES. Every billing service that changes such data wears
``@bumps(<scope>, …)``: when it returns (or fails half-way) the scopes get new generations, so the
next read computes afresh — at once, and again when the transaction commits (core.caching.bump).

Only billing.services write these models (the apps above billing only read them), so the services
are the one place to bump. Matter titles, client and specialist names shown next to the figures are
other apps' data: a change there shows when the short timeout (PARTNER_TIMEOUT) runs out.

What billing adds to a client's dashboard (the Money card, the invoices, acts and advances to pay or
answer) is kept the same way per user (`for_the_client_dashboard`), its key holding the matters asked
about, the user's role and client, the day and the language (everything its scoping reads besides the
billing rows themselves).
"""

import functools

from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.translation import get_language

from core import dashboard_cache
from core.caching import bump, cached

INVOICES = "billing:invoices"  # invoices and their lines (drafts too: a line takes work off "unbilled")
PAYMENTS = "billing:payments"
ACTS = "billing:acts"  # acts, their corrections and the clients' answers
WORK = "billing:work"  # time entries and expenses
ADVANCES = "billing:advances"
CLAIMS = "billing:claims"  # claims and the adjustments they decide
FEES = "billing:fees"  # fee arrangements and rates (they value the unbilled time)
TERMINATIONS = "billing:terminations"

ALL = (INVOICES, PAYMENTS, ACTS, WORK, ADVANCES, CLAIMS, FEES, TERMINATIONS)

# The scopes each section of the partner's view reads (a section not listed here reads them all).
SECTION_SCOPES = {
    "revenue": (INVOICES, PAYMENTS),
    "receivables": (INVOICES,),
    "acts": (ACTS,),
    "unbilled": (WORK, INVOICES, FEES),
    "advances": (ADVANCES,),
    "hours": (WORK,),
    "claims_open": (CLAIMS, TERMINATIONS, ACTS),
}

PARTNER_TIMEOUT = 60  # seconds: bounds how long another app's rename (a matter's title) may show late


def bumps(*scopes: str):
    """Decorate a service that changes the data of `scopes`: they are bumped when it returns or raises.

    Put it under ``@transaction.atomic`` so that the bump on commit belongs to the service's transaction.
    """

    def decorate(service):
        @functools.wraps(service)
        def wrapper(*args, **kwargs):
            try:
                return service(*args, **kwargs)
            finally:
                bump(*scopes)

        return wrapper

    return decorate


# The scopes each of billing's parts of the client's dashboard reads (payments change invoices' "paid").
DASHBOARD_SCOPES = {
    "money": (INVOICES, ADVANCES),
    "invoice": (INVOICES,),
    "act": (ACTS,),
    "advance": (ADVANCES,),
}


def for_the_client_dashboard(name: str, provider):
    """`provider(user=, matter_ids=, make=)` (a part of the client's dashboard) kept per user under the
    scopes DASHBOARD_SCOPES[name] names: the dashboard then reads the cache, not four to six queries."""

    @functools.wraps(provider)
    def kept(*, user, matter_ids, make):
        return cached(
            f"dashboard:{name}",
            owner=f"user:{user.pk}",
            scopes=DASHBOARD_SCOPES[name],
            parts=(
                timezone.localdate().isoformat(),
                get_language() or "ru",
                user.role,
                user.client_id or 0,
                ",".join(map(str, sorted(matter_ids))),
            ),
            compute=lambda: provider(user=user, matter_ids=matter_ids, make=make),
        )

    return kept


def for_a_list[T](name: str, *, user, parts: tuple, compute) -> T:
    """A page of billing's lists (the acts, the invoices, with their totals) as `user` sees it, kept per user.

    make bench: of an act or invoice list's ~9 ms in-process, ~2.5 ms is its query and ~1 ms building it,
    the same for every view until an act, an invoice, a payment, a matter or a client changes. Kept under
    the dashboards' scopes (core.dashboard_cache: every save and delete of billing's rows, of a matter, a
    client or an assignment bumps the client's or the firm's, and billing's services bump all of ALL,
    which those scopes include) and who sees which matter (matters' VISIBILITY_SCOPE: an assignment
    ended, a matter moved to another client). The key: the user (owner) and role, the client, the language
    and time zone (texts, dates, sums), today (an act's answer turns "deemed accepted" with the date), the
    URLconf (the links) and what the caller asks (`parts`: the matter, the page). The caller has checked
    the user may see the matter, in this request: what is kept is only what this user was shown of it.
    """
    from matters.access import VISIBILITY_SCOPE

    if user.is_client_user:
        scopes = [*dashboard_cache.client_scopes(user.client_id), VISIBILITY_SCOPE]
    else:
        scopes = [*dashboard_cache.firm_scopes(), VISIBILITY_SCOPE]
    return cached(
        f"list:{name}",
        owner=f"user:{user.pk}",
        scopes=scopes,
        parts=(
            user.role,
            user.client_id or 0,
            get_language() or "ru",
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            get_urlconf() or "",
            get_script_prefix(),
            *parts,
        ),
        compute=compute,
        timeout=dashboard_cache.TIMEOUT,
    )
