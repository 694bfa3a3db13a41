"""Billing rows: the firm's requisites, fee arrangements, time entries and expenses."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from billing.models import Expense, FeeArrangement, FirmProfile, TaxRegime, TimeEntry, WorkStatus

from .factories import LeadFactory, MatterFactory, SpecialistFactory

# Real check digits: BIK 046577964 with its correspondent account and a settlement account in it.
BANK = {
    "bank_name": "ПАО «Банк Урал»",
    "bik": "046577964",
    "corr_account": "30101810100000000964",
    "account": "40702810316540001234",
}


class FirmProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FirmProfile

    valid_from = dt.date(2025, 1, 1)
    name = "Общество с ограниченной ответственностью «Северный берег»"
    short_name = "ООО «Северный берег»"
    inn = "6671415928"
    kpp = "667101001"
    ogrn = "1166658001234"
    address = "620014, г. Екатеринбург, ул. Примерная, д. 1"
    bank_name = BANK["bank_name"]
    bik = BANK["bik"]
    corr_account = BANK["corr_account"]
    account = BANK["account"]
    tax_regime = TaxRegime.NO_VAT


class FeeArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeArrangement

    matter = factory.SubFactory(MatterFactory)
    version = factory.Sequence(lambda n: n + 1)
    kind = FeeArrangement.Kind.FIXED
    fixed_amount = Decimal("150000.00")
    valid_from = factory.LazyFunction(timezone.localdate)
    created_by = factory.SubFactory(LeadFactory)


class TimeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeEntry

    matter = factory.SubFactory(MatterFactory)
    specialist = factory.SubFactory(SpecialistFactory)
    created_by = factory.SelfAttribute("specialist")
    date = factory.LazyFunction(timezone.localdate)
    minutes = 90
    description = "Подготовка искового заявления"
    status = WorkStatus.DRAFT


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    matter = factory.SubFactory(MatterFactory)
    specialist = factory.SubFactory(SpecialistFactory)
    created_by = factory.SelfAttribute("specialist")
    date = factory.LazyFunction(timezone.localdate)
    category = Expense.Category.STATE_DUTY
    amount = Decimal("6000.00")
    description = "Госпошлина за иск"
    status = WorkStatus.DRAFT
