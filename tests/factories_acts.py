"""Acts of services rendered: an issued one (numbered, requisites copied, one line, a UPD) for tests that
need one ready-made without going through the service."""

import datetime as dt
from decimal import Decimal

import factory

from billing.models import Act, ActLine, FirmProfile, Upd

from .factories import LeadFactory, MatterFactory
from .factories_billing import FirmProfileFactory


def _profile():
    return FirmProfile.objects.order_by("valid_from").first() or FirmProfileFactory()


class ActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Act
        skip_postgeneration_save = True

    matter = factory.SubFactory(MatterFactory)
    client = factory.SelfAttribute("matter.client")
    issued_by = factory.SubFactory(LeadFactory)
    year = 2026
    seq = factory.Sequence(lambda n: 9000 + n)
    number = factory.LazyAttribute(lambda o: f"{o.year}-{o.seq:04d}")
    act_date = dt.date(2026, 4, 2)
    period_start = dt.date(2026, 3, 1)
    period_end = dt.date(2026, 3, 31)
    firm_profile = factory.LazyFunction(_profile)
    vat_rate = Decimal("22")
    net = Decimal("819.67")
    vat = Decimal("180.33")
    gross = Decimal("1000.00")
    signatory_name = "Партнёров Пётр Петрович"
    signatory_position = "Партнёр"
    requisites = factory.LazyFunction(dict)
    customer = factory.LazyFunction(dict)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if create:
            ActLine.objects.create(
                act=self,
                matter=self.matter,
                position=1,
                source=ActLine.Source.FIXED,
                description=extracted or "Юридические услуги",
                quantity=Decimal(1),
                unit=ActLine.Unit.SERVICE,
                unit_price=self.gross,
                vat_rate=self.vat_rate,
                net=self.net,
                vat=self.vat,
                gross=self.gross,
                key=f"fixed:{self.pk}",
            )

    @factory.post_generation
    def upd(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Upd.objects.create(act=self, year=self.year, seq=self.seq, number=self.number, upd_date=self.act_date)
