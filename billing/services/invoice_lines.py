"""The lines of a draft invoice: built from approved time and expenses, the stages of a fixed fee,
advances and lines entered by hand; priced; and edited while the invoice is a draft.

A draft is the lawyer's worksheet: lines come and go, a hand-entered line is changed, the issue date
is planned. An issued invoice never changes (every edit here starts with `_draft`, which refuses it).
Prices include VAT ("в т. ч. НДС"); the VAT itself is set at issue (billing.services.invoices).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from core.errors import InvalidState, NotPermitted, ValidationError

from ..access import restrict_invoices
from ..caching import INVOICES, bumps
from ..models import (
    Advance,
    BillingAdjustment,
    Expense,
    FeeArrangement,
    FeeStageAmount,
    Invoice,
    InvoiceLine,
    TimeEntry,
    WorkStatus,
)
from ..money import Line, document_line_rate, totals
from ..selectors.claims import pending_adjustments
from .claims import adjustment_release

HOURS = Decimal(60)
QUANTITY = Decimal("0.0001")
MAX_PRICE = Decimal("1e10")
INVOICEABLE_ADVANCES = (Advance.Status.REQUESTED, Advance.Status.PAID_CLAIMED, Advance.Status.CONFIRMED)


# --- pricing ------------------------------------------------------------------------------------


def line_vat_rate(line: InvoiceLine, rate):
    """The VAT rate of one line on a document at `rate` (None: without VAT), by billing.money.document_line_rate:
    fees and re-billed expenses carry the document's rate; an advance for a state duty does not."""
    return document_line_rate(rate, pass_through=is_pass_through(line))


def is_pass_through(line: InvoiceLine) -> bool:
    """An advance line for a state duty: money the firm passes on to the treasury, not its revenue; and a
    claim's penalty or refund set off on the invoice — a debt of the firm, not a change of its price (a fee
    reduction does change the price: it carries the document's rate, as the fees it reduces)."""
    if line.source == InvoiceLine.Source.ADJUSTMENT:
        return line.adjustment.kind != BillingAdjustment.Kind.FEE_REDUCTION
    if line.source != InvoiceLine.Source.ADVANCE or not line.advance_id:
        return False
    return line.advance.category == Advance.Category.STATE_DUTY


def money_line(line: InvoiceLine, rate) -> Line:
    if line.minutes:
        return Line(Decimal(line.minutes), line.unit_price / HOURS, rate)
    return Line(line.quantity, line.unit_price, rate)


def price(line: InvoiceLine, rate) -> None:
    """Set the line's VAT rate and amounts for a document at `rate`."""
    line_rate = line_vat_rate(line, rate)
    amounts = money_line(line, line_rate).amounts()
    line.vat_rate, line.net, line.vat, line.gross = line_rate, amounts.net, amounts.vat, amounts.gross


def total(invoice: Invoice, lines) -> None:
    result = totals([money_line(line, line.vat_rate) for line in lines])
    invoice.net, invoice.vat, invoice.gross = result.total.net, result.total.vat, result.total.gross


# --- what may become a line ---------------------------------------------------------------------


def arrangement_on(matter, on: dt.date):
    return (
        FeeArrangement.objects.filter(matter=matter, valid_from__lte=on)
        .prefetch_related("rates", "stage_amounts__stage")
        .order_by("-valid_from", "-version")
        .first()
    )


def _hourly_rate(arrangement, specialist) -> Decimal:
    if arrangement is not None:
        for rate in arrangement.rates.all():
            if rate.specialist_id == specialist.pk:
                return rate.rate
        if arrangement.default_rate:
            return arrangement.default_rate
    raise ValidationError(
        _("The fee arrangement sets no hourly rate for %(name)s.") % {"name": specialist.full_name},
        fields={"time_entries": [_("No hourly rate for this specialist.")]},
    )


def _live_lines():
    return InvoiceLine.objects.exclude(invoice__status=Invoice.Status.CANCELLED)


def billable_time(matter):
    """Approved time of the matter not on a live invoice (a draft or an issued one)."""
    used = _live_lines().filter(time_entry__isnull=False).values("time_entry")
    qs = TimeEntry.objects.filter(matter=matter, status=WorkStatus.APPROVED).exclude(pk__in=used)
    return qs.select_related("specialist").order_by("date", "pk")


def billable_expenses(matter):
    """Approved expenses of the matter not on a live invoice and not paid from an advance (those are
    covered by the client's advance already: billing them again would charge the client twice)."""
    used = _live_lines().filter(expense__isnull=False).values("expense")
    qs = Expense.objects.filter(matter=matter, status=WorkStatus.APPROVED, advance_spending__isnull=True)
    qs = qs.exclude(pk__in=used)
    return qs.select_related("specialist").order_by("date", "pk")


