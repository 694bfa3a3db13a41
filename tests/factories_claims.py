"""Factories of claims (issue 13, rule 15): rows arranged directly; behaviour goes through
billing.services.claims. A claim is open, about quality, under the engagement terms, due in 30 days."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from billing.models import BillingAdjustment, Claim
from tests import factories as f


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    matter = factory.SubFactory(f.MatterFactory)
    subject = Claim.Subject.QUALITY
    description = factory.Sequence(lambda n: f"Претензия {n}: заключение неполное")
    ask_refund = Decimal("500.00")
    regime = Claim.Regime.CONTRACT
    response_days = 30
    response_due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    filed_by = factory.LazyAttribute(
        lambda o: o.matter.client.users.first() or f.ClientUserFactory(client=o.matter.client)
    )


class AdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillingAdjustment

    claim = factory.SubFactory(ClaimFactory)
    matter = factory.SelfAttribute("claim.matter")
    kind = BillingAdjustment.Kind.REFUND
    amount = Decimal("200.00")
    settle = BillingAdjustment.Settle.PAYOUT
    created_by = factory.SubFactory(f.PartnerFactory)
