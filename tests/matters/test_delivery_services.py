"""Delivery of results (rule 1): the channel, the e-mail that carries the files, tracking, delivery, confirmation."""

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.models import Assignment, Deliverable, Delivery
from matters.selectors import deliverables as sel
from matters.services import deliverables as svc
from matters.services import deliveries as delivery_svc
from notices.models import Notice
from tests import factories as f
from tests.factories_deliverables import DeliverableFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def released(world):
    draft = DeliverableFactory(matter=world.a.matter, files=2)
    return svc.deliverable_release(deliverable=draft, by=world.a.lead)


def send(released, by, **kwargs):
    return delivery_svc.delivery_record(deliverable=released, by=by, **kwargs)


def test_an_email_delivery_queues_a_notice_carrying_the_files(world, released):
    delivery = send(released, world.a.lead, channel="email", recipient=world.a.user.email)
    notice = delivery.notice
    assert notice.kind == "deliverable_email" and notice.to_email == world.a.user.email
    assert notice.recipient == world.a.user
    stored = list(released.files.all())
    assert [(a.path, a.filename, a.content_type) for a in notice.attachments.all()] == [
        (s.file.name, s.original_name, "application/pdf") for s in stored
    ]
    assert released.title in notice.subject
    assert delivery.confirm_by == delivery.sent_at + dt.timedelta(days=3)


def test_releasing_by_email_sends_the_client_one_mail_not_two(world):
    draft = DeliverableFactory(matter=world.a.matter)
    colleague = f.ClientUserFactory(client=world.a.client)
    svc.deliverable_release(deliverable=draft, by=world.a.lead, channel="email", recipient=world.a.user.email.upper())
    assert list(Notice.objects.filter(recipient=world.a.user).values_list("kind", flat=True)) == ["deliverable_email"]
    assert Notice.objects.filter(recipient=colleague, kind="deliverable_released").exists()


def test_an_email_to_another_address_is_written_for_the_clients_first_user(world, released):
    delivery = send(released, world.a.lead, channel="email", recipient="office@alfa.test")
    assert delivery.notice.to_email == "office@alfa.test"
    assert delivery.notice.recipient == world.a.user


def test_the_confirmation_period_is_a_setting(world, released, settings):
    settings.DELIVERY_CONFIRM_DAYS = 7
    delivery = send(released, world.a.lead, channel="portal")
    assert delivery.confirm_by - delivery.sent_at == dt.timedelta(days=7)


@pytest.mark.parametrize("channel", ["courier", "post"])
def test_courier_and_post_need_a_tracking_number(world, released, channel):
    with pytest.raises(ValidationError) as error:
        send(released, world.a.lead, channel=channel, recipient="Екатеринбург, ул. Ленина, 1")
    assert "tracking_number" in error.value.fields
    assert not Delivery.objects.exists()
    delivery = send(released, world.a.lead, channel=channel, recipient="ул. Ленина, 1", tracking_number="RA123")
    assert delivery.tracking_number == "RA123"
    assert Notice.objects.filter(kind="deliverable_sent", recipient=world.a.user).exists()


@pytest.mark.parametrize(
    "fields, bad",
    [
        ({"channel": "pigeon", "recipient": "x"}, "channel"),
        ({"channel": "email", "recipient": "not-an-address"}, "recipient"),
        ({"channel": "fax", "recipient": ""}, "recipient"),
        ({"channel": "fax", "recipient": "1" * 301}, "recipient"),
    ],
)
def test_bad_delivery_input_is_refused(world, released, fields, bad):
    with pytest.raises(ValidationError) as error:
        send(released, world.a.lead, **fields)
    assert bad in error.value.fields
    assert not Delivery.objects.exists() and not Notice.objects.filter(kind="deliverable_email").exists()


def test_a_draft_is_not_sent(world):
    draft = DeliverableFactory(matter=world.a.matter)
    with pytest.raises(InvalidState):
        send(draft, world.a.lead, channel="portal")


def test_who_may_record_a_delivery(world, released):
    secretary = f.SecretaryFactory()
    Assignment.objects.create(matter=world.a.matter, user=secretary)
    assert send(released, secretary, channel="courier", recipient="офис", tracking_number="C-1").sent_by == secretary
    assert send(released, world.a.specialist, channel="fax", recipient="+7 343 000").sent_by == world.a.specialist
    with pytest.raises(NotPermitted):
        send(released, world.a.user, channel="portal")
    for outsider in (world.b.lead, world.secretary):
        with pytest.raises(NotFound):
            send(released, outsider, channel="portal")


def test_every_delivery_writes_a_client_visible_line(world, released):
    send(released, world.a.lead, channel="courier", recipient="офис", tracking_number="C-77")
    event = TimelineEvent.objects.filter(kind="delivery").get()
    assert event.client_visible and "C-77" in event.search_text


# --- delivered and confirmed --------------------------------------------------------------------