def billable_advances(matter):
    """Advances the client pays to the firm (payer = firm) that are not cancelled and not on a live
    invoice. An advance the client pays a third party directly never reaches the firm's account, so
    an invoice on the firm's bank details for it would be wrong: it is never a line."""
    used = _live_lines().filter(advance__isnull=False).values("advance")
    qs = Advance.objects.filter(matter=matter, payer=Advance.Payer.FIRM_AT_CLIENT_EXPENSE)
    return qs.filter(status__in=INVOICEABLE_ADVANCES).exclude(pk__in=used).order_by("due_on", "pk")


def billable_stages(matter, on: dt.date | None = None):
    """The stage amounts of the fixed fee by stage in force on `on`, whose stage is not on a live invoice."""
    arrangement = arrangement_on(matter, on or timezone.localdate())
    if arrangement is None or arrangement.kind != FeeArrangement.Kind.FIXED_STAGES:
        return FeeStageAmount.objects.none()
    used = _live_lines().filter(invoice__matter=matter, stage__isnull=False).values("stage")
    qs = FeeStageAmount.objects.filter(arrangement=arrangement).exclude(stage__in=used)
    return qs.select_related("stage").order_by("stage__order")


def _pick(qs, ids, field: str, message: str) -> list:
    ids = {getattr(i, "pk", i) for i in ids or ()}
    if not ids:
        return []
    rows = list(qs.filter(pk__in=ids))
    if len(rows) != len(ids):
        raise ValidationError(message, fields={field: [message]})
    return rows


def build_lines(matter, *, time_entries=(), expenses=(), stages=(), advances=(), on=None) -> list[InvoiceLine]:
    """Unsaved lines for these items of the matter; refused (ValidationError) if any is not billable."""
    on = on or timezone.localdate()
    for ids, field in ((time_entries, "time_entry"), (expenses, "expense")):
        ids = [getattr(i, "pk", i) for i in ids or ()]
        # Approved yet on a live invoice: on a draft (a billed one is simply no longer approved).
        if ids and _live_lines().filter(**{f"{field}__in": ids, f"{field}__status": WorkStatus.APPROVED}).exists():
            raise InvalidState(_("Some of these entries are already on another invoice."))
    entries = _pick(
        billable_time(matter),
        time_entries,
        "time_entries",
        _("Only approved time of this matter that is on no other invoice can be invoiced."),
    )
    costs = _pick(
        billable_expenses(matter),
        expenses,
        "expenses",
        _(
            "Only approved expenses of this matter that are on no other invoice and were not paid from an advance"
            " can be invoiced."
        ),
    )
    wanted_stages = {getattr(s, "pk", s) for s in stages or ()}
    stage_amounts = [a for a in billable_stages(matter, on) if a.stage_id in wanted_stages]
    if len(stage_amounts) != len(wanted_stages):
        message = _("Only stages of the fixed fee in force that are on no other invoice can be invoiced.")
        raise ValidationError(message, fields={"stages": [message]})
    chosen_advances = _pick(
        billable_advances(matter),
        advances,
        "advances",
        _("Only advances the client pays to the firm, not cancelled and on no other invoice, can be invoiced."),
    )
    lines = []
    if entries:
        arrangement = arrangement_on(matter, on)
        for entry in sorted(entries, key=lambda r: (r.date, r.pk)):
            lines.append(
                InvoiceLine(
                    source=InvoiceLine.Source.TIME,
                    time_entry=entry,
                    description=f"{entry.date:%d.%m.%Y} {entry.description}"[:500],
                    quantity=(Decimal(entry.minutes) / HOURS).quantize(QUANTITY),
                    unit="h",
                    minutes=entry.minutes,
                    unit_price=_hourly_rate(arrangement, entry.specialist),
                )
            )
    for expense in sorted(costs, key=lambda r: (r.date, r.pk)):
        lines.append(
            InvoiceLine(
                source=InvoiceLine.Source.EXPENSE,
                expense=expense,
                description=f"{expense.date:%d.%m.%Y} {expense.description}"[:500],
                quantity=Decimal(1),
                unit_price=expense.amount,
            )
        )
    language = client_language(matter)
    for amount in stage_amounts:
        lines.append(
            InvoiceLine(
                source=InvoiceLine.Source.FIXED,
                stage=amount.stage,
                description=(
                    _("Legal services, fixed fee: stage “%(stage)s”") % {"stage": amount.stage.name(language)}
                )[:500],
                quantity=Decimal(1),
                unit_price=amount.amount,
            )
        )
    for advance in sorted(chosen_advances, key=lambda a: (a.due_on, a.pk)):
        confirmed = advance.status == Advance.Status.CONFIRMED and advance.confirmed_amount
        lines.append(
            InvoiceLine(
                source=InvoiceLine.Source.ADVANCE,
                advance=advance,
                description=advance.purpose[:500],
                quantity=Decimal(1),
                unit_price=advance.confirmed_amount if confirmed else advance.amount,
            )
        )
    return lines


