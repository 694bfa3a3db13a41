"""Claims (rule 15): which law applies to a claim, its response period, and the claim arithmetic.

Pure functions, no models, no queries: the services and the pages call them, the property tests
(tests/billing/test_claim_arithmetic_props.py) check them.

Which regime applies:

* **Consumer** — the client is a person (clients.Client.Kind.PERSON) and said, on filing, that the
  services are for personal, family or household needs. The Law of the Russian Federation «О защите
  прав потребителей» applies on top of the Civil Code: the claim is answered within 10 days (art. 31
  п.1), a defect entitles the consumer to a proportionate price reduction (art. 29 п.1), and a delay
  to a penalty of 3 % of the price of the service for each day, capped at that price (art. 28 п.5).
* **Contract** — an organisation, or a person buying for business: the engagement terms (section 15,
  15.3: the claim is considered "within the time limit set in the portal" — the firm's setting
  CLAIM_RESPONSE_DAYS, 30 days by default) and the Civil Code (arts. 723 and 783 for defects of work
  and services, art. 330 for a contractual penalty; no statutory cap).

Money is Decimal, rounded to the kopeck half up once, at the end (billing.money.quantize_kopecks).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .money import HUNDRED, as_decimal, quantize_kopecks

ZERO = Decimal("0.00")
CONSUMER_RESPONSE_DAYS = 10
CONSUMER_PENALTY_PERCENT = Decimal(3)

CONSUMER = "consumer"
CONTRACT = "contract"


@dataclass(frozen=True)
class Regime:
    code: str
    response_days: int
    title: str
    why: str
    articles: tuple[str, ...]

    @property
    def is_consumer(self) -> bool:
        return self.code == CONSUMER


def regime_for(*, client_is_person: bool, personal_needs: bool, contract_days: int) -> Regime:
    """The regime of a claim, its response period in days and the reasons shown on the claim's pages."""
    if client_is_person and personal_needs:
        return Regime(
            code=CONSUMER,
            response_days=CONSUMER_RESPONSE_DAYS,
            title=_("Consumer protection law on top of the Civil Code"),
            why=_(
                "The client is a person and the services are for personal, family or household needs: "
                "the Law «On the Protection of Consumers' Rights» applies."
            ),
            articles=(
                _("Answer within 10 days of the claim (art. 31 of the Law)."),
                _("A defect entitles the client to a proportionate price reduction (art. 29 of the Law)."),
                _(
                    "A delay entitles the client to a penalty of 3 per cent of the price of the service for each day, "
                    "no more than the price (art. 28 п.5 of the Law)."
                ),
            ),
        )
    why = (
        _("The client is a person, but the services are not for personal, family or household needs.")
        if client_is_person
        else _("The client is an organisation.")
    )
    return Regime(
        code=CONTRACT,
        response_days=contract_days,
        title=_("The engagement terms and the Civil Code"),
        why=why,
        articles=(
            _("Answer within the period the firm sets under section 15 of the engagement terms."),
            _("Defects of the services: the Civil Code, arts. 723 and 783."),
            _("A penalty as the contract provides (Civil Code, art. 330); no statutory cap."),
        ),
    )


def response_due_on(filed_on: dt.date, days: int) -> dt.date:
    """The last day for the answer: `days` calendar days after the day the claim was filed."""
    return filed_on + dt.timedelta(days=days)


def delay_days(agreed_on: dt.date, performed_on: dt.date | None, today: dt.date) -> int:
    """Whole days of delay: from the day after the agreed date to the day of performance (or today)."""
    end = performed_on or today
    return max((end - agreed_on).days, 0)


def consumer_delay_penalty(price, days: int) -> Decimal:
    """Art. 28 п.5: 3 % of the price of the service per day of delay, never more than the price.

    The product is exact in Decimal and rounded once, half up, to the kopeck; the cap is the price.
    """
    price = as_decimal(price, "price")
    if price < 0:
        raise ValueError("price must not be negative")
    if not isinstance(days, int) or isinstance(days, bool):
        raise TypeError("days must be an int")
    if days <= 0:
        return ZERO
    penalty = quantize_kopecks(price * CONSUMER_PENALTY_PERCENT * days / HUNDRED)
    return min(penalty, quantize_kopecks(price))


def percent_of(base, percent) -> Decimal:
    """`percent` % of `base`, rounded to the kopeck half up (a fee reduction asked as a percentage)."""
    return quantize_kopecks(as_decimal(base, "base") * as_decimal(percent, "percent") / HUNDRED)


@dataclass(frozen=True)
class Limits:
    """What the firm can grant on a matter: the fee billed less reductions already granted; what the
    client paid less refunds already granted; the price of the delayed service (consumer penalty cap)."""

    fee: Decimal = ZERO
    paid: Decimal = ZERO
    reduced: Decimal = ZERO
    refunded: Decimal = ZERO
    penalty_cap: Decimal | None = None

    @property
    def fee_left(self) -> Decimal:
        return max(self.fee - self.reduced, ZERO)

    @property
    def paid_left(self) -> Decimal:
        return max(self.paid - self.refunded, ZERO)


def over_limits(*, fee_reduction=ZERO, refund=ZERO, penalty=ZERO, limits: Limits) -> dict[str, Decimal]:
    """{field: the most that may be granted} for each amount above its limit (empty: all within)."""
    out = {}
    if fee_reduction > limits.fee_left:
        out["fee_reduction"] = limits.fee_left
    if refund > limits.paid_left:
        out["refund"] = limits.paid_left
    if limits.penalty_cap is not None and penalty > limits.penalty_cap:
        out["penalty"] = limits.penalty_cap
    return out
