"""Claims (rule 15) through their services: the law that applies, the deadline, who may file and
decide, the limits of what can be granted, the adjustments billing applies or pays out."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing.models import BillingAdjustment, Claim, Invoice
from billing.selectors.claims import claim_list, claims_summary, pending_adjustments, statutory_penalty
from billing.services import claims as s
from clients.models import Client
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.models import Notice
from tests import factories as f
from tests import factories_claims as fc
from tests import factories_invoices as finv
from timeline.models import TimelineEvent
from timeline.rendering import ref_url
from timeline.services import timeline_text

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _file(world, side="a", **extra):
    who = getattr(world, side)
    fields = {"subject": "quality", "description": "Заключение неполное", "ask_refund": "500.00", **extra}
    return s.claim_file(by=who.user, matter=who.matter, **fields)


def _person(world):
    client = world.a.client
    client.kind = Client.Kind.PERSON
    client.save(update_fields=["kind"])
    return client


def _invoice(world, *, gross="1000.00", paid="600.00", status=Invoice.Status.PARTLY_PAID):
    return finv.InvoiceFactory(
        matter=world.a.matter, created_by=world.a.lead, gross=Decimal(gross), paid=Decimal(paid), status=status
    )


def test_an_organisation_files_under_the_engagement_terms_and_the_firm_is_told_and_reminded(world):
    claim = _file(world, files=[SimpleUploadedFile("act.pdf", b"%PDF-1.4 x", content_type="application/pdf")])
    assert claim.regime == Claim.Regime.CONTRACT and claim.response_days == 30
    assert claim.response_due_on == TODAY() + dt.timedelta(days=30)
    assert claim.attachments.get().name == "act.pdf"
    event = TimelineEvent.objects.get(matter=world.a.matter, kind="claim", ref_id=claim.pk)
    assert set(event.params["subject"]) == {"ru", "en"} and event.params["subject"]["en"] == "quality of the services"
    with translation.override("en"):
        assert timeline_text(event).endswith(f"filed a claim about quality of the services; the firm answers by "
                                             f"{date_format(claim.response_due_on, 'DATE_FORMAT')}")  # fmt: skip
    assert ref_url("claim", claim.pk, world.a.matter.pk) == f"/claims/{claim.pk}/"
    told = set(Notice.objects.filter(kind="claim").values_list("recipient", flat=True))
    assert told == {world.partner.pk, world.a.lead.pk}
    scheduled = Notice.objects.filter(group=f"claim:{claim.pk}", status=Notice.Status.SCHEDULED)
    assert scheduled.count() == 6  # 3 and 1 days before, the morning after (overdue): partner and lead


@override_settings(CLAIM_RESPONSE_DAYS=14)
def test_the_firm_setting_sets_the_contract_period(world):
    assert _file(world).response_due_on == TODAY() + dt.timedelta(days=14)


def test_a_person_for_personal_needs_is_a_consumer_answered_in_ten_days(world):
    _person(world)
    claim = _file(world, personal_needs=True)
    assert claim.regime == Claim.Regime.CONSUMER and claim.response_due_on == TODAY() + dt.timedelta(days=10)
    assert _file(world, personal_needs=False).regime == Claim.Regime.CONTRACT


def test_an_organisation_cannot_be_a_consumer(world):
    claim = _file(world, personal_needs=True)
    assert claim.regime == Claim.Regime.CONTRACT and claim.personal_needs is False


def test_a_consumers_delay_penalty_is_computed_from_the_dates_and_price(world):
    _person(world)
    claim = _file(
        world,
        subject="timeliness",
        personal_needs=True,
        ask_refund=None,
        ask_penalty_computed=True,
        agreed_on=TODAY() - dt.timedelta(days=5),
        service_price="10000.00",
    )
    assert statutory_penalty(claim) == Decimal("1500.00")  # 3% × 5 days × 10 000
    claim.agreed_on = TODAY() - dt.timedelta(days=60)
    assert statutory_penalty(claim) == Decimal("10000.00")  # capped at the price


def test_the_statutory_penalty_needs_a_consumer_a_delay_and_a_price(world):
    with pytest.raises(ValidationError) as e:
        _file(world, subject="timeliness", agreed_on=TODAY() - dt.timedelta(days=3), ask_penalty_computed=True)
    assert "ask_penalty_computed" in e.value.fields
    _person(world)
    with pytest.raises(ValidationError) as e:
        _file(
            world,
            subject="timeliness",
            personal_needs=True,
            agreed_on=TODAY() - dt.timedelta(days=3),
            ask_penalty_computed=True,
        )
    assert "service_price" in e.value.fields


def test_bad_claims_are_refused_with_field_errors_and_nothing_is_stored(world):
    with pytest.raises(ValidationError) as e:
        _file(world, ask_refund=None)
    assert "__all__" in e.value.fields
    with pytest.raises(ValidationError) as e:
        _file(world, ask_fee_reduction="100", ask_fee_reduction_percent="150", description=" ")
    assert {"ask_fee_reduction_percent", "description"} <= set(e.value.fields)
    with pytest.raises(ValidationError) as e:
        _file(world, subject="timeliness", performed_on=TODAY() + dt.timedelta(days=1), ask_refund="1.005")
    assert {"agreed_on", "performed_on", "ask_refund"} <= set(e.value.fields)
    with pytest.raises(ValidationError) as e:
        _file(world, subject="nonsense")
    assert "subject" in e.value.fields
    assert not Claim.objects.exists()


def test_only_the_clients_own_people_file_on_their_matters(world):
    with pytest.raises(NotPermitted):
        s.claim_file(by=world.a.lead, matter=world.a.matter, subject="quality", description="x", ask_refund="1")
    with pytest.raises(NotFound):
        s.claim_file(by=world.b.user, matter=world.a.matter, subject="quality", description="x", ask_refund="1")


def test_each_side_sees_only_its_claims(world):
    a, b = _file(world), _file(world, side="b")
    assert list(claim_list(user=world.a.user)) == [a]
    assert list(claim_list(user=world.a.specialist)) == [a]
    assert list(claim_list(user=world.b.lead)) == [b]
    assert not claim_list(user=world.secretary).exists()
    assert set(claim_list(user=world.partner)) == {a, b}


def test_only_a_partner_decides_and_a_rejection_needs_reasons(world):
    claim = _file(world)
    with pytest.raises(NotPermitted):
        s.claim_decide(by=world.a.lead, claim=claim, outcome="reject", text="Нет")
    with pytest.raises(NotFound):
        s.claim_decide(by=world.b.user, claim=claim, outcome="reject", text="Нет")
    with pytest.raises(ValidationError) as e:
        s.claim_decide(by=world.partner, claim=claim, outcome="reject", text="  ")
    assert "text" in e.value.fields
    claim = s.claim_decide(by=world.partner, claim=claim, outcome="reject", text="Услуги оказаны полностью")
    assert claim.status == Claim.Status.REJECTED and claim.decided_by == world.partner
    assert not Notice.objects.filter(group=f"claim:{claim.pk}", status=Notice.Status.SCHEDULED).exists()
    assert Notice.objects.filter(recipient=world.a.user, kind="claim").count() == 1
    assert TimelineEvent.objects.filter(ref_id=claim.pk, kind="claim").count() == 2
    with pytest.raises(InvalidState):
        s.claim_decide(by=world.partner, claim=claim, outcome="reject", text="Ещё раз")


def test_what_is_granted_stays_within_the_fee_billed_and_the_amount_paid(world):
    _invoice(world)  # fee 1000 billed, 600 paid
    claim = _file(world)
    with pytest.raises(ValidationError) as e:
        s.claim_decide(by=world.partner, claim=claim, outcome="grant", refund="600.01", fee_reduction="1000.01")
    assert set(e.value.fields) == {"refund", "fee_reduction"} and "600.00" in str(e.value.fields["refund"][0])
    with pytest.raises(ValidationError):
        s.claim_decide(by=world.partner, claim=claim, outcome="grant")
    claim = s.claim_decide(
        by=world.partner, claim=claim, outcome="grant", text="Частично", refund="600.00", fee_reduction="300.00"
    )
    assert claim.status == Claim.Status.GRANTED
    kinds = {a.kind: a for a in claim.adjustments.all()}
    assert kinds["refund"].settle == "payout" and kinds["fee_reduction"].settle == "invoice"
    assert pending_adjustments(world.a.matter) == [kinds["fee_reduction"]]
    # What is granted counts against the next claim on the matter.
    second = _file(world)
    with pytest.raises(ValidationError) as e:
        s.claim_decide(by=world.partner, claim=second, outcome="grant", refund="0.01", fee_reduction="700.01")
    assert set(e.value.fields) == {"refund", "fee_reduction"}


def test_a_consumers_penalty_is_capped_at_the_price(world):
    _person(world)
    claim = _file(
        world,
        subject="timeliness",
        personal_needs=True,
        agreed_on=TODAY() - dt.timedelta(days=40),
        service_price="10000.00",
        ask_refund=None,
        ask_penalty_computed=True,
    )
    with pytest.raises(ValidationError) as e:
        s.claim_decide(by=world.partner, claim=claim, outcome="grant", penalty="10000.01")
    assert "penalty" in e.value.fields
    claim = s.claim_decide(by=world.partner, claim=claim, outcome="grant", penalty="10000.00", penalty_settle="payout")
    assert claim.adjustments.get().settle == "payout"


def test_a_partner_records_the_payout_and_the_client_is_told(world):
    _invoice(world)
    claim = s.claim_decide(by=world.partner, claim=_file(world), outcome="grant", refund="500.00")
    refund = claim.adjustments.get()
    with pytest.raises(NotPermitted):
        s.adjustment_pay_out(by=world.a.lead, adjustment=refund, paid_on=TODAY(), reference="п/п 12")
    with pytest.raises(ValidationError) as e:
        s.adjustment_pay_out(by=world.partner, adjustment=refund, paid_on=TODAY() + dt.timedelta(days=1), reference="")
    assert {"paid_on", "reference"} <= set(e.value.fields)
    refund = s.adjustment_pay_out(by=world.partner, adjustment=refund, paid_on=TODAY(), reference="п/п 12")
    assert refund.status == BillingAdjustment.Status.PAID_OUT and refund.paid_out_reference == "п/п 12"
    assert Notice.objects.filter(recipient=world.a.user, kind="claim").count() == 2  # the decision, the payout
    with pytest.raises(InvalidState):
        s.adjustment_pay_out(by=world.partner, adjustment=refund, paid_on=TODAY(), reference="п/п 13")


def test_billing_applies_a_pending_adjustment_to_a_draft_of_the_same_matter_and_can_release_it(world):
    adjustment = fc.AdjustmentFactory(
        claim=fc.ClaimFactory(
            matter=world.a.matter, status="granted", decided_by=world.partner, decided_at=timezone.now()
        ),
        kind="fee_reduction",
        settle="invoice",
        amount=Decimal("300.00"),
    )
    draft = finv.InvoiceFactory(
        matter=world.a.matter, created_by=world.a.lead, status=Invoice.Status.DRAFT, year=None, seq=None, number=""
    )
    issued = _invoice(world)
    other = finv.InvoiceFactory(
        matter=f.MatterFactory(client=world.a.client, lead=world.a.lead),
        created_by=world.a.lead,
        status=Invoice.Status.DRAFT,
        year=None,
        seq=None,
        number="",
    )
    with pytest.raises(InvalidState):
        s.adjustment_apply(by=world.a.lead, adjustment=adjustment, invoice=issued)
    with pytest.raises(ValidationError):
        s.adjustment_apply(by=world.a.lead, adjustment=adjustment, invoice=other)
    with pytest.raises(NotPermitted):
        s.adjustment_apply(by=world.a.user, adjustment=adjustment, invoice=draft)
    adjustment = s.adjustment_apply(by=world.a.lead, adjustment=adjustment, invoice=draft)
    assert adjustment.status == "applied" and adjustment.applied_invoice == draft
    assert adjustment.signed_amount == Decimal("-300.00")
    assert pending_adjustments(world.a.matter) == []
    with pytest.raises(InvalidState):
        s.adjustment_apply(by=world.a.lead, adjustment=adjustment, invoice=draft)
    adjustment = s.adjustment_release(by=world.a.lead, adjustment=adjustment)
    assert adjustment.status == "pending" and pending_adjustments(world.a.matter) == [adjustment]


def test_overdue_claims_are_flagged(world):
    claim = fc.ClaimFactory(matter=world.a.matter, response_due_on=TODAY() - dt.timedelta(days=1))
    fc.ClaimFactory(matter=world.a.matter)
    assert list(claim_list(user=world.partner, overdue=True)) == [claim]
    assert claims_summary(user=world.partner) == {"open": 2, "overdue": 1}
    assert claims_summary(user=world.b.user) == {"open": 0, "overdue": 0}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.decimals("0.01", "99999.99", places=2),
    st.decimals("0.00", "1", places=2),
    st.lists(
        st.tuples(st.sampled_from(["fee_reduction", "refund"]), st.decimals("0.01", "60000.00", places=2)),
        min_size=1,
        max_size=5,
    ),
)
def test_claim_after_claim_the_service_never_grants_more_than_billed_or_paid(world, fee, share, asks):
    """Through the service and the database: whatever is asked, the reductions granted on a matter stay
    within the fee billed, and the refunds within what the client paid (a fresh matter per example)."""
    matter = f.MatterFactory(client=world.a.client, lead=world.a.lead)
    paid = (fee * share).quantize(Decimal("0.01"))
    finv.InvoiceFactory(matter=matter, created_by=world.a.lead, gross=fee, paid=paid, status=Invoice.Status.ISSUED)
    for kind, amount in asks:
        claim = s.claim_file(by=world.a.user, matter=matter, subject="quality", description="x", ask_refund="1")
        try:
            s.claim_decide(by=world.partner, claim=claim, outcome="grant", **{kind: amount})
        except ValidationError as e:
            assert set(e.fields) == {kind}
    granted = BillingAdjustment.objects.filter(matter=matter)
    reduced = sum((a.amount for a in granted if a.kind == "fee_reduction"), Decimal(0))
    refunded = sum((a.amount for a in granted if a.kind == "refund"), Decimal(0))
    assert reduced <= fee and refunded <= paid
