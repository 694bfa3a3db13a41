"""Claims (rule 15): the client files → the firm answers by the deadline → what is granted is set off
against the next invoice or paid out.

Every write checks the gate the pages use (billing.access.claims), records the act on the matter's
timeline and tells the other side through the notices outbox, in one transaction. Which law applies
and the last day for the answer are computed on filing (billing.claim_law) and kept on the claim, so
a later change of the firm's setting does not move a deadline already promised.

The invoice service's interface (the lead wires it): `billing.selectors.claims.pending_adjustments(matter)`
lists what to set off; `adjustment_apply(by=, adjustment=, invoice=)` marks one as applied to a draft;
`adjustment_release(by=, adjustment=)` hands it back when that draft is deleted or cancelled.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Matter
from matters.services.uploads import check_files
from timeline.models import TimelineEvent
from timeline.services import in_languages, timeline_record

from ..access import (
    adjustment_role_allows,
    claim_matters,
    claim_role_allows,
    restrict_adjustments,
    restrict_claims,
    restrict_invoices,
)
from ..caching import CLAIMS, INVOICES, bumps
from ..claim_law import over_limits, regime_for, response_due_on
from ..models import BillingAdjustment, Claim, ClaimAttachment, Invoice
from ..selectors.claims import claim_limits
from . import claim_notices as tell
from .advances import parse_amount

TEXT_MAX = 5000
REFERENCE_MAX = 100
MAX_FILES = 10

_LINES = {
    "filed": gettext_noop("%(name)s filed a claim about %(subject)s; the firm answers by %(due)s"),
    "rejected": gettext_noop("The claim about %(subject)s was rejected by %(name)s"),
    "granted": gettext_noop("The claim about %(subject)s was granted by %(name)s: %(amounts)s"),
    "paid_out": gettext_noop("%(amount)s ₽ (%(kind)s) was paid out to the client, reference %(reference)s"),
}


def _line(claim, act: str, *, by, detail="", ref=None, **params) -> None:
    timeline_record(
        matter=claim.matter,
        kind=TimelineEvent.Kind.CLAIM,
        actor=by,
        summary=_LINES[act],
        params={
            "name": by.full_name if by else "",
            # In every language, so each reader sees the line in theirs (timeline.services.in_languages).
            "subject": in_languages(lambda: Claim.Subject(claim.subject).label),
            "due": in_languages(lambda: date_format(claim.response_due_on, "DATE_FORMAT")),
            **params,
        },
        detail=detail,
        ref=ref or claim,
    )


# --- validation --------------------------------------------------------------------------------


def _amount(value, field: str, errors: dict) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return parse_amount(value, field=field)
    except ValidationError as e:
        errors.update(e.fields)
        return None


def _percent(value, errors: dict) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        percent = Decimal(str(value).strip().replace(",", ".").rstrip("%").strip())
    except (InvalidOperation, ValueError):
        percent = None
    if (
        percent is None
        or not percent.is_finite()
        or not (0 < percent <= 100)
        or percent != percent.quantize(Decimal("0.01"))
    ):
        errors["ask_fee_reduction_percent"] = [_("Give a percentage above 0 and at most 100.")]
        return None
    return percent


def _text(value, field: str, errors: dict, *, required_message) -> str:
    text = (value or "").strip()
    if not text:
        errors[field] = [required_message]
    elif len(text) > TEXT_MAX:
        errors[field] = [_("The text is too long (5,000 characters at most).")]
    return text


def _date(value, field: str, errors: dict, *, today: dt.date, required=False, message=None) -> dt.date | None:
    if value in (None, ""):
        if required:
            errors[field] = [message or _("Give the date.")]
        return None
    if not isinstance(value, dt.date):
        errors[field] = [_("Enter a valid date.")]
        return None
    return value


# --- filing ------------------------------------------------------------------------------------


@transaction.atomic
@bumps(CLAIMS)
def claim_file(
    *,
    by,
    matter: Matter,
    subject: str,
    description: str,
    personal_needs: bool = False,
    ask_fee_reduction=None,
    ask_fee_reduction_percent=None,
    ask_refund=None,
    ask_penalty=None,
    ask_penalty_computed: bool = False,
    agreed_on=None,
    performed_on=None,
    service_price=None,
    files=(),
) -> Claim:
    """A client user files a claim on its matter; the law that applies and the deadline are fixed now."""
    if not claim_matters(by).filter(pk=matter.pk).exists():
        if getattr(by, "is_firm", False):
            raise NotPermitted(_("A claim is filed by the client's own people."))
        raise NotFound()
    matter = Matter.objects.select_related("client").get(pk=matter.pk)
    today = timezone.localdate()
    errors: dict = {}
    if subject not in Claim.Subject.values:
        errors["subject"] = [_("Say what went wrong: the quality, the timeliness, or something else.")]
    description = _text(description, "description", errors, required_message=_("Describe what went wrong."))
    personal_needs = bool(personal_needs) and matter.client.is_person
    fee_reduction = _amount(ask_fee_reduction, "ask_fee_reduction", errors)
    percent = _percent(ask_fee_reduction_percent, errors)
    if fee_reduction is not None and percent is not None:
        errors["ask_fee_reduction_percent"] = [_("Ask for a fee reduction as an amount or as a percentage, not both.")]
    refund = _amount(ask_refund, "ask_refund", errors)
    penalty = _amount(ask_penalty, "ask_penalty", errors)
    regime = regime_for(
        client_is_person=matter.client.is_person,
        personal_needs=personal_needs,
        contract_days=settings.CLAIM_RESPONSE_DAYS,
    )
    timeliness = subject == Claim.Subject.TIMELINESS
    agreed_on = _date(
        agreed_on,
        "agreed_on",
        errors,
        today=today,
        required=timeliness,
        message=_("For a delay, give the date by which the service was due."),
    )
    performed_on = _date(performed_on, "performed_on", errors, today=today)
    if agreed_on and agreed_on >= today and not performed_on:
        errors["agreed_on"] = [_("The agreed date has not passed yet: there is no delay.")]
    if performed_on and performed_on > today:
        errors["performed_on"] = [_("The date the service was rendered cannot be in the future.")]
    if agreed_on and performed_on and performed_on <= agreed_on:
        errors["performed_on"] = [_("The service was rendered on time: there is no delay.")]
    price = _amount(service_price, "service_price", errors)
    ask_penalty_computed = bool(ask_penalty_computed)
    if ask_penalty_computed:
        if not (regime.is_consumer and timeliness):
            errors["ask_penalty_computed"] = [
                _("The statutory penalty applies to a consumer's claim about a delay; give the amount instead.")
            ]
        elif price is None and "service_price" not in errors:
            errors["service_price"] = [_("Give the price of the service: the penalty is computed from it.")]
        if penalty is not None:
            errors["ask_penalty"] = [_("Ask for the statutory penalty or give an amount, not both.")]
    if not timeliness:
        agreed_on = performed_on = None
    if not any(x is not None for x in (fee_reduction, percent, refund, penalty)) and not ask_penalty_computed:
        errors.setdefault("__all__", [_("Say what you ask for: a fee reduction, a refund or a penalty.")])
    if errors:
        raise ValidationError(fields=errors)
    files = check_files(list(files or ()), field="files", limit=MAX_FILES, uploader=by)
    claim = Claim.objects.create(
        matter=matter,
        subject=subject,
        description=description,
        personal_needs=personal_needs,
        ask_fee_reduction=fee_reduction,
        ask_fee_reduction_percent=percent,
        ask_refund=refund,
        ask_penalty=penalty,
        ask_penalty_computed=ask_penalty_computed,
        agreed_on=agreed_on,
        performed_on=performed_on,
        service_price=price,
        regime=regime.code,
        response_days=regime.response_days,
        response_due_on=response_due_on(today, regime.response_days),
        filed_by=by,
    )
    for upload in files:
        attachment = ClaimAttachment(claim=claim, name=PurePosixPath(upload.name).name[:255], size=upload.size)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    _line(claim, "filed", by=by, detail=description[:1000])
    tell.tell(claim, tell.firm_users(claim), act="filed", by=by)
    tell.reminders_write(claim)
    return claim


# --- the firm's answer -------------------------------------------------------------------------


def _lock(claim: Claim) -> Claim:
    return Claim.objects.select_for_update(of=("self",)).select_related("matter__client").get(pk=claim.pk)


def _require(user, claim: Claim, action: str, message) -> Claim:
    if not restrict_claims(user, "view").filter(pk=claim.pk).exists():
        raise NotFound()
    claim = _lock(claim)
    if not restrict_claims(user, action).filter(pk=claim.pk).exists():
        if claim_role_allows(user, claim, action):
            raise InvalidState(message)
        raise NotPermitted(_("Claims are answered by the firm's partners."))
    return claim


SETTLE_DEFAULTS = {
    BillingAdjustment.Kind.FEE_REDUCTION: BillingAdjustment.Settle.INVOICE,
    BillingAdjustment.Kind.REFUND: BillingAdjustment.Settle.PAYOUT,
    BillingAdjustment.Kind.PENALTY: BillingAdjustment.Settle.INVOICE,
}


@transaction.atomic
@bumps(CLAIMS, INVOICES)
def claim_decide(
    *,
    by,
    claim: Claim,
    outcome: str,
    text: str = "",
    fee_reduction=None,
    refund=None,
    penalty=None,
    fee_reduction_settle: str = "",
    refund_settle: str = "",
    penalty_settle: str = "",
) -> Claim:
    """A partner answers an open claim: `outcome` "reject" (with the reasons in `text`) or "grant" (one or
    more amounts, each within the matter's limits, each set off against the next invoice or paid out)."""
    claim = _require(by, claim, "decide", _("This claim is already answered."))
    errors: dict = {}
    if outcome not in ("reject", "grant"):
        raise ValidationError(fields={"outcome": [_("Reject the claim or grant it.")]})
    if outcome == "reject":
        text = _text(text, "text", errors, required_message=_("Give the reasons for rejecting the claim."))
        if errors:
            raise ValidationError(fields=errors)
        claim.status = Claim.Status.REJECTED
        amounts = {}
    else:
        text = (text or "").strip()
        if len(text) > TEXT_MAX:
            errors["text"] = [_("The text is too long (5,000 characters at most).")]
        amounts = {
            BillingAdjustment.Kind.FEE_REDUCTION: _amount(fee_reduction, "fee_reduction", errors),
            BillingAdjustment.Kind.REFUND: _amount(refund, "refund", errors),
            BillingAdjustment.Kind.PENALTY: _amount(penalty, "penalty", errors),
        }
        amounts = {k: v for k, v in amounts.items() if v is not None}
        settles = {
            BillingAdjustment.Kind.FEE_REDUCTION: fee_reduction_settle,
            BillingAdjustment.Kind.REFUND: refund_settle,
            BillingAdjustment.Kind.PENALTY: penalty_settle,
        }
        for kind, value in settles.items():
            if value and value not in BillingAdjustment.Settle.values:
                errors[f"{kind}_settle"] = [_("Choose: set off against the next invoice, or pay out.")]
        if not amounts and not errors:
            errors["__all__"] = [_("Grant at least one amount: a fee reduction, a refund or a penalty.")]
        if not errors:
            # Two partners granting on two claims of one matter at once must not both spend the same
            # limit: the matter's row is the lock the limits are computed under.
            Matter.objects.select_for_update().filter(pk=claim.matter_id).first()
            over = over_limits(
                fee_reduction=amounts.get(BillingAdjustment.Kind.FEE_REDUCTION, Decimal(0)),
                refund=amounts.get(BillingAdjustment.Kind.REFUND, Decimal(0)),
                penalty=amounts.get(BillingAdjustment.Kind.PENALTY, Decimal(0)),
                limits=claim_limits(claim),
            )
            messages = {
                "fee_reduction": _("The fee billed on the matter leaves at most %(most)s ₽ to reduce."),
                "refund": _("The client has paid %(most)s ₽ that can still be refunded."),
                "penalty": _("The consumer's penalty cannot exceed the price of the service, %(most)s ₽."),
            }
            for field, most in over.items():
                errors[field] = [messages[field] % {"most": most}]
        if errors:
            raise ValidationError(fields=errors)
        claim.status = Claim.Status.GRANTED
    claim.decision_text = text
    claim.decided_by, claim.decided_at = by, timezone.now()
    claim.save(update_fields=["status", "decision_text", "decided_by", "decided_at"])
    for kind, amount in amounts.items():
        BillingAdjustment.objects.create(
            matter=claim.matter,
            claim=claim,
            kind=kind,
            amount=amount,
            settle=settles[kind] or SETTLE_DEFAULTS[kind],
            created_by=by,
        )
    tell.reminders_cancel(claim)
    if claim.status == Claim.Status.REJECTED:
        _line(claim, "rejected", by=by, detail=text[:1000])
    else:
        listed = in_languages(
            lambda: "; ".join(f"{BillingAdjustment.Kind(k).label}: {v} ₽" for k, v in amounts.items())
        )
        _line(claim, "granted", by=by, detail=text[:1000], amounts=listed)
    tell.tell(claim, tell.client_users(claim), act=claim.status, by=by)
    return claim


# --- settling what was granted -----------------------------------------------------------------


def _require_adjustment(user, adjustment: BillingAdjustment, action: str, message) -> BillingAdjustment:
    if not restrict_adjustments(user, "view").filter(pk=adjustment.pk).exists():
        raise NotFound()
    adjustment = (
        BillingAdjustment.objects.select_for_update(of=("self",))
        .select_related("matter__client", "claim")
        .get(pk=adjustment.pk)
    )
    if not restrict_adjustments(user, action).filter(pk=adjustment.pk).exists():
        if adjustment_role_allows(user, adjustment, action):
            raise InvalidState(message)
        raise NotPermitted()
    return adjustment


@transaction.atomic
@bumps(CLAIMS)
def adjustment_pay_out(*, by, adjustment: BillingAdjustment, paid_on, reference: str) -> BillingAdjustment:
    """A partner records that the amount was paid to the client: the date and the payment reference."""
    adjustment = _require_adjustment(by, adjustment, "pay_out", _("Only a pending payout can be recorded."))
    errors: dict = {}
    if not isinstance(paid_on, dt.date):
        errors["paid_on"] = [_("Give the date of the payment.")]
    elif paid_on > timezone.localdate():
        errors["paid_on"] = [_("The payment date cannot be in the future.")]
    reference = (reference or "").strip()
    if not reference:
        errors["reference"] = [_("Give the payment reference (the payment order's number).")]
    elif len(reference) > REFERENCE_MAX:
        errors["reference"] = [_("The reference is too long (100 characters at most).")]
    if errors:
        raise ValidationError(fields=errors)
    adjustment.status = BillingAdjustment.Status.PAID_OUT
    adjustment.paid_out_at, adjustment.paid_out_reference, adjustment.settled_by = paid_on, reference, by
    adjustment.save(update_fields=["status", "paid_out_at", "paid_out_reference", "settled_by"])
    if adjustment.claim_id:
        claim = adjustment.claim
        _line(
            claim,
            "paid_out",
            by=by,
            ref=claim,
            amount=str(adjustment.amount),
            kind=in_languages(adjustment.get_kind_display),
            reference=reference,
        )
        tell.tell(claim, tell.client_users(claim), act="paid_out", by=by, adjustment=adjustment)
    return adjustment


@transaction.atomic
@bumps(CLAIMS, INVOICES)
def adjustment_apply(*, by, adjustment: BillingAdjustment, invoice: Invoice) -> BillingAdjustment:
    """Billing sets the adjustment off against a draft invoice of the same matter (the caller adds the
    negative line). Who may: the people who prepare that draft (billing.access), for a pending
    adjustment to be set off against an invoice."""
    adjustment = _require_adjustment(
        by, adjustment, "apply", _("Only a pending adjustment to be set off against an invoice can be applied.")
    )
    if not restrict_invoices(by, "prepare").filter(pk=invoice.pk).exists():
        raise InvalidState(_("An adjustment is applied to a draft invoice you prepare."))
    if invoice.matter_id != adjustment.matter_id:
        raise ValidationError(fields={"invoice": [_("The invoice is for another matter.")]})
    adjustment.status = BillingAdjustment.Status.APPLIED
    adjustment.applied_invoice, adjustment.applied_at, adjustment.settled_by = invoice, timezone.now(), by
    adjustment.save(update_fields=["status", "applied_invoice", "applied_at", "settled_by"])
    return adjustment


@transaction.atomic
@bumps(CLAIMS, INVOICES)
def adjustment_release(*, by, adjustment: BillingAdjustment) -> BillingAdjustment:
    """The draft it was applied to is deleted or cancelled: the adjustment is pending again."""
    if not restrict_adjustments(by, "view").filter(pk=adjustment.pk).exists():
        raise NotFound()
    adjustment = BillingAdjustment.objects.select_for_update(of=("self",)).get(pk=adjustment.pk)
    invoice = adjustment.applied_invoice
    if adjustment.status != BillingAdjustment.Status.APPLIED or invoice is None:
        raise InvalidState(_("This adjustment is not applied to an invoice."))
    if (
        invoice.status != Invoice.Status.CANCELLED
        and not restrict_invoices(by, "prepare").filter(pk=invoice.pk).exists()
    ):
        raise InvalidState(_("An issued invoice keeps its adjustments; cancel it first."))
    adjustment.status = BillingAdjustment.Status.PENDING
    adjustment.applied_invoice = adjustment.applied_at = None
    adjustment.save(update_fields=["status", "applied_invoice", "applied_at"])
    return adjustment
