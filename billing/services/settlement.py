"""The settlement of a matter (rules 6 and 14): what the client owes or gets back, line by line.

`settle(data)` is pure arithmetic over plain values (no queries, no clock): the selector
`billing.selectors.settlement.settlement_for` reads the database into a `SettlementInput`. Every
amount is a `Decimal` in roubles; a line is signed — positive is owed by the client, negative is
credited to it — so the balance is exactly the sum of the lines and no kopeck is lost between them.

How each kind of fee counts as "services actually rendered" (decided here, shown on the screens):

- **hourly**: each approved (or billed) billable time entry dated up to the end, priced minutes × the
  rate of its specialist in the arrangement version in force on the entry's date (else that version's
  default rate) / 60, rounded once per entry to the kopeck (as invoices price it). An entry without a
  rate counts 0 and is flagged.
- **monthly retainer**: every month *begun* — anniversaries of the version's start date (1 March, 1
  April…; a start on the 31st falls on the month's last day) up to the end, while that version is in
  force — is due in full: the firm was engaged for that month.
- **fixed fee by stage**: a stage's fee is earned once the matter has moved past it (its order is below
  the current stage's); on a closed matter every stage is earned. The current stage is in progress and
  not yet due — the partner may settle a part of it in the final act.
- **fixed fee (whole)**: earned when the matter is closed; before that it is listed at 0 as "not yet
  earned" for the same reason.
- **success fee**: only when a success is recorded (`success_on` set, within the period); a percentage
  needs the amount it is a percentage of (`success_base`). Otherwise listed at 0, "not due".
- **expenses**: approved (or billed) expenses dated in the period — those paid from an advance among
  them (a spending from an advance is the expense it paid, billing.models.AdvanceSpending), marked so.
- **advances**: an advance the client paid to the firm (confirmed) is credited (−); what was spent from
  it is already charged as the expenses it paid, so the client gets back only what is left unspent.
  An advance paid by the client straight to a third party (the treasury, an expert) was never the
  firm's money: listed for information at 0.
- **invoices**: what the client paid against each invoice (payments received) is credited (−).
- **claims** (rule 15): a fee reduction, penalty or refund granted on a claim is credited (−) — set off on
  an invoice (which then asked for less) or still pending; one paid out to the client in money is listed
  at 0 (credited and paid back).

Fixed, stage and success fees are outcomes, not periods: a report for a period lists them only when
the period reaches back to the matter's start (`start` is None).
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext, gettext_noop

ZERO = Decimal("0.00")
KOPECK = Decimal("0.01")
SIXTY = Decimal(60)
HUNDRED = Decimal(100)


def kopecks(value: Decimal) -> Decimal:
    return Decimal(value).quantize(KOPECK, rounding=ROUND_HALF_UP)


# --- input ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    number: int
    kind: str  # FeeArrangement.Kind value
    valid_from: dt.date
    fixed_amount: Decimal | None = None
    default_rate: Decimal | None = None
    monthly_amount: Decimal | None = None
    success_amount: Decimal | None = None
    success_percent: Decimal | None = None
    # stage id → (order, Russian name, English name, amount)
    stages: dict = field(default_factory=dict)
    rates: dict = field(default_factory=dict)  # specialist id → rate


@dataclass(frozen=True)
class TimeItem:
    id: int
    date: dt.date
    specialist_id: int
    specialist: str
    minutes: int
    description: str = ""


@dataclass(frozen=True)
class ExpenseItem:
    id: int
    date: dt.date
    amount: Decimal
    category: str
    description: str = ""
    from_advance: bool = False  # paid from an advance the client paid to the firm


@dataclass(frozen=True)
class AdvanceItem:
    id: int
    purpose: str
    received: Decimal  # the amount staff confirmed
    third_party: bool = False
    date: dt.date | None = None


@dataclass(frozen=True)
class InvoiceItem:
    id: int
    number: str
    paid: Decimal
    date: dt.date | None = None


@dataclass(frozen=True)
class ClaimItem:
    """What a claim's decision granted the client (rule 15): a fee reduction, a penalty or a refund."""

    id: int
    kind: str  # fee_reduction | penalty | refund
    amount: Decimal
    date: dt.date
    paid_out: bool = False  # paid to the client in money (then it settles nothing here)


@dataclass(frozen=True)
class SettlementInput:
    end: dt.date
    start: dt.date | None = None
    versions: tuple[Version, ...] = ()
    time: tuple[TimeItem, ...] = ()
    expenses: tuple[ExpenseItem, ...] = ()
    advances: tuple[AdvanceItem, ...] = ()
    invoices: tuple[InvoiceItem, ...] = ()
    claims: tuple[ClaimItem, ...] = ()
    current_stage_order: int | None = None
    closed: bool = False
    success_on: dt.date | None = None
    success_base: Decimal | None = None


# --- output --------------------------------------------------------------------------------------