def test_the_firm_records_when_a_courier_delivered(world, released):
    delivery = send(released, world.a.lead, channel="courier", recipient="офис", tracking_number="C-1")
    at = timezone.now()
    delivery_svc.delivery_mark_delivered(delivery=delivery, by=world.a.lead, at=at)
    delivery.refresh_from_db()
    assert delivery.delivered_at == at
    with pytest.raises(InvalidState):
        delivery_svc.delivery_mark_delivered(delivery=delivery, by=world.a.lead)


def test_delivered_time_must_be_between_sending_and_now(world, released):
    delivery = send(released, world.a.lead, channel="post", recipient="офис", tracking_number="P-1")
    with pytest.raises(ValidationError):
        delivery_svc.delivery_mark_delivered(
            delivery=delivery, by=world.a.lead, at=timezone.now() + dt.timedelta(hours=1)
        )
    with pytest.raises(ValidationError):
        delivery_svc.delivery_mark_delivered(
            delivery=delivery, by=world.a.lead, at=delivery.sent_at - dt.timedelta(days=1)
        )


def test_email_and_portal_deliveries_are_not_marked_by_hand(world, released):
    delivery = send(released, world.a.lead, channel="portal")
    with pytest.raises(InvalidState):
        delivery_svc.delivery_mark_delivered(delivery=delivery, by=world.a.lead)


def test_the_client_confirms_receipt_once(world, released):
    delivery = send(released, world.a.lead, channel="email", recipient=world.a.user.email)
    delivery_svc.delivery_confirm(delivery=delivery, by=world.a.user)
    delivery.refresh_from_db()
    assert delivery.confirmed_by == world.a.user and delivery.confirmed_at is not None
    assert delivery.delivered_at == delivery.confirmed_at
    assert Notice.objects.filter(kind="deliverable_confirmed", recipient=world.a.lead).count() == 1
    with pytest.raises(InvalidState):
        delivery_svc.delivery_confirm(delivery=delivery, by=f.ClientUserFactory(client=world.a.client))


def test_only_the_clients_own_people_confirm(world, released):
    delivery = send(released, world.a.lead, channel="portal")
    with pytest.raises(NotPermitted):
        delivery_svc.delivery_confirm(delivery=delivery, by=world.a.lead)
    with pytest.raises(NotFound):
        delivery_svc.delivery_confirm(delivery=delivery, by=world.b.user)
    delivery.refresh_from_db()
    assert delivery.confirmed_at is None


def test_a_clients_first_download_counts_as_the_portal_delivery(world, released):
    delivery = send(released, world.a.lead, channel="portal")
    email = send(released, world.a.lead, channel="email", recipient=world.a.user.email)
    assert svc.deliverable_downloaded(deliverable=released, by=world.a.lead) == 0  # the firm's looks do not count
    assert svc.deliverable_downloaded(deliverable=released, by=world.a.user) == 1
    assert svc.deliverable_downloaded(deliverable=released, by=world.a.user) == 0
    delivery.refresh_from_db()
    email.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.confirmed_at is None  # the client still confirms
    assert email.delivered_at is None


# --- the dashboards' selectors ------------------------------------------------------------------


def test_overdue_confirmations_are_seen_by_the_matters_lawyers_and_partners(world, released):
    delivery = send(released, world.a.lead, channel="portal")
    later = delivery.confirm_by + dt.timedelta(minutes=1)
    assert not sel.overdue_confirmations(user=world.a.lead).exists()
    assert list(sel.overdue_confirmations(user=world.a.lead, now=later)) == [delivery]
    assert list(sel.overdue_confirmations(user=world.partner, now=later)) == [delivery]
    assert not sel.overdue_confirmations(user=world.b.lead, now=later).exists()
    assert not sel.overdue_confirmations(user=world.a.user, now=later).exists()
    assert sel.overdue_on_matter(user=world.a.lead, matter=world.a.matter, now=later) == 1
    delivery_svc.delivery_confirm(delivery=delivery, by=world.a.user)
    assert not sel.overdue_confirmations(user=world.a.lead, now=later).exists()


def test_deliveries_to_confirm_are_the_clients_own(world, released):
    delivery = send(released, world.a.lead, channel="portal")
    assert list(sel.deliveries_to_confirm(user=world.a.user)) == [delivery]
    assert not sel.deliveries_to_confirm(user=world.b.user).exists()
    assert not sel.deliveries_to_confirm(user=world.a.lead).exists()
    delivery_svc.delivery_confirm(delivery=delivery, by=world.a.user)
    assert not sel.deliveries_to_confirm(user=world.a.user).exists()


def test_deliverables_to_release_are_the_drafts_of_the_matters_one_leads(world):
    draft = DeliverableFactory(matter=world.a.matter, prepared_by=world.a.specialist)
    DeliverableFactory(matter=world.b.matter)
    assert list(sel.deliverables_to_release(user=world.a.lead)) == [draft]
    assert not sel.deliverables_to_release(user=world.a.specialist).exists()
    assert set(sel.deliverables_to_release(user=world.partner)) == set(Deliverable.objects.all())
    assert not sel.deliverables_to_release(user=world.a.user).exists()
    svc.deliverable_release(deliverable=draft, by=world.a.lead)
    assert not sel.deliverables_to_release(user=world.a.lead).exists()
