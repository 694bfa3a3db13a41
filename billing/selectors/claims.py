"""Scoped reads of claims and adjustments, the limits of what a matter's claim can grant, and the
pending adjustments billing sets off against the next invoice.

`pending_adjustments(matter)` is the interface for the invoice service: the adjustments of the matter
still to be set off against an invoice (kind, amount, claim), oldest first. Each becomes a negative
line of the draft and is marked with `billing.services.claims.adjustment_apply(by=…, adjustment=…,
invoice=draft)`; a draft deleted or cancelled hands them back with `adjustment_release`.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_noop

from audit.models import AccessLogEntry
from audit.services import access_record
from core.selectors import get_visible

from ..access import restrict_adjustments, restrict_claims
from ..claim_law import Limits, consumer_delay_penalty, delay_days
from ..models import BillingAdjustment, Claim, Invoice, InvoiceLine

ZERO = Decimal("0.00")
FEE_SOURCES = (InvoiceLine.Source.TIME, InvoiceLine.Source.FIXED)
COUNTED = (Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID, Invoice.Status.PAID)


def overdue_q(today=None) -> Q:
    return Q(status=Claim.Status.OPEN, response_due_on__lt=today or timezone.localdate())


def claim_list(*, user, status: str = "", overdue: bool | None = None, matter_ids=None):
    qs = restrict_claims(user, "view").select_related("matter__client", "filed_by").order_by("response_due_on", "id")
    if matter_ids is not None:
        qs = qs.filter(matter_id__in=matter_ids)
    if status:
        qs = qs.filter(status=status)
    if overdue is not None:
        qs = qs.filter(overdue_q()) if overdue else qs.exclude(overdue_q())
    return qs


def claim_get(*, user, pk, action: str = "view") -> Claim:
    return get_visible(restrict_claims(user, action).select_related("matter__client", "filed_by", "decided_by"), pk=pk)


def attachment_get(*, user, pk, claim_pk, request=None):
    """A file attached to a claim the user sees (of that claim); a download by the firm's people is
    written to the access log (the client's papers)."""
    from ..models import ClaimAttachment

    attachment = get_visible(
        ClaimAttachment.objects.filter(claim__in=restrict_claims(user, "view").values("pk")).select_related(
            "claim__matter"
        ),
        pk=pk,
        claim_id=claim_pk,
    )
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description=gettext_noop("A file attached to a claim on matter %(matter)s: %(name)s"),
        params={"matter": attachment.claim.matter.number, "name": attachment.name},
        client_id=attachment.claim.matter.client_id,
        matter_id=attachment.claim.matter_id,
        object_id=attachment.pk,
    )
    return attachment


def adjustment_list(*, user, claim=None, matter_ids=None):
    qs = restrict_adjustments(user, "view").select_related("applied_invoice", "claim").order_by("created_at", "id")
    if claim is not None:
        qs = qs.filter(claim=claim)
    if matter_ids is not None:
        qs = qs.filter(matter_id__in=matter_ids)
    return qs


def adjustment_get(*, user, pk, action: str = "view") -> BillingAdjustment:
    return get_visible(restrict_adjustments(user, action).select_related("matter__client", "claim"), pk=pk)


def pending_adjustments(matter) -> list[BillingAdjustment]:
    """The matter's adjustments still to be set off against an invoice, oldest first (for the invoice
    service, which has already checked who drafts the invoice)."""
    return list(
        BillingAdjustment.objects.filter(
            matter=matter, status=BillingAdjustment.Status.PENDING, settle=BillingAdjustment.Settle.INVOICE
        )
        .select_related("claim")
        .order_by("created_at", "id")
    )


def statutory_penalty(claim: Claim, today=None) -> Decimal | None:
    """The consumer's delay penalty so far (art. 28 п.5), where it applies and the facts are given."""
    if not (claim.is_consumer and claim.subject == Claim.Subject.TIMELINESS):
        return None
    if claim.agreed_on is None or claim.service_price is None:
        return None
    days = delay_days(claim.agreed_on, claim.performed_on, today or timezone.localdate())
    return consumer_delay_penalty(claim.service_price, days)


def claim_limits(claim: Claim) -> Limits:
    """What the matter allows the firm to grant: the fee billed and what was paid (issued invoices, not
    cancelled), less the reductions and refunds already granted; the consumer's penalty cap (the price)."""
    invoices = Invoice.objects.filter(matter_id=claim.matter_id, status__in=COUNTED)
    fee = InvoiceLine.objects.filter(invoice__in=invoices, source__in=FEE_SOURCES).aggregate(t=Sum("gross"))["t"]
    paid = invoices.aggregate(t=Sum("paid"))["t"]
    K = BillingAdjustment.Kind
    granted = BillingAdjustment.objects.filter(matter_id=claim.matter_id).aggregate(
        reduced=Sum("amount", filter=Q(kind=K.FEE_REDUCTION)), refunded=Sum("amount", filter=Q(kind=K.REFUND))
    )
    cap = None
    if claim.is_consumer and claim.subject == Claim.Subject.TIMELINESS and claim.service_price is not None:
        cap = claim.service_price
    return Limits(
        fee=fee or ZERO,
        paid=paid or ZERO,
        reduced=granted["reduced"] or ZERO,
        refunded=granted["refunded"] or ZERO,
        penalty_cap=cap,
    )


def claims_summary(*, user) -> dict:
    """Open and overdue claims the user sees (for the partner's view and dashboards): one query."""
    return restrict_claims(user, "view").aggregate(
        open=Count("pk", filter=Q(status=Claim.Status.OPEN)), overdue=Count("pk", filter=overdue_q())
    )
