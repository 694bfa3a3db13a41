"""What billing's short caches depend on (core.caching scopes), and the decorator its services wear.

The partner's view (billing.selectors.partner) is the firm's money: every invoice, payment, act, hour
and advance. Each of its sections is cached per partner (owner "user:<id>") under the scopes of the
data it reads, listed in SECTION_SCOPES. Every billing service that changes such data wears
``@bumps(<scope>, …)``: when it returns (or fails half-way) the scopes get new generations, so the
next read computes afresh — at once, and again when the transaction commits (core.caching.bump).

Only billing.services write these models (the apps above billing only read them), so the services
are the one place to bump. Matter titles, client and specialist names shown next to the figures are
other apps' data: a change there shows when the short timeout (PARTNER_TIMEOUT) runs out.
"""

import functools

from core.caching import bump

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
