"""Hearings and deadlines as rows, for the calendar's tests (the hearings' and deadlines' own factories
live with their services' tests; these only arrange what the calendar reads)."""

import datetime as dt

import factory
from django.utils import timezone

from hearings.models import Deadline, Hearing

from . import factories as f


def _soon():
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=3)


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    matter = factory.SubFactory(f.MatterFactory)
    kind = Hearing.Kind.COURT
    title = factory.Sequence(lambda n: f"Заседание {n}")
    venue = "Арбитражный суд Свердловской области"
    address = "Екатеринбург, ул. Шарташская, 4"
    room = "1204"
    case_number = factory.Sequence(lambda n: f"А60-{1000 + n}/2026")
    starts_at = factory.LazyFunction(_soon)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    created_by = factory.LazyAttribute(lambda o: o.matter.assignments.filter(is_lead=True).first().user)
    representative = factory.LazyAttribute(lambda o: o.created_by)


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    matter = factory.SubFactory(f.MatterFactory)
    title = factory.Sequence(lambda n: f"Подать апелляционную жалобу {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    responsible = factory.LazyAttribute(lambda o: o.matter.assignments.filter(is_lead=True).first().user)
    created_by = factory.LazyAttribute(lambda o: o.responsible)
