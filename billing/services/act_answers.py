"""After an act is issued: its dispatch (post with a tracking number, e-mail through the outbox, the
portal), the client's answer (accepted, or objections with a reason) and the acceptance by silence.

The acceptance period runs in working days (the firm's production calendar, hearings.workdays)
from the first dispatch; an act unanswered after it counts as accepted — read so on every page
(`Act.answer_on`) and recorded by the daily sweep (`acts_deem_accepted`).
"""

import datetime as dt
import re

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from hearings.workdays import firm_calendar
from matters.models import Assignment
from notices.services import notice_to_users

from ..access import restrict_acts
from ..caching import ACTS, bumps
from ..models import Act, ActDispatch

KIND = "act"
# Russian Post: 14 digits inside Russia; 13 characters (RA123456789RU) abroad (UPU S10).
TRACKING = re.compile(r"^(\d{14}|[A-Z]{2}\d{9}[A-Z]{2})$")


def add_working_days(day: dt.date, days: int) -> dt.date:
    calendar = firm_calendar()
    for _step in range(days):
        day = calendar.next_working_day(day)
    return day


def act_link(act) -> str:
    return reverse("billing:act_detail", args=[act.pk])


def _client_users(act) -> list:
    return list(act.client.users.filter(is_active=True).order_by("pk"))


def _firm_users(act) -> list:
    leads = [
        a.user
        for a in Assignment.objects.filter(matter_id=act.matter_id, is_lead=True, user__is_active=True).select_related(
            "user"
        )
    ]
    people = {user.pk: user for user in [*leads, act.issued_by] if user.is_active}
    return list(people.values())


def _tell(act, users, *, event: str, by=None, attachments=(), reason: str = "") -> int:
    written = notice_to_users(
        users=users,
        not_to=by,
        kind=KIND,
        template="act_event",
        context={"act": act, "matter": act.matter, "event": event, "by": by, "reason": reason},
        attachments=attachments,
        link=act_link(act),
    )
    return len(written)


@transaction.atomic
@bumps(ACTS)
def act_dispatch(
    *, by, act: Act, channel: str, sent_on: dt.date | None = None, tracking_number: str = "", address: str = ""
) -> ActDispatch:
    """Record that the act went out (post: its tracking number; e-mail: the PDF to the client's people
    through the outbox; portal: they are told it is there). The first dispatch starts the acceptance period."""
    if not restrict_acts(by, "view").filter(pk=act.pk).exists():
        raise NotFound()
    if not restrict_acts(by, "dispatch").filter(pk=act.pk).exists():
        raise NotPermitted(_("Only the firm's people on the matter record how an act was sent."))
    act = Act.objects.select_for_update().select_related("matter", "client").get(pk=act.pk)
    errors = {}
    if channel not in ActDispatch.Channel.values:
        errors["channel"] = [_("Choose how the act was sent.")]
    sent_on = sent_on or timezone.localdate()
    if sent_on > timezone.localdate() or sent_on < act.act_date:
        errors["sent_on"] = [_("The act was sent between its date and today.")]
    tracking_number = re.sub(r"\s+", "", str(tracking_number or "")).upper()
    address = str(address or "").strip()[:500]
    if channel == ActDispatch.Channel.POST:
        if not TRACKING.match(tracking_number):
            errors["tracking_number"] = [
                _("Enter the postal tracking number: 14 digits, or 13 characters like RA123456789RU.")
            ]
        address = address or act.customer.get("postal_address") or act.customer.get("address", "")
    elif tracking_number:
        errors["tracking_number"] = [_("Only a letter by post has a tracking number.")]
    if errors:
        raise ValidationError(fields=errors)
    if channel == ActDispatch.Channel.EMAIL and not act.pdf:
        raise InvalidState(_("The act's PDF is being prepared; send it by e-mail in a minute."))
    if act.acceptance_due is None:
        act.acceptance_due = add_working_days(sent_on, act.acceptance_days)
        act.save(update_fields=["acceptance_due"])
    if channel == ActDispatch.Channel.EMAIL:
        users = _client_users(act)
        attachment = [(act.pdf.name, f"act-{act.number}.pdf", "application/pdf")]
        if not _tell(act, users, event="sent", by=by, attachments=attachment):
            raise InvalidState(_("The client has nobody with an e-mail address in the portal."))
        address = ", ".join(user.email for user in users if user.email)[:500]
    elif channel == ActDispatch.Channel.PORTAL:
        _tell(act, _client_users(act), event="published", by=by)
    dispatch = ActDispatch.objects.create(
        act=act,
        channel=channel,
        sent_on=sent_on,
        tracking_number=tracking_number,
        address=address,
        created_by=by,
    )
    return dispatch


def _answerable(by, act) -> Act:
    if not restrict_acts(by, "view").filter(pk=act.pk).exists():
        raise NotFound()
    locked = Act.objects.select_for_update().select_related("matter", "client").get(pk=act.pk)
    if locked.answer:
        raise InvalidState(_("This act has been answered already."))
    if not restrict_acts(by, "answer").filter(pk=act.pk).exists():
        raise NotPermitted(_("Only the client's people accept an act or object to it."))
    return locked


@transaction.atomic
@bumps(ACTS)
def act_accept(*, by, act: Act) -> Act:
    """The client accepts the act (also after the period: the silence already meant the same)."""
    act = _answerable(by, act)
    act.answer, act.answered_at, act.answered_by = Act.Answer.ACCEPTED, timezone.now(), by
    act.save(update_fields=["answer", "answered_at", "answered_by"])
    _tell(act, _firm_users(act), event="accepted", by=by)
    return act


@transaction.atomic
@bumps(ACTS)
def act_object(*, by, act: Act, reason: str) -> Act:
    """The client objects to the act with its reasons, within the acceptance period."""
    act = _answerable(by, act)
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Say what you object to.")]})
    deemed = act.deemed_accepted_on()
    if deemed is not None:
        raise InvalidState(
            _("The period for objections ended on %(date)s: the act counts as accepted.")
            % {"date": f"{deemed:%d.%m.%Y}"}
        )
    act.answer, act.answered_at, act.answered_by, act.objection = Act.Answer.OBJECTED, timezone.now(), by, reason
    act.save(update_fields=["answer", "answered_at", "answered_by", "objection"])
    _tell(act, _firm_users(act), event="objected", by=by, reason=reason)
    return act


@bumps(ACTS)
def acts_deem_accepted(*, today: dt.date | None = None) -> int:
    """Record as accepted every act left unanswered past its period (the daily sweep); returns how many."""
    today = today or timezone.localdate()
    count = 0
    due = Act.objects.filter(answer="", acceptance_due__lt=today, corrections__isnull=True).values_list("pk", flat=True)
    for pk in list(due[:1000]):
        with transaction.atomic():
            act = Act.objects.select_for_update().select_related("matter", "client").get(pk=pk)
            if act.answer or act.acceptance_due is None or act.acceptance_due >= today:
                continue
            act.answer, act.answered_at = Act.Answer.DEEMED, timezone.now()
            act.save(update_fields=["answer", "answered_at"])
            _tell(act, _firm_users(act), event="deemed")
            count += 1
    return count
