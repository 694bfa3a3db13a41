"""The daily beat task: expire what ran out, warn 30 and 7 days ahead, each warning once, nearest first."""

import datetime as dt

import pytest
from django.conf import settings

from clients.models import PowerOfAttorney
from clients.services.powers import poa_expiry_sweep
from notices.models import Notice
from tests import factories as f
from tests.conftest import wait_for
from tests.factories_powers import PowerFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 1)


def expiring(world, days, **fields):
    return PowerFactory(
        client=world.a.client,
        specialists=[world.a.lead, world.a.specialist],
        issued_on=DAY - dt.timedelta(days=100),
        valid_until=DAY + dt.timedelta(days=days),
        **fields,
    )


def warnings(poa):
    return Notice.objects.filter(kind="poa_expiring", body_text__contains=poa.number)


def test_warns_30_days_ahead_then_7_days_ahead_each_once(world):
    poa = expiring(world, 30)
    assert poa_expiry_sweep(today=DAY - dt.timedelta(days=1)) == {"expired": 0, "warned": 0}  # 31 days: too early
    assert poa_expiry_sweep(today=DAY) == {"expired": 0, "warned": 1}
    assert {n.recipient for n in warnings(poa)} == {world.a.user, world.a.lead, world.a.specialist}
    assert all("30 days" in n.subject for n in warnings(poa))
    for day in range(1, 23):  # the following days up to 8 days left: nothing new
        assert poa_expiry_sweep(today=DAY + dt.timedelta(days=day))["warned"] == 0
    assert poa_expiry_sweep(today=DAY + dt.timedelta(days=23)) == {"expired": 0, "warned": 1}  # 7 days left
    assert sorted(n.subject for n in warnings(poa))[-1].endswith("7 days")
    assert warnings(poa).count() == 6  # two warnings to three people
    assert poa_expiry_sweep(today=DAY + dt.timedelta(days=24))["warned"] == 0
    poa.refresh_from_db()
    assert poa.expiry_warned_days == 7


def test_a_power_found_late_gets_only_the_nearest_warning(world):
    poa = expiring(world, 5)
    assert poa_expiry_sweep(today=DAY)["warned"] == 1
    assert warnings(poa).count() == 3
    assert all("5 days" in n.subject for n in warnings(poa))
    assert poa_expiry_sweep(today=DAY)["warned"] == 0


def test_the_nearest_expiry_is_warned_first(world):
    later = expiring(world, 25)
    sooner = expiring(world, 10)
    poa_expiry_sweep(today=DAY)
    mine = Notice.objects.filter(kind="poa_expiring", recipient=world.a.user).order_by("id")
    assert [sooner.number in n.body_text for n in mine] == [True, False]
    assert later.number in mine[1].body_text


def test_expires_signed_powers_past_their_date_and_leaves_others(world):
    ran_out = expiring(world, -1)
    last_day = expiring(world, 0)
    revoked = expiring(world, -5, status=PowerOfAttorney.Status.REVOKED)
    draft = expiring(world, -5, status=PowerOfAttorney.Status.DRAFT)
    result = poa_expiry_sweep(today=DAY)
    assert result["expired"] == 1
    for poa, status in (
        (ran_out, "expired"),
        (last_day, "signed"),
        (revoked, "revoked"),
        (draft, "draft"),
    ):
        poa.refresh_from_db()
        assert poa.status == status, poa
    assert warnings(last_day).exists() and not warnings(ran_out).exists()


def test_unsigned_and_revoked_powers_are_not_warned(world):
    expiring(world, 5, status=PowerOfAttorney.Status.SENT)
    expiring(world, 5, status=PowerOfAttorney.Status.REVOKED)
    assert poa_expiry_sweep(today=DAY)["warned"] == 0


def test_inactive_people_are_not_warned(world):
    world.a.specialist.is_active = False
    world.a.specialist.save()
    poa = expiring(world, 7)
    poa_expiry_sweep(today=DAY)
    assert {n.recipient for n in warnings(poa)} == {world.a.user, world.a.lead}


def test_the_beat_schedule_runs_the_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["powers-expiry"]
    assert entry["task"] == "clients.tasks.powers_expiry"


@pytest.mark.django_db(transaction=True)
def test_the_task_runs_in_a_real_worker_and_warns(celery_worker):
    from django.utils import timezone

    from clients.jobs import powers_expiry

    client = f.ClientFactory()
    user = f.ClientUserFactory(client=client)
    lawyer = f.SpecialistFactory()
    today = timezone.localdate()
    poa = PowerFactory(client=client, specialists=[lawyer], issued_on=today, valid_until=today + dt.timedelta(days=7))
    powers_expiry.delay()  # through the broker, as beat sends it (results are not kept)
    assert wait_for(lambda: warnings(poa).count() == 2)
    poa.refresh_from_db()
    assert poa.expiry_warned_days == 7
    assert {n.recipient for n in warnings(poa)} == {user, lawyer}
