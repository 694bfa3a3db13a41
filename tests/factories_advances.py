"""Factories of advances (issue 12, rule 7): rows arranged directly; behaviour goes through
billing.services.advances. A third-party advance carries valid treasury requisites."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from billing.models import Advance, AdvanceSpending, Expense, WorkStatus
from tests import factories as f

# A valid set of requisites (the check digits agree).
REQUISITES = {
    "recipient_name": "УФК по Свердловской области (Арбитражный суд)",
    "recipient_inn": "6671415928",
    "recipient_kpp": "667101001",
    "recipient_bik": "044525225",
    "recipient_account": "40702810938000000001",
    "recipient_corr_account": "30101810400000000225",
    "recipient_bank": "ПАО Сбербанк",
    "kbk": "18210803010011050110",
    "oktmo": "65701000",
}


def _lead(matter):
    assignment = matter.assignments.filter(is_lead=True).select_related("user").first()
    return assignment.user if assignment else f.LeadFactory()


class AdvanceFactory(factory.django.DjangoModelFactory):
    """A requested advance the client pays to the firm, due in ten days."""

    class Meta:
        model = Advance

    matter = factory.SubFactory(f.MatterFactory)
    amount = Decimal("3000.00")
    purpose = factory.Sequence(lambda n: f"Государственная пошлина {n}")
    category = Advance.Category.STATE_DUTY
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    payer = Advance.Payer.FIRM_AT_CLIENT_EXPENSE
    requested_by = factory.LazyAttribute(lambda o: _lead(o.matter))


class SpendingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvanceSpending

    advance = factory.SubFactory(AdvanceFactory)
    amount = Decimal("100.00")
    spent_on = factory.LazyFunction(timezone.localdate)
    description = "Пошлина уплачена"
    recorded_by = factory.LazyAttribute(lambda o: o.advance.requested_by)
    expense = factory.LazyAttribute(
        lambda o: Expense.objects.create(
            matter=o.advance.matter,
            specialist=o.recorded_by,
            created_by=o.recorded_by,
            date=o.spent_on,
            description=o.description,
            category=Expense.Category.STATE_DUTY,
            amount=o.amount,
            status=WorkStatus.APPROVED,
        )
    )
