"""How a released result of work goes out and arrives (rules 1 and 2): each way is a Delivery.

The portal, an e-mail that really carries the files (through the notices outbox), a courier, fax or
post with a tracking number where there is one. The firm records when a dispatch arrived; the client
confirms receipt in the portal; a confirmation not given by `confirm_by` is overdue. Releasing a result
(matters.services.deliverables) may record its first delivery in the same step.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from users.models import Role

from .. import access
from ..models import Deliverable, Delivery
from .deliverables import _check_visible, _line, _lock

RECIPIENT_MAX = 300
TRACKING_MAX = 64
NEEDS_TRACKING = frozenset({Delivery.Channel.COURIER, Delivery.Channel.POST})
RECORDS_DELIVERED = frozenset({Delivery.Channel.COURIER, Delivery.Channel.POST, Delivery.Channel.FAX})


def confirm_days() -> int:
    return settings.DELIVERY_CONFIRM_DAYS


def _email_addressee(deliverable: Deliverable, address: str):
    """The client's user the e-mail is written for: the one with that address, else the first active one."""
    users = deliverable.matter.client.users.filter(is_active=True).order_by("pk")
    return users.filter(email__iexact=address).first() or users.first()


def _check_delivery_input(deliverable, *, channel, recipient, tracking_number) -> tuple[str, str, str]:
    recipient, tracking_number = (recipient or "").strip(), (tracking_number or "").strip()
    errors = {}
    if channel not in Delivery.Channel.values:
        errors["channel"] = [_("Choose how the result goes out: portal, e-mail, courier, fax or post.")]
    if channel == Delivery.Channel.PORTAL and not recipient:
        recipient = deliverable.matter.client.name[:RECIPIENT_MAX]
    if not recipient:
        errors["recipient"] = [_("Say to whom it goes: an e-mail address, a postal address or a fax number.")]
    elif len(recipient) > RECIPIENT_MAX:
        errors["recipient"] = [_("Too long (300 characters at most).")]
    elif channel == Delivery.Channel.EMAIL:
        try:
            validate_email(recipient)
        except DjangoValidationError:
            errors["recipient"] = [_("Enter a valid e-mail address.")]
    if channel in NEEDS_TRACKING and not tracking_number:
        errors["tracking_number"] = [_("A courier or postal dispatch needs its tracking number.")]
    elif len(tracking_number) > TRACKING_MAX:
        errors["tracking_number"] = [_("Too long (64 characters at most).")]
    if errors:
        raise ValidationError(fields=errors)
    return channel, recipient, tracking_number


def _record(deliverable, *, by, channel, recipient, tracking_number, notify_portal: bool = True) -> Delivery:
    channel, recipient, tracking_number = _check_delivery_input(
        deliverable, channel=channel, recipient=recipient, tracking_number=tracking_number
    )
    now = timezone.now()
    delivery = Delivery(
        deliverable=deliverable,
        channel=channel,
        recipient=recipient,
        tracking_number=tracking_number,
        sent_by=by,
        sent_at=now,
        confirm_by=now + timedelta(days=confirm_days()),
    )
    files = list(deliverable.files.all())
    context = {"deliverable": deliverable, "matter": deliverable.matter, "delivery": delivery, "files": files}
    if channel == Delivery.Channel.EMAIL:
        addressee = _email_addressee(deliverable, recipient)
        if addressee is None:
            raise ValidationError(
                fields={"recipient": [_("The client has no active portal user to write to; choose another channel.")]}
            )
        delivery.notice = notice_to_user(
            user=addressee,
            kind="deliverable_email",
            template="deliverable_email",
            context=context,
            attachments=[(f.file.name, f.original_name, f.content_type) for f in files],
            to_email=recipient,
        )
    delivery.save()
    if channel != Delivery.Channel.EMAIL and (notify_portal or channel != Delivery.Channel.PORTAL):
        for person in deliverable.matter.client.users.filter(is_active=True):
            notice_to_user(user=person, kind="deliverable_sent", template="deliverable_sent", context=context)
    _line(
        deliverable,
        channel,
        by=by,
        kind=TimelineEvent.Kind.DELIVERY,
        recipient=recipient,
        tracking=tracking_number,
    )
    return delivery


