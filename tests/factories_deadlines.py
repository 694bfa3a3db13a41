"""Factories of procedural deadlines and production-calendar corrections (issue 11).

They arrange rows directly (fast, for lists, calendars and access tests); the behaviour under test
goes through hearings.services.deadlines. A DeadlineFactory's responsible specialist is the matter's
lead unless given.
"""

import datetime as dt

import factory
from django.utils import timezone

from hearings.models import Deadline, WorkdayOverride
from tests import factories as f


def _lead(matter):
    assignment = matter.assignments.filter(is_lead=True).select_related("user").first()
    return assignment.user if assignment else f.LeadFactory()


class DeadlineFactory(factory.django.DjangoModelFactory):
    """An open deadline on a matter, two weeks ahead, typed (no rule) unless rule/trigger_date are given."""

    class Meta:
        model = Deadline

    matter = factory.SubFactory(f.MatterFactory)
    title = factory.Sequence(lambda n: f"Апелляционная жалоба {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    responsible = factory.LazyAttribute(lambda o: _lead(o.matter))
    created_by = factory.LazyAttribute(lambda o: o.responsible)
    status = Deadline.Status.OPEN


class WorkdayOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkdayOverride
        django_get_or_create = ("day",)

    day = dt.date(2026, 3, 9)
    is_working = False
    note = "Постановление Правительства РФ (тест)"
