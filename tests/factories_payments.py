"""Factories of payments (issue 12, rule 1): rows arranged directly; behaviour goes through
billing.services.payments."""

import datetime as dt
from decimal import Decimal

import factory

from billing.models import Payment
from tests import factories as f


class PaymentFactory(factory.django.DjangoModelFactory):
    """A payment recorded by hand, waiting in the queue."""

    class Meta:
        model = Payment

    amount = Decimal("1500.00")
    date = dt.date(2026, 12, 2)
    payer_name = "ООО «Плательщик»"
    purpose = factory.Sequence(lambda n: f"Оплата по счёту № 2026-{n}")
    recorded_by = factory.SubFactory(f.PartnerFactory)
