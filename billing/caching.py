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

from django.utils import timezone
from django.utils.translation import get_language

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
