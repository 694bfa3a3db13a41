"""A matter's fee arrangement: each change is a new version, with its start date, author and reason."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from core.errors import NotPermitted, ValidationError
from users.models import User

from ..access import fee_matters
from ..caching import FEES, bumps
from ..models import FeeArrangement, FeeRate, FeeStageAmount

MAX_MONEY = Decimal("9999999999.99")


def parse_money(value, field: str, errors: dict, *, required: bool = False) -> Decimal | None:
    """A positive amount in roubles with at most two decimals, or None when empty and optional."""
    if value in (None, ""):
        if required:
            errors.setdefault(field, []).append(_("Enter the amount."))
        return None
    try:
        amount = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        errors.setdefault(field, []).append(_("Enter an amount in roubles, e.g. 15000.00."))
        return None
    if not amount.is_finite() or amount <= 0 or amount > MAX_MONEY:
        errors.setdefault(field, []).append(_("The amount must be more than zero and less than ten billion."))
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors.setdefault(field, []).append(_("An amount has at most two digits after the point (kopecks)."))
        return None
    return amount.quantize(Decimal("0.01"))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@bumps(FEES)
def set_fee_arrangement(*, by, matter, data: dict) -> FeeArrangement:
    """A new version of the matter's arrangement (the lead or a partner).

    data: kind, valid_from (date), reason, fixed_amount | stage_amounts {stage_id: amount} |
    default_rate + rates {user_id: rate} | monthly_amount; success_fee_amount or _percent, and its condition.
    """
    if not fee_matters(by, "change").filter(pk=matter.pk).exists():
        raise NotPermitted(_("Only the matter's lead or a partner may set its fees."))
    errors: dict[str, list] = {}
    kind = data.get("kind")
    if kind not in FeeArrangement.Kind.values:
        errors["kind"] = [_("Choose the kind of fee.")]
    valid_from = data.get("valid_from")
    if not isinstance(valid_from, dt.date):
        errors["valid_from"] = [_("Enter the date the arrangement applies from.")]
    fields = {"fixed_amount": None, "default_rate": None, "monthly_amount": None}
    stages: dict = {}
    rates: dict = {}
    if kind == FeeArrangement.Kind.FIXED:
        fields["fixed_amount"] = parse_money(data.get("fixed_amount"), "fixed_amount", errors, required=True)
    elif kind == FeeArrangement.Kind.FIXED_STAGES:
        allowed = set(matter.matter_type.stages.values_list("pk", flat=True)) if matter.matter_type_id else set()
        for stage_id, amount in (data.get("stage_amounts") or {}).items():
            if _int(stage_id) not in allowed:
                errors.setdefault("stage_amounts", []).append(_("A stage is not one of the matter type's stages."))
                continue
            value = parse_money(amount, "stage_amounts", errors)
            if value is not None:
                stages[int(stage_id)] = value
        if not stages and "stage_amounts" not in errors:
            errors["stage_amounts"] = [_("Enter the fee for at least one stage.")]
    elif kind == FeeArrangement.Kind.HOURLY:
        fields["default_rate"] = parse_money(data.get("default_rate"), "default_rate", errors, required=True)
        team = set(matter.assignments.values_list("user_id", flat=True))
        for user_id, rate in (data.get("rates") or {}).items():
            if _int(user_id) not in team:
                errors.setdefault("rates", []).append(_("A rate is set for someone not on the matter."))
                continue
            value = parse_money(rate, "rates", errors)
            if value is not None:
                rates[int(user_id)] = value
    elif kind == FeeArrangement.Kind.RETAINER:
        fields["monthly_amount"] = parse_money(data.get("monthly_amount"), "monthly_amount", errors, required=True)
    success_amount = parse_money(data.get("success_fee_amount"), "success_fee_amount", errors)
    success_percent = None
    if data.get("success_fee_percent") not in (None, ""):
        try:
            success_percent = Decimal(str(data["success_fee_percent"]).replace(",", "."))
            if not success_percent.is_finite() or not (0 < success_percent <= 100):
                raise InvalidOperation
            success_percent = success_percent.quantize(Decimal("0.01"))
        except InvalidOperation:
            errors["success_fee_percent"] = [_("The success fee percent must be more than 0 and at most 100.")]
    if success_amount is not None and success_percent is not None:
        errors["success_fee_percent"] = [_("Give the success fee as an amount or as a percent, not both.")]
    condition = str(data.get("success_fee_condition") or "").strip()
    if (success_amount is not None or success_percent is not None) and not condition:
        errors["success_fee_condition"] = [_("Say on what condition the success fee is due.")]
    reason = str(data.get("reason") or "").strip()
    latest = FeeArrangement.objects.filter(matter=matter).order_by("-version").first()
    if latest is not None:
        if not reason:
            errors["reason"] = [_("Say why the arrangement changes.")]
        if isinstance(valid_from, dt.date) and valid_from < latest.valid_from:
            errors["valid_from"] = [_("A new version cannot start before the current one.")]
    if errors:
        raise ValidationError(fields=errors)
    try:
        with transaction.atomic():
            version = (FeeArrangement.objects.filter(matter=matter).aggregate(v=Max("version"))["v"] or 0) + 1
            arrangement = FeeArrangement.objects.create(
                matter=matter,
                version=version,
                kind=kind,
                valid_from=valid_from,
                reason=reason,
                created_by=by,
                success_fee_amount=success_amount,
                success_fee_percent=success_percent,
                success_fee_condition=condition,
                **fields,
            )
            FeeStageAmount.objects.bulk_create(
                FeeStageAmount(arrangement=arrangement, stage_id=s, amount=a) for s, a in stages.items()
            )
            FeeRate.objects.bulk_create(
                FeeRate(arrangement=arrangement, specialist=User(pk=u), rate=r) for u, r in rates.items()
            )
    except IntegrityError:
        raise ValidationError(_("The arrangement was changed at the same time: please try again.")) from None
    return arrangement