ADJUSTMENT_TEXT = {
    BillingAdjustment.Kind.FEE_REDUCTION: gettext_noop("Fee reduction under the claim of %(date)s"),
    BillingAdjustment.Kind.PENALTY: gettext_noop("Penalty under the claim of %(date)s, set off"),
    BillingAdjustment.Kind.REFUND: gettext_noop("Refund under the claim of %(date)s, set off"),
}


def adjustment_lines(matter, lines: list[InvoiceLine]) -> list[InvoiceLine]:
    """The matter's pending claim adjustments (oldest first) as negative lines, as many as the invoice's
    other lines cover — an invoice never comes to zero or below; the rest wait for the next invoice."""
    room = sum((line.unit_price * line.quantity if not line.minutes else line.unit_price * line.minutes / HOURS)
               for line in lines)  # fmt: skip
    language, chosen = client_language(matter), []
    for adjustment in pending_adjustments(matter):
        if adjustment.amount >= room:
            continue
        room -= adjustment.amount
        with translation.override(language):
            filed = timezone.localtime(adjustment.claim.filed_at).date()
            text = gettext(ADJUSTMENT_TEXT[adjustment.kind]) % {"date": f"{filed:%d.%m.%Y}"}
        chosen.append(
            InvoiceLine(
                source=InvoiceLine.Source.ADJUSTMENT,
                adjustment=adjustment,
                description=text[:500],
                quantity=Decimal(1),
                unit_price=-adjustment.amount,
            )
        )
    return chosen


def client_language(matter) -> str:
    """The language of the invoice (and of the lines' default wording): the client's."""
    return getattr(matter.client, "language", "") or "ru"


def _stage_description(stage, language: str) -> str:
    with translation.override(language):
        return (_("Legal services, fixed fee: stage “%(stage)s”") % {"stage": stage.name(language)})[:500]


def fixed_line(amount, description: str, language: str = "ru") -> InvoiceLine:
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError(fields={"fixed_amount": [_("The amount must be positive.")]})
    if not description:
        with translation.override(language):
            description = _("Legal services, fixed fee")
    return InvoiceLine(
        source=InvoiceLine.Source.FIXED,
        description=description[:500],
        quantity=Decimal(1),
        unit_price=amount,
    )


# --- editing a draft ----------------------------------------------------------------------------


def _draft(invoice, by) -> Invoice:
    """The draft, locked; refused if the user may not see it, if it is issued, or if it is not theirs to prepare."""
    locked = Invoice.objects.select_for_update().filter(pk=getattr(invoice, "pk", invoice)).first()
    if locked is None or not restrict_invoices(by, "view").filter(pk=locked.pk).exists():
        raise NotPermitted()
    if not locked.is_draft:
        raise InvalidState(_("An issued invoice never changes."))
    if not restrict_invoices(by, "prepare").filter(pk=locked.pk).exists():
        raise NotPermitted()
    return locked


def _retotal(invoice: Invoice) -> Invoice:
    lines = list(invoice.lines.select_related("advance", "adjustment"))
    total(invoice, lines)
    invoice.save(update_fields=["net", "vat", "gross"])
    return invoice


def _append(invoice: Invoice, lines: list[InvoiceLine]) -> None:
    last = invoice.lines.order_by("-position").values_list("position", flat=True).first() or 0
    for position, line in enumerate(lines, start=last + 1):
        line.invoice, line.position = invoice, position
        price(line, None)
    InvoiceLine.objects.bulk_create(lines)


def _decimal(value, field: str, *, places: Decimal, maximum: Decimal) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(" ", "").replace(",", "."))
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ValidationError(fields={field: [_("Enter a number.")]}) from None
    if number <= 0 or number >= maximum or number != number.quantize(places):
        raise ValidationError(
            fields={
                field: [
                    _("Enter a positive number, at most %(places)s decimal places.")
                    % {"places": -places.as_tuple().exponent}
                ]
            }
        )
    return number


@transaction.atomic
@bumps(INVOICES)
def invoice_lines_include(*, by, invoice, time_entries=(), expenses=(), stages=(), advances=()) -> Invoice:
    """Add lines to a draft for approved time and expenses, fixed-fee stages and advances of its matter."""
    invoice = _draft(invoice, by)
    lines = build_lines(
        invoice.matter,
        time_entries=time_entries,
        expenses=expenses,
        stages=stages,
        advances=advances,
        on=invoice.issue_date,
    )
    if not lines:
        raise ValidationError(_("Choose at least one thing to add."))
    _append(invoice, lines)
    return _retotal(invoice)