# What each line says, translated when shown (the stored snapshot keeps the code and its values).
TEXTS = {
    "hourly": gettext_noop("%(date)s, %(specialist)s: %(hours)s h × %(rate)s — %(description)s"),
    "hourly_no_rate": gettext_noop("%(date)s, %(specialist)s: %(hours)s h — no rate set — %(description)s"),
    "retainer": gettext_noop("Monthly retainer, the month begun on %(date)s"),
    "stage": gettext_noop("Stage «%(stage)s» done"),
    "stage_pending": gettext_noop("Stage «%(stage)s» not yet done: not due"),
    "fixed": gettext_noop("Fixed fee: the matter is completed"),
    "fixed_pending": gettext_noop("Fixed fee: not yet earned (the matter is not completed)"),
    "success": gettext_noop("Success fee (success recorded on %(date)s)"),
    "success_pending": gettext_noop("Success fee: not due (no success recorded)"),
    "expense": gettext_noop("%(date)s, expense (%(category)s): %(description)s"),
    "advance_received": gettext_noop("Advance received: %(purpose)s"),
    "expense_advance": gettext_noop("%(date)s, expense paid from the advance (%(category)s): %(description)s"),
    "advance_third_party": gettext_noop("Advance paid by the client directly to a third party: %(purpose)s"),
    "invoice_paid": gettext_noop("Paid against invoice No. %(number)s"),
    "claim_fee_reduction": gettext_noop("Fee reduction granted on a claim on %(date)s"),
    "claim_penalty": gettext_noop("Penalty granted on a claim on %(date)s"),
    "claim_refund": gettext_noop("Refund granted on a claim on %(date)s"),
    "claim_paid_out": gettext_noop("Granted on a claim on %(date)s and paid out to the client: %(amount)s"),
}

SECTIONS = ("fee", "expense", "advance", "payment")


@dataclass(frozen=True)
class Line:
    section: str  # one of SECTIONS
    code: str  # a key of TEXTS
    amount: Decimal  # + owed by the client, − credited to it
    params: dict = field(default_factory=dict)
    date: dt.date | None = None

    @property
    def text(self) -> str:
        """In the active language; `stage` names are kept in both languages and chosen here."""
        from django.utils.translation import get_language

        params = dict(self.params)
        if "stage_ru" in params:
            params["stage"] = params["stage_en"] if (get_language() or "ru").startswith("en") else params["stage_ru"]
        if "category" in params:
            params["category"] = gettext(params["category"])
        return gettext(TEXTS[self.code]) % params

    def as_data(self) -> dict:
        return {
            "section": self.section,
            "code": self.code,
            "amount": str(self.amount),
            "params": self.params,
            "date": self.date.isoformat() if self.date else None,
        }

    @classmethod
    def from_data(cls, data: dict) -> "Line":
        return cls(
            section=data["section"],
            code=data["code"],
            amount=Decimal(data["amount"]),
            params=data.get("params") or {},
            date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        )


@dataclass(frozen=True)
class Settlement:
    start: dt.date | None
    end: dt.date
    lines: tuple[Line, ...]

    def total(self, section: str) -> Decimal:
        return sum((line.amount for line in self.lines if line.section == section), ZERO)

    @property
    def fees(self) -> Decimal:
        return self.total("fee")

    @property
    def expenses(self) -> Decimal:
        return self.total("expense")

    @property
    def advances(self) -> Decimal:
        """Advances the client paid to the firm, credited (≤ 0); what was spent from them is among the expenses."""
        return self.total("advance")

    @property
    def payments(self) -> Decimal:
        return self.total("payment")

    @property
    def balance(self) -> Decimal:
        """Positive: the client owes it; negative: the firm refunds its absolute value."""
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def due_by_client(self) -> Decimal:
        return max(self.balance, ZERO)

    @property
    def refund(self) -> Decimal:
        return max(-self.balance, ZERO)

    def section_lines(self, section: str) -> list[Line]:
        return [line for line in self.lines if line.section == section]

    def as_data(self) -> dict:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat(),
            "lines": [line.as_data() for line in self.lines],
            "balance": str(self.balance),
        }

    @classmethod
    def from_data(cls, data: dict) -> "Settlement":
        return cls(
            start=dt.date.fromisoformat(data["start"]) if data.get("start") else None,
            end=dt.date.fromisoformat(data["end"]),
            lines=tuple(Line.from_data(row) for row in data["lines"]),
        )


# --- the arithmetic ------------------------------------------------------------------------------


def _in(day: dt.date, data: SettlementInput) -> bool:
    return day <= data.end and (data.start is None or day >= data.start)


def version_on(versions, day: dt.date) -> Version | None:
    """The version in force on `day`: the latest start on or before it (then the highest number)."""
    live = [v for v in versions if v.valid_from <= day]
    return max(live, key=lambda v: (v.valid_from, v.number)) if live else None


def _segments(versions) -> list[tuple[Version, dt.date | None]]:
    """Each version that is ever in force, with the day its successor takes over (None: still)."""
    ordered = sorted(versions, key=lambda v: (v.valid_from, v.number))
    result: list[tuple[Version, dt.date | None]] = []
    for i, version in enumerate(ordered):
        later = [v for v in ordered[i + 1 :] if v.valid_from > version.valid_from]
        if any(v.valid_from == version.valid_from for v in ordered[i + 1 :]):
            continue  # superseded on the same day by a higher version number
        result.append((version, later[0].valid_from if later else None))
    return result


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _hours(minutes: int) -> str:
    return f"{(Decimal(minutes) / SIXTY).quantize(Decimal('0.01')).normalize():f}"


