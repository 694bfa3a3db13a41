"""poa_valid_for: may this specialist act for this client (on this matter) on this day? Hearings rely on it."""

import datetime as dt

import pytest

from clients.models import PowerOfAttorney
from clients.selectors.powers import poa_valid_for, powers_expiring, valid_powers_for_team
from tests import factories as f
from tests.factories_powers import PowerFactory

pytestmark = pytest.mark.django_db

ISSUED = dt.date(2026, 3, 1)
UNTIL = dt.date(2026, 8, 31)


@pytest.fixture
def power(world):
    """A signed power of client A for A's specialist on A's matter, 1 March – 31 August 2026."""
    return PowerFactory(
        client=world.a.client,
        specialists=[world.a.specialist],
        matters=[world.a.matter],
        issued_on=ISSUED,
        valid_until=UNTIL,
    )


def valid(world, *, specialist=None, client=None, matter="a", on=ISSUED):
    matter = world.a.matter if matter == "a" else matter
    return poa_valid_for(
        specialist=specialist or world.a.specialist, client=client or world.a.client, matter=matter, on=on
    )


@pytest.mark.parametrize("day", [ISSUED, dt.date(2026, 5, 15), UNTIL])
def test_valid_on_every_day_from_issue_to_expiry_inclusive(world, power, day):
    assert valid(world, on=day) == power


@pytest.mark.parametrize("day", [ISSUED - dt.timedelta(days=1), UNTIL + dt.timedelta(days=1)])
def test_not_valid_the_day_before_issue_or_the_day_after_expiry(world, power, day):
    assert valid(world, on=day) is None


@pytest.mark.parametrize(
    "status",
    [
        PowerOfAttorney.Status.DRAFT,
        PowerOfAttorney.Status.SENT,
        PowerOfAttorney.Status.REVOKED,
        PowerOfAttorney.Status.EXPIRED,
    ],
)
def test_only_a_signed_power_is_valid(world, power, status):
    power.status = status
    power.save()
    assert valid(world) is None


def test_another_specialist_is_not_covered(world, power):
    assert valid(world, specialist=world.a.lead) is None
    assert valid(world, specialist=world.b.specialist) is None


def test_another_matter_of_the_same_client_is_not_covered_by_a_power_naming_matters(world, power):
    other = f.MatterFactory(client=world.a.client)
    assert valid(world, matter=other) is None


def test_a_power_naming_no_matters_covers_every_matter_of_the_client(world):
    general = PowerFactory(client=world.a.client, specialists=[world.a.specialist], issued_on=ISSUED, valid_until=UNTIL)
    assert valid(world) == general
    assert valid(world, matter=f.MatterFactory(client=world.a.client)) == general
    assert valid(world, matter=None) == general


def test_without_a_matter_any_valid_power_of_the_client_answers(world, power):
    assert valid(world, matter=None) == power


def test_a_power_never_covers_another_clients_matter_or_client(world, power):
    assert valid(world, matter=world.b.matter) is None
    assert valid(world, client=world.b.client, matter=None) is None
    PowerFactory(client=world.b.client, specialists=[world.a.specialist], issued_on=ISSUED, valid_until=UNTIL)
    assert valid(world, client=world.a.client, matter=world.b.matter) is None


def test_the_longest_lasting_valid_power_is_returned(world, power):
    longer = PowerFactory(
        client=world.a.client, specialists=[world.a.specialist], issued_on=ISSUED, valid_until=UNTIL.replace(month=12)
    )
    assert valid(world) == longer


def test_today_is_the_default_day(world):
    from django.utils import timezone

    today = timezone.localdate()
    current = PowerFactory(client=world.a.client, specialists=[world.a.specialist], issued_on=today, valid_until=today)
    assert poa_valid_for(specialist=world.a.specialist, client=world.a.client) == current


def test_team_check_answers_for_each_person_in_one_query(world, power, django_assert_num_queries):
    people = [world.a.lead, world.a.specialist]
    with django_assert_num_queries(1):
        found = valid_powers_for_team(matter=world.a.matter, people=people, on=ISSUED)
    assert found == {world.a.specialist.pk: power}
    assert valid_powers_for_team(matter=world.a.matter, people=people, on=UNTIL + dt.timedelta(days=1)) == {}


def test_expiring_panel_lists_what_the_user_may_see_nearest_first(world):
    from django.utils import timezone

    today = timezone.localdate()
    in_20 = PowerFactory(client=world.a.client, issued_on=today, valid_until=today + dt.timedelta(days=20))
    in_5 = PowerFactory(client=world.a.client, issued_on=today, valid_until=today + dt.timedelta(days=5))
    PowerFactory(client=world.a.client, issued_on=today, valid_until=today + dt.timedelta(days=31))
    PowerFactory(client=world.a.client, status=PowerOfAttorney.Status.REVOKED, valid_until=today + dt.timedelta(days=3))
    b_in_3 = PowerFactory(client=world.b.client, issued_on=today, valid_until=today + dt.timedelta(days=3))
    rows = powers_expiring(user=world.a.user, today=today)
    assert rows == [in_5, in_20]
    assert [(r.days_left, r.urgent) for r in rows] == [(5, True), (20, False)]
    assert powers_expiring(user=world.b.lead, today=today) == [b_in_3]
    assert powers_expiring(user=world.partner, today=today) == [b_in_3, in_5, in_20]