@transaction.atomic
def delivery_record(
    *, deliverable: Deliverable, by, channel: str, recipient: str = "", tracking_number: str = ""
) -> Delivery:
    """Record how a released result went out; an e-mail delivery sends the files through the outbox."""
    _check_visible(by, deliverable)
    deliverable = _lock(deliverable)
    if deliverable.status != Deliverable.Status.RELEASED:
        raise InvalidState(_("Release the result before sending it to the client."))
    if not access.allowed(by, deliverable, "deliver"):
        raise NotPermitted(_("Deliveries are recorded by the firm's people on the matter or a partner."))
    return _record(deliverable, by=by, channel=channel, recipient=recipient, tracking_number=tracking_number)


def _lock_delivery(user, delivery: Delivery) -> Delivery:
    if not Delivery.objects.filter(pk=delivery.pk, deliverable__in=access.visible_deliverables(user)).exists():
        raise NotFound()
    return (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("deliverable__matter__client", "deliverable__released_by", "sent_by")
        .get(pk=delivery.pk)
    )


@transaction.atomic
def delivery_mark_delivered(*, delivery: Delivery, by, at=None) -> Delivery:
    """The firm records when a courier, postal or fax dispatch reached the client."""
    delivery = _lock_delivery(by, delivery)
    if not access.allowed(by, delivery.deliverable, "deliver"):
        raise NotPermitted(_("Deliveries are recorded by the firm's people on the matter or a partner."))
    if delivery.channel not in RECORDS_DELIVERED:
        raise InvalidState(_("Only a courier, postal or fax dispatch is marked delivered by the firm."))
    if delivery.delivered_at is not None:
        raise InvalidState(_("The delivery time is already recorded."))
    at = at or timezone.now()
    if at > timezone.now():
        raise ValidationError(fields={"at": [_("A delivery cannot be recorded in the future.")]})
    if at < delivery.sent_at.replace(second=0, microsecond=0):  # forms give the time to the minute
        raise ValidationError(fields={"at": [_("It cannot have arrived before it was sent.")]})
    delivery.delivered_at = at
    delivery.save(update_fields=["delivered_at"])
    _line(delivery.deliverable, "delivered", by=by, kind=TimelineEvent.Kind.DELIVERY, recipient=delivery.recipient)
    return delivery


@transaction.atomic
def delivery_confirm(*, delivery: Delivery, by) -> Delivery:
    """The client's own confirmation that the result arrived (rule 1): once, by a client user only."""
    delivery = _lock_delivery(by, delivery)
    if by.role != Role.CLIENT or delivery.deliverable.matter.client_id != by.client_id:
        raise NotPermitted(_("Receipt is confirmed by the client's own people."))
    if delivery.confirmed_at is not None:
        raise InvalidState(_("Receipt has already been confirmed."))
    now = timezone.now()
    delivery.confirmed_by = by
    delivery.confirmed_at = now
    fields = ["confirmed_by", "confirmed_at"]
    if delivery.delivered_at is None:
        delivery.delivered_at = now
        fields.append("delivered_at")
    delivery.save(update_fields=fields)
    deliverable = delivery.deliverable
    _line(deliverable, "confirmed", by=by, kind=TimelineEvent.Kind.DELIVERY)
    told = set()
    for person in (delivery.sent_by, deliverable.released_by):
        if person is not None and person.pk not in told:
            told.add(person.pk)
            notice_to_user(
                user=person,
                kind="deliverable_confirmed",
                template="deliverable_confirmed",
                context={"deliverable": deliverable, "delivery": delivery, "by": by},
            )
    return delivery