def _time_lines(data: SettlementInput) -> list[Line]:
    lines = []
    for item in sorted(data.time, key=lambda t: (t.date, t.id)):
        if not _in(item.date, data):
            continue
        version = version_on(data.versions, item.date)
        if version is None or version.kind != "hourly":
            continue  # time under a fixed fee or a retainer is shown as work, not priced
        rate = version.rates.get(item.specialist_id) or version.default_rate
        params = {
            "date": item.date.strftime("%d.%m.%Y"),
            "specialist": item.specialist,
            "hours": _hours(item.minutes),
            "description": item.description[:200],
            "time_entry": item.id,
        }
        if not rate:
            lines.append(Line("fee", "hourly_no_rate", ZERO, params, item.date))
            continue
        params["rate"] = f"{rate:f}"
        lines.append(Line("fee", "hourly", kopecks(Decimal(item.minutes) * rate / SIXTY), params, item.date))
    return lines


def _retainer_lines(data: SettlementInput) -> list[Line]:
    lines = []
    for version, until in _segments(data.versions):
        if version.kind != "retainer" or not version.monthly_amount:
            continue
        n = 0
        while True:
            month = add_months(version.valid_from, n)
            n += 1
            if month > data.end or (until is not None and month >= until):
                break
            if _in(month, data):
                lines.append(
                    Line(
                        "fee", "retainer", kopecks(version.monthly_amount), {"date": month.strftime("%d.%m.%Y")}, month
                    )
                )
    return lines


def _outcome_lines(data: SettlementInput) -> list[Line]:
    """Fixed, stage and success fees, under the version in force at the end."""
    if data.start is not None:
        return []
    version = version_on(data.versions, data.end)
    if version is None:
        return []
    lines = []
    if version.kind == "stages":
        for stage_id, (order, name_ru, name_en, amount) in sorted(version.stages.items(), key=lambda s: s[1][0]):
            done = data.closed or (data.current_stage_order is not None and order < data.current_stage_order)
            params = {"stage_ru": name_ru, "stage_en": name_en, "stage_id": stage_id}
            lines.append(Line("fee", "stage" if done else "stage_pending", kopecks(amount) if done else ZERO, params))
    elif version.kind == "fixed" and version.fixed_amount:
        if data.closed:
            lines.append(Line("fee", "fixed", kopecks(version.fixed_amount)))
        else:
            lines.append(Line("fee", "fixed_pending", ZERO))
    if version.success_amount or version.success_percent:
        success = data.success_on is not None and data.success_on <= data.end
        amount = ZERO
        if success and version.success_amount:
            amount = kopecks(version.success_amount)
        elif success and data.success_base is not None:
            amount = kopecks(data.success_base * version.success_percent / HUNDRED)
        if success:
            lines.append(
                Line("fee", "success", amount, {"date": data.success_on.strftime("%d.%m.%Y")}, data.success_on)
            )
        else:
            lines.append(Line("fee", "success_pending", ZERO))
    return lines


def settle(data: SettlementInput) -> Settlement:
    """Every line of the settlement of `data`, in order: fees, expenses, advances, payments."""
    lines: list[Line] = []
    lines += _outcome_lines(data)
    lines += sorted(_time_lines(data) + _retainer_lines(data), key=lambda line: line.date or data.end)
    for item in sorted(data.expenses, key=lambda e: (e.date, e.id)):
        if _in(item.date, data):
            params = {
                "date": item.date.strftime("%d.%m.%Y"),
                "category": item.category,
                "description": item.description[:200],
                "expense": item.id,
            }
            code = "expense_advance" if item.from_advance else "expense"
            lines.append(Line("expense", code, kopecks(item.amount), params, item.date))
    for item in sorted(data.advances, key=lambda a: a.id):
        if item.date is not None and not _in(item.date, data):
            continue
        params = {"purpose": item.purpose[:200], "advance": item.id}
        if item.third_party:
            lines.append(Line("advance", "advance_third_party", ZERO, params, item.date))
            continue
        lines.append(Line("advance", "advance_received", -kopecks(item.received), params, item.date))
    for item in sorted(data.invoices, key=lambda i: i.id):
        if item.paid and (item.date is None or _in(item.date, data)):
            lines.append(Line("payment", "invoice_paid", -kopecks(item.paid), {"number": item.number}, item.date))
    for item in sorted(data.claims, key=lambda c: (c.date, c.id)):
        if not _in(item.date, data):
            continue
        params = {"date": item.date.strftime("%d.%m.%Y"), "adjustment": item.id}
        if item.paid_out:  # credited and paid back in money: listed, settles nothing
            params["amount"] = f"{kopecks(item.amount):.2f}"
            lines.append(Line("payment", "claim_paid_out", ZERO, params, item.date))
        else:
            lines.append(Line("payment", f"claim_{item.kind}", -kopecks(item.amount), params, item.date))
    return Settlement(start=data.start, end=data.end, lines=tuple(lines))
