"""The client's money on its dashboard: per open matter, what is invoiced, paid and due, and the advance
balance (rule 1 and rule 7). The figures are billing's, which sits above portal: billing hands in a
function `(user, matter_ids, make) -> {matter_id: Money}` from its AppConfig.ready() through
`provide_money`; it answers with a fixed number of queries across all the matters. Without billing
the dashboard simply has no money card.
"""

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")

_provider: list = []


def provide_money(function) -> None:
    _provider[:] = [function]


@dataclass(frozen=True)
class Money:
    """One matter's money as the client sees it (issued invoices only; advances as billing counts them)."""

    invoiced: Decimal = ZERO
    paid: Decimal = ZERO
    due: Decimal = ZERO
    advance_requested: Decimal = ZERO
    advance_paid: Decimal = ZERO
    advance_spent: Decimal = ZERO
    advance_left: Decimal = ZERO
    advance_due: Decimal = ZERO
    invoices_url: str = ""
    advances_url: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.invoiced or self.advance_requested)


def money_for(*, user, matter_ids: list[int]) -> dict[int, Money]:
    """{matter id: Money} for the matters given (already scoped to the client); {} without a provider."""
    if not matter_ids or not _provider:
        return {}
    return _provider[0](user=user, matter_ids=matter_ids, make=Money)
