"""Invoices: an issued one (with a number and the requisites copied) for tests that need one ready-made."""

import datetime as dt
from decimal import Decimal

import factory

from billing.models import Invoice, InvoiceLine

from .factories import LeadFactory, MatterFactory


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice
        skip_postgeneration_save = True

    matter = factory.SubFactory(MatterFactory)
    client = factory.SelfAttribute("matter.client")
    created_by = factory.SubFactory(LeadFactory)
    status = Invoice.Status.ISSUED
    year = 2026
    seq = factory.Sequence(lambda n: 9000 + n)
    number = factory.LazyAttribute(lambda o: f"{o.year}-{o.seq:04d}")
    issue_date = dt.date(2026, 3, 10)
    due_date = dt.date(2026, 3, 15)
    net = Decimal("1000.00")
    gross = Decimal("1000.00")
    requisites = factory.LazyFunction(dict)
    payer = factory.LazyFunction(dict)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if create:
            InvoiceLine.objects.create(
                invoice=self,
                position=1,
                source=InvoiceLine.Source.FIXED,
                description=extracted or "Юридические услуги",
                quantity=Decimal(1),
                unit_price=self.gross,
                net=self.gross,
                gross=self.gross,
            )