@transaction.atomic
@bumps(INVOICES)
def invoice_line_add(*, by, invoice, description: str, quantity, unit_price, unit: str = "") -> InvoiceLine:
    """A line entered by hand on a draft: a service not recorded as time (amounts are positive: no discounts)."""
    invoice = _draft(invoice, by)
    line = InvoiceLine(source=InvoiceLine.Source.MANUAL, unit=(unit or "").strip()[:16])
    _manual_fields(line, description=description, quantity=quantity, unit_price=unit_price)
    _append(invoice, [line])
    _retotal(invoice)
    return line


def _manual_fields(line: InvoiceLine, *, description, quantity, unit_price) -> None:
    errors = {}
    description = (description or "").strip()
    if not description:
        errors["description"] = [_("Describe the line.")]
    for field, value, places, maximum in (
        ("quantity", quantity, QUANTITY, Decimal("1e8")),
        ("unit_price", unit_price, Decimal("0.01"), MAX_PRICE),
    ):
        try:
            setattr(line, field, _decimal(value, field, places=places, maximum=maximum))
        except ValidationError as error:
            errors.update(error.fields)
    if errors:
        raise ValidationError(fields=errors)
    line.description = description[:500]


def _line(invoice: Invoice, line) -> InvoiceLine:
    found = invoice.lines.select_related("advance", "adjustment").filter(pk=getattr(line, "pk", line)).first()
    if found is None:
        raise NotPermitted()
    return found


@transaction.atomic
@bumps(INVOICES)
def invoice_line_change(*, by, invoice, line, description: str, quantity=None, unit_price=None) -> InvoiceLine:
    """Change a draft's line: any line's description; the quantity and price of a line entered by hand
    or of a fixed fee (time, expenses and advances are priced from what they are: remove and add them)."""
    invoice = _draft(invoice, by)
    line = _line(invoice, line)
    if line.source in (InvoiceLine.Source.MANUAL, InvoiceLine.Source.FIXED) and not line.stage_id:
        _manual_fields(
            line,
            description=description,
            quantity=line.quantity if quantity is None else quantity,
            unit_price=line.unit_price if unit_price is None else unit_price,
        )
    else:
        if (quantity is not None and Decimal(str(quantity)) != line.quantity) or (
            unit_price is not None and Decimal(str(unit_price)) != line.unit_price
        ):
            raise InvalidState(_("Only the description of this line can change: remove it instead."))
        description = (description or "").strip()
        if not description:
            raise ValidationError(fields={"description": [_("Describe the line.")]})
        line.description = description[:500]
    price(line, None)
    line.save()
    _retotal(invoice)
    return line


@transaction.atomic
@bumps(INVOICES)
def invoice_line_remove(*, by, invoice, line) -> Invoice:
    """Take a line off a draft (its time, expense, stage or advance becomes billable again); the rest close up."""
    invoice = _draft(invoice, by)
    line = _line(invoice, line)
    if invoice.lines.count() == 1:
        raise InvalidState(_("An invoice needs at least one line: delete the draft instead."))
    adjustment = line.adjustment
    line.delete()
    if adjustment is not None:
        adjustment_release(by=by, adjustment=adjustment)
    for position, rest in enumerate(invoice.lines.order_by("position"), start=1):
        if rest.position != position:
            InvoiceLine.objects.filter(pk=rest.pk).update(position=position)
    return _retotal(invoice)


@transaction.atomic
@bumps(INVOICES)
def invoice_draft_dates(*, by, invoice, issue_date: dt.date | None, due_date: dt.date | None = None) -> Invoice:
    """Plan the dates a draft will bear when issued (None: the day it is issued, and five days later).

    The issue date may not be before the last invoice already issued in its year: the numbers are
    gapless and in date order, as an accountant reads a register of invoices."""
    invoice = _draft(invoice, by)
    if issue_date is not None:
        check_issue_date(issue_date)
    if due_date is not None and issue_date is not None and due_date < issue_date:
        raise ValidationError(fields={"due_date": [_("The due date cannot be before the issue date.")]})
    invoice.issue_date, invoice.due_date = issue_date, due_date
    invoice.save(update_fields=["issue_date", "due_date"])
    return invoice


def check_issue_date(issue_date: dt.date) -> None:
    if not isinstance(issue_date, dt.date):
        raise ValidationError(fields={"issue_date": [_("Enter a date.")]})
    last = (
        Invoice.objects.filter(year=issue_date.year)
        .exclude(status=Invoice.Status.DRAFT)
        .order_by("-issue_date")
        .values_list("issue_date", "number")
        .first()
    )
    if last and last[0] and issue_date < last[0]:
        raise ValidationError(
            fields={
                "issue_date": [
                    _("Invoice %(number)s was issued on %(date)s: a new one cannot be dated earlier.")
                    % {"number": last[1], "date": last[0].strftime("%d.%m.%Y")}
                ]
            }
        )
