"""The powers' expiry warnings follow the firm's schedule and are written once per key."""

import datetime as dt

import pytest

from clients.models import PowerOfAttorney
from clients.services.powers import poa_expiry_sweep
from notices.models import Notice, NoticeKindSetting
from notices.services import outbox
from tests import factories as f
from tests import factories_powers as fp


@pytest.fixture(autouse=True)
def _no_broker(monkeypatch):
    monkeypatch.setattr(outbox, "_dispatch", lambda pk: True)


@pytest.mark.django_db
def test_warnings_follow_the_schedule_carry_a_key_and_a_link_and_are_never_sent_twice():
    NoticeKindSetting.objects.create(kind="poa_expiring", reminder_days="14, 3")
    client_user = f.ClientUserFactory()
    specialist = f.SpecialistFactory()
    today = dt.date(2026, 12, 1)
    poa = fp.PowerFactory(
        client=client_user.client, specialists=[specialist], status=PowerOfAttorney.Status.SIGNED,
        valid_until=today + dt.timedelta(days=10),
    )  # fmt: skip

    assert poa_expiry_sweep(today=today)["warned"] == 1
    notices = Notice.objects.filter(kind="poa_expiring")
    assert {n.recipient_id for n in notices} == {client_user.pk, specialist.pk}
    notice = notices.get(recipient=client_user)
    assert notice.key == f"poa:{poa.pk}:expiry:14d:user{client_user.pk}:{poa.valid_until.isoformat()}"
    assert notice.link == f"/powers/{poa.pk}/"

    # A re-run, even one that forgot what it did (the mark reset), writes nothing twice.
    PowerOfAttorney.objects.filter(pk=poa.pk).update(expiry_warned_days=None)
    poa_expiry_sweep(today=today)
    assert Notice.objects.filter(kind="poa_expiring").count() == 2

    assert poa_expiry_sweep(today=today + dt.timedelta(days=8))["warned"] == 1  # 2 days left: the 3-day one
    assert Notice.objects.filter(kind="poa_expiring", key__contains=":3d:").count() == 2
