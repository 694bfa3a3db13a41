"""Advances (rule 7): request → the client pays and says so → staff confirm (or refuse) → spending.

Every write checks the same gate the pages use (billing.access.advances), records the act on the
matter's timeline and tells the other side through the notices outbox, in one transaction. Reminders
before the due date are scheduled while the advance is unpaid and withdrawn on payment, change or
cancellation. A partner may let the funded action go ahead unpaid, with a reason.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from clients.requisites import validate_account, validate_bik, validate_corr_account, validate_inn, validate_kpp
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from hearings.models import Hearing
from matters.models import Matter, Task
from matters.services.uploads import check_files
from timeline.models import TimelineEvent
from timeline.services import timeline_record

from ..access import advance_allowed, advance_matters, role_allows, visible_advances
from ..caching import ADVANCES, WORK, bumps
from ..models import Advance, AdvanceSpending, Expense, Invoice, InvoiceLine, WorkStatus
from . import advance_notices as tell

AMOUNT_MAX = Decimal("9999999999.99")
TEXT_MAX = 500
REASON_MAX = 1000

EDITABLE = (
    "amount",
    "purpose",
    "category",
    "due_on",
    "task",
    "hearing",
    "filing",
    "payer",
    "recipient_name",
    "recipient_inn",
    "recipient_kpp",
    "recipient_account",
    "recipient_bik",
    "recipient_corr_account",
    "recipient_bank",
    "kbk",
    "oktmo",
    "uin",
)

_LINES = {
    "requested": gettext_noop("An advance of %(amount)s ₽ was requested by %(name)s: %(purpose)s"),
    "changed": gettext_noop("The advance «%(purpose)s» was changed by %(name)s"),
    "cancelled": gettext_noop("The advance «%(purpose)s» was cancelled by %(name)s"),
    "paid": gettext_noop("%(name)s said the advance «%(purpose)s» is paid (%(amount)s ₽)"),
    "confirmed": gettext_noop("Payment of the advance «%(purpose)s» was confirmed by %(name)s: %(amount)s ₽"),
    "rejected": gettext_noop("Payment of the advance «%(purpose)s» was not confirmed by %(name)s"),
    "overridden": gettext_noop("%(name)s let the action go ahead without the advance «%(purpose)s» paid"),
    "spent": gettext_noop("%(amount)s ₽ was spent from the advance «%(purpose)s»: %(description)s"),
}


def _line(advance, act: str, *, by, amount=None, client_visible=True, detail="", **extra) -> None:
    timeline_record(
        matter=advance.matter,
        kind=TimelineEvent.Kind.ADVANCE,
        actor=by,
        summary=_LINES[act],
        params={
            "purpose": advance.purpose[:200],
            "name": by.full_name if by else "",
            "amount": str(amount if amount is not None else advance.amount),
            **extra,
        },
        client_visible=client_visible,
        detail=detail,
        ref=advance,
    )


# --- validation --------------------------------------------------------------------------------


def parse_amount(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(" ", "").replace(",", ".")) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError(fields={field: [_("Enter an amount in roubles, e.g. 1500.00.")]})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(fields={field: [_("An amount is in roubles and kopecks: two decimal places at most.")]})
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError(fields={field: [_("The amount must be more than zero.")]})
    if amount > AMOUNT_MAX:
        raise ValidationError(fields={field: [_("The amount is too large.")]})
    return amount.quantize(Decimal("0.01"))


def _digits(value, field, length: tuple[int, ...], errors: dict, message) -> str:
    value = "".join(str(value or "").split())
    if value and (not value.isdigit() or len(value) not in length):
        errors[field] = [message]
    return value


def _clean(data: dict, matter: Matter) -> dict:
    """Check and normalise the fields of a request (all of them, as a PATCH is merged first)."""
    errors: dict = {}
    out = dict(data)
    try:
        out["amount"] = parse_amount(data.get("amount"))
    except ValidationError as e:
        errors.update(e.fields)
    out["purpose"] = (data.get("purpose") or "").strip()
    if not out["purpose"]:
        errors["purpose"] = [_("Say what the advance is for.")]
    elif len(out["purpose"]) > TEXT_MAX:
        errors["purpose"] = [_("The purpose is too long (500 characters at most).")]
    if data.get("category") not in Advance.Category.values:
        errors["category"] = [_("Choose what the advance is for.")]
    due_on = data.get("due_on")
    if not isinstance(due_on, dt.date):
        errors["due_on"] = [_("Give the date by which it must be paid.")]
    task, hearing = data.get("task"), data.get("hearing")
    out["filing"] = (data.get("filing") or "").strip()[:300]
    if task is not None and task.matter_id != matter.pk:
        errors["task"] = [_("The task belongs to another matter.")]
    if hearing is not None and hearing.matter_id != matter.pk:
        errors["hearing"] = [_("The hearing belongs to another matter.")]
    if sum(bool(x) for x in (task, hearing, out["filing"])) > 1:
        errors["filing"] = [_("An advance funds one action: a task, a hearing or a filing.")]
    payer = data.get("payer")
    if payer not in Advance.Payer.values:
        errors["payer"] = [_("Choose who the client pays.")]
    third = payer == Advance.Payer.CLIENT_TO_THIRD_PARTY
    for name in ("recipient_name", "recipient_bank"):
        out[name] = (data.get(name) or "").strip()[:300]
    for name in ("recipient_inn", "recipient_kpp", "recipient_account", "recipient_bik", "recipient_corr_account"):
        out[name] = "".join(str(data.get(name) or "").split())
    if third:
        if not out["recipient_name"]:
            errors["recipient_name"] = [_("Name the recipient of the payment.")]
        checks = (
            ("recipient_inn", lambda v: validate_inn(v)),
            ("recipient_kpp", lambda v: validate_kpp(v)),
            ("recipient_bik", lambda v: validate_bik(v)),
        )
        for field, check in checks:
            if not out[field] and field != "recipient_kpp":
                errors[field] = [_("This is needed to pay the recipient.")]
                continue
            if out[field]:
                try:
                    out[field] = check(out[field])
                except DjangoValidationError as e:  # clients.requisites raises Django's
                    errors[field] = list(getattr(e, "messages", [str(e)]))
        if not out["recipient_account"]:
            errors["recipient_account"] = [_("This is needed to pay the recipient.")]
        elif "recipient_bik" not in errors:
            try:
                out["recipient_account"] = validate_account(out["recipient_account"], out["recipient_bik"])
            except DjangoValidationError as e:
                errors["recipient_account"] = list(getattr(e, "messages", [str(e)]))
        if out["recipient_corr_account"] and "recipient_bik" not in errors:
            try:
                out["recipient_corr_account"] = validate_corr_account(
                    out["recipient_corr_account"], out["recipient_bik"]
                )
            except DjangoValidationError as e:
                errors["recipient_corr_account"] = list(getattr(e, "messages", [str(e)]))
    else:
        for name in ("recipient_name", "recipient_bank", "recipient_inn", "recipient_kpp", "recipient_account"):
            out[name] = ""
        out["recipient_bik"] = out["recipient_corr_account"] = ""
    out["kbk"] = _digits(data.get("kbk"), "kbk", (20,), errors, _("A KBK is 20 digits."))
    out["oktmo"] = _digits(data.get("oktmo"), "oktmo", (8, 11), errors, _("An OKTMO is 8 or 11 digits."))
    out["uin"] = _digits(data.get("uin"), "uin", (20, 25), errors, _("A UIN is 20 or 25 digits."))
    if third and data.get("category") == Advance.Category.STATE_DUTY:
        for name in ("kbk", "oktmo"):
            if not out[name] and name not in errors:
                errors[name] = [_("A state duty is paid to the treasury: give its KBK and OKTMO.")]
    if not third:
        out["kbk"] = out["oktmo"] = out["uin"] = ""
    if errors:
        raise ValidationError(fields=errors)
    return {k: out.get(k) for k in EDITABLE}


# --- writes ------------------------------------------------------------------------------------


def _lock(advance: Advance) -> Advance:
    return Advance.objects.select_for_update(of=("self",)).select_related("matter__client").get(pk=advance.pk)


def _require(user, advance: Advance, action: str, message) -> Advance:
    if not visible_advances(user).filter(pk=advance.pk).exists():
        raise NotFound()
    advance = _lock(advance)
    if not advance_allowed(user, advance, action):
        if role_allows(user, advance, action):
            raise InvalidState(message)
        raise NotPermitted()
    return advance


@transaction.atomic
@bumps(ADVANCES)
def advance_request(*, matter: Matter, by, **fields) -> Advance:
    if not advance_matters(by).filter(pk=matter.pk).exists():
        raise NotPermitted(_("Only the matter's lawyers and partners ask for an advance."))
    data = _clean(fields, matter)
    advance = Advance.objects.create(matter=matter, requested_by=by, **data)
    _line(advance, "requested", by=by)
    tell.tell(advance, tell.client_users(advance), act="requested", by=by)
    tell.reminders_write(advance)
    return advance


@transaction.atomic
@bumps(ADVANCES)
def advance_change(*, advance: Advance, by, **changes) -> Advance:
    advance = _require(by, advance, "edit", _("Only an unpaid advance can be changed."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(fields={k: [_("This cannot be changed.")] for k in sorted(unknown)})
    current = {k: getattr(advance, k) for k in EDITABLE}
    data = _clean({**current, **changes}, advance.matter)
    for k, v in data.items():
        setattr(advance, k, v)
    advance.sequence += 1
    advance.save()
    tell.reminders_cancel(advance)
    _line(advance, "changed", by=by)
    tell.tell(advance, tell.client_users(advance), act="changed", by=by)
    tell.reminders_write(advance)
    return advance


def _reason(reason: str, field: str = "reason", message=None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={field: [message or _("Give the reason.")]})
    if len(reason) > REASON_MAX:
        raise ValidationError(fields={field: [_("The reason is too long (1,000 characters at most).")]})
    return reason


@transaction.atomic
@bumps(ADVANCES)
def advance_cancel(*, advance: Advance, by, reason: str) -> Advance:
    advance = _require(by, advance, "cancel", _("Only an unpaid advance can be cancelled."))
    advance.cancel_reason = _reason(reason)
    advance.status = Advance.Status.CANCELLED
    advance.save(update_fields=["status", "cancel_reason"])
    tell.reminders_cancel(advance)
    _line(advance, "cancelled", by=by, detail=advance.cancel_reason)
    tell.tell(advance, tell.client_users(advance), act="cancelled", by=by, reason=advance.cancel_reason)
    return advance


@transaction.atomic
@bumps(ADVANCES)
def advance_mark_paid(*, advance: Advance, by, amount, paid_on: dt.date | None, payment_order) -> Advance:
    """The client says it paid and attaches the payment order (one file, the uploads' checks and quota)."""
    advance = _require(by, advance, "pay", _("This advance is not waiting for payment."))
    errors = {}
    try:
        amount = parse_amount(amount, field="paid_amount")
    except ValidationError as e:
        errors.update(e.fields)
    if not isinstance(paid_on, dt.date):
        errors["paid_on"] = [_("Give the date of the payment.")]
    elif paid_on > timezone.localdate():
        errors["paid_on"] = [_("The payment date cannot be in the future.")]
    if not payment_order:
        errors["payment_order"] = [_("Attach the payment order.")]
    if errors:
        raise ValidationError(fields=errors)
    (payment_order,) = check_files([payment_order], field="payment_order", limit=1, uploader=by)
    advance.payment_order.save(payment_order.name, payment_order, save=False)
    advance.payment_order_name = PurePosixPath(payment_order.name).name[:255]
    advance.payment_order_size = payment_order.size
    advance.paid_amount, advance.paid_on, advance.paid_by = amount, paid_on, by
    advance.status = Advance.Status.PAID_CLAIMED
    advance.rejection_reason = ""
    advance.save()
    tell.reminders_cancel(advance)
    _line(advance, "paid", by=by, amount=amount)
    tell.tell(advance, tell.lead_users(advance), act="paid", by=by)
    return advance


@transaction.atomic
@bumps(ADVANCES)
def advance_confirm(*, advance: Advance, by, amount=None) -> Advance:
    """Staff confirm the money arrived (or was paid to the third party); the amount may differ."""
    advance = _require(by, advance, "confirm", _("This advance is already confirmed or cancelled."))
    if amount in (None, ""):
        amount = advance.paid_amount if advance.paid_amount is not None else advance.amount
    advance.confirmed_amount = parse_amount(amount, field="confirmed_amount")
    advance.confirmed_by, advance.confirmed_at = by, timezone.now()
    advance.status = Advance.Status.CONFIRMED
    advance.save()
    tell.reminders_cancel(advance)
    _line(advance, "confirmed", by=by, amount=advance.confirmed_amount)
    tell.tell(advance, tell.client_users(advance), act="confirmed", by=by)
    return advance


@transaction.atomic
@bumps(ADVANCES)
def advance_reject(*, advance: Advance, by, reason: str) -> Advance:
    """The payment the client claimed is not found: back to requested, with the reason, reminders again."""
    advance = _require(by, advance, "reject", _("Only a payment the client reported can be refused."))
    advance.rejection_reason = _reason(reason)
    advance.status = Advance.Status.REQUESTED
    advance.sequence += 1
    advance.save()
    _line(advance, "rejected", by=by, detail=advance.rejection_reason)
    tell.tell(advance, tell.client_users(advance), act="rejected", by=by, reason=advance.rejection_reason)
    tell.reminders_write(advance)
    return advance


@transaction.atomic
@bumps(ADVANCES)
def advance_override(*, advance: Advance, by, reason: str) -> Advance:
    advance = _require(by, advance, "override", _("Only an open advance not yet overridden can be overridden."))
    advance.override_reason = _reason(reason, message=_("Say why the action may go ahead unpaid."))
    advance.overridden_by, advance.overridden_at = by, timezone.now()
    advance.save(update_fields=["override_reason", "overridden_by", "overridden_at"])
    _line(advance, "overridden", by=by, client_visible=False, detail=advance.override_reason)
    tell.tell(advance, tell.lead_users(advance), act="overridden", by=by, reason=advance.override_reason)
    return advance


EXPENSE_CATEGORY = {
    Advance.Category.STATE_DUTY: Expense.Category.STATE_DUTY,
    Advance.Category.EXPERT: Expense.Category.EXPERT,
    Advance.Category.NOTARY: Expense.Category.NOTARY,
    Advance.Category.TRAVEL: Expense.Category.TRAVEL,
}


def linkable_expenses(advance: Advance):
    """Expenses of the advance's matter it may be recorded as paying: approved (a lead reviewed them as
    actually incurred), not paid from another advance, on no live invoice (else they are billed)."""
    on_invoices = InvoiceLine.objects.exclude(invoice__status=Invoice.Status.CANCELLED).filter(expense__isnull=False)
    return (
        Expense.objects.filter(matter_id=advance.matter_id, status=WorkStatus.APPROVED, advance_spending__isnull=True)
        .exclude(pk__in=on_invoices.values("expense"))
        .order_by("date", "pk")
    )


@transaction.atomic
@bumps(ADVANCES, WORK)
def advance_spend(
    *, advance: Advance, by, amount=None, spent_on: dt.date | None = None, description: str = "", expense=None
) -> AdvanceSpending:
    """Record what a confirmed advance paid: the expense actually incurred — an approved `expense` of the
    matter (its amount, date and description), or a new one recorded now from `amount`, `spent_on` and
    `description` (approved: staff record money actually paid). The total never exceeds what was paid;
    the expense is then covered by the advance and never billed again."""
    advance = _require(by, advance, "spend", _("Only a confirmed advance can be spent."))
    errors = {}
    if expense is not None:
        found = (
            linkable_expenses(advance)
            .select_for_update(of=("self",))
            .filter(pk=getattr(expense, "pk", expense))
            .first()
        )
        if found is None:
            raise ValidationError(
                fields={
                    "expense": [
                        _("Choose an approved expense of this matter, not billed and not paid from another advance.")
                    ]
                }
            )
        if amount not in (None, "") and parse_amount(amount) != found.amount:
            raise ValidationError(fields={"amount": [_("The spending is the expense's amount.")]})
        amount, spent_on, description = found.amount, found.date, found.description[:TEXT_MAX]
    else:
        try:
            amount = parse_amount(amount)
        except ValidationError as e:
            errors.update(e.fields)
        if not isinstance(spent_on, dt.date):
            errors["spent_on"] = [_("Give the date of the spending.")]
        description = (description or "").strip()
        if not description:
            errors["description"] = [_("Say what the money was spent on.")]
        elif len(description) > TEXT_MAX:
            errors["description"] = [_("The description is too long (500 characters at most).")]
    if errors:
        raise ValidationError(fields=errors)
    spent = advance.spendings.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    left = advance.confirmed_amount - spent
    if amount > left:
        raise ValidationError(fields={"amount": [_("Only %(left)s ₽ of this advance is left.") % {"left": left}]})
    if expense is None:
        now = timezone.now()
        found = Expense.objects.create(
            matter_id=advance.matter_id,
            specialist=by,
            created_by=by,
            date=spent_on,
            description=description,
            category=EXPENSE_CATEGORY.get(advance.category, Expense.Category.OTHER),
            amount=amount,
            status=WorkStatus.APPROVED,
            submitted_at=now,
            reviewed_at=now,
            reviewed_by=by,
        )
    spending = AdvanceSpending.objects.create(
        advance=advance, expense=found, amount=amount, spent_on=spent_on, description=description, recorded_by=by
    )
    _line(advance, "spent", by=by, amount=amount, description=description[:200])
    return spending


def task_or_hearing(*, matter: Matter, task_id=None, hearing_id=None):
    """The task and hearing of the matter named by id (None when not given); another matter's → error."""
    task = hearing = None
    if task_id:
        task = Task.objects.filter(pk=task_id, matter=matter).first()
        if task is None:
            raise ValidationError(fields={"task": [_("The task belongs to another matter.")]})
    if hearing_id:
        hearing = Hearing.objects.filter(pk=hearing_id, matter=matter).first()
        if hearing is None:
            raise ValidationError(fields={"hearing": [_("The hearing belongs to another matter.")]})
    return task, hearing
