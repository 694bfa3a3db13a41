"""Factories of hearings and their required attendees (issue 11, rule 8).

Rows only: scheduling, reminders and answers go through hearings.services in the tests that test them.
"""

import datetime as dt

import factory
from django.conf import settings
from django.utils import timezone

from hearings.models import Attendee, Hearing
from tests import factories as f


def _lead_of(matter):
    assignment = matter.assignments.filter(is_lead=True).select_related("user").first()
    return assignment.user if assignment else None


class HearingFactory(factory.django.DjangoModelFactory):
    """A scheduled court hearing on a matter a week ahead, at 10:00 for an hour, represented by the matter's lead."""

    class Meta:
        model = Hearing

    matter = factory.SubFactory(f.MatterFactory)
    kind = Hearing.Kind.COURT
    title = factory.Sequence(lambda n: f"Судебное заседание {n}")
    venue = "Арбитражный суд Свердловской области"
    address = "г. Екатеринбург, ул. Шарташская, 4"
    room = "410"
    case_number = factory.Sequence(lambda n: f"А60-{n:05d}/2026")
    starts_at = factory.LazyFunction(lambda: (timezone.now() + dt.timedelta(days=7)).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda h: h.starts_at + dt.timedelta(hours=1) if h.starts_at else None)
    time_zone = settings.TIME_ZONE
    representative = factory.LazyAttribute(lambda h: _lead_of(h.matter))
    created_by = factory.LazyAttribute(lambda h: h.representative or f.LeadFactory())


class AttendeeFactory(factory.django.DjangoModelFactory):
    """A client user required at the hearing (pass user=None, email=…, kind=… for an outside contact)."""

    class Meta:
        model = Attendee

    hearing = factory.SubFactory(HearingFactory)
    kind = Attendee.Kind.CLIENT_USER
    user = factory.LazyAttribute(
        lambda a: f.ClientUserFactory(client=a.hearing.matter.client) if a.kind == Attendee.Kind.CLIENT_USER else None
    )
    email = ""
    name = factory.LazyAttribute(lambda a: a.user.full_name if a.user else "Петров Пётр")
    language = "ru"
