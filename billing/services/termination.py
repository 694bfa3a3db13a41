"""Termination of a matter by the client (rule 14).

The client's users end the engagement in the portal (or the matter's lead or a partner records the
client's letter). In one transaction: the settlement as of today is computed and stored with the
termination; the pending hearings and open deadlines are cancelled through the hearings app's
services (so everyone is told and their reminders withdrawn), the reminders of unpaid advances are
withdrawn; the matter is suspended awaiting the final act; the lead and the partners are told, the
partners with the task "issue the final act". `termination_final_act` closes the matter once the
partner has issued that act (billing's acts call it).
"""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from hearings.models import Deadline, Hearing
from hearings.services.deadlines import deadline_cancel
from hearings.services.hearings import hearing_cancel
from matters.access import restrict_matters
from matters.models import Assignment, Matter
from matters.services.matters import matter_status_set
from notices.services import notice_to_user
from users.models import Role, User

from ..access import restrict_terminations, termination_matters
from ..caching import ACTS, TERMINATIONS, bumps
from ..models import Advance, Termination
from ..selectors.settlement import settlement_of
from .advance_notices import reminders_cancel as advance_reminders_cancel

KIND = "matter_terminated"
REASON_MAX = 5000
_TIMELINE = {
    "terminated": gettext_noop("The client terminated the engagement on this matter; the final act is awaited"),
    "closed": gettext_noop("The final act is issued; the matter is closed"),
    "closed_by_act": gettext_noop("The final act No. %(number)s is issued; the matter is closed"),
}


def final_act_url(termination: Termination) -> str:
    """The act issue page for the final act, its period ending on the termination date."""
    base = reverse("billing:act_new", args=[termination.matter_id])
    return f"{base}?final=1&period_end={termination.terminated_on.isoformat()}"


def termination_url(termination: Termination) -> str:
    return reverse("billing:termination_detail", args=[termination.matter_id])


def _refuse(by, matter: Matter) -> None:
    """Why `by` may not terminate `matter` (which is not in termination_matters(by))."""
    if not restrict_matters(by, "read").filter(pk=matter.pk).exists():
        raise NotFound()
    if Termination.objects.filter(matter_id=matter.pk).exists():
        raise InvalidState(_("This matter has already been terminated."))
    if Matter.objects.filter(pk=matter.pk, status=Matter.Status.CLOSED).exists():
        raise InvalidState(_("The matter is closed; there is nothing to terminate."))
    raise NotPermitted(_("Only the client, or the matter's lead or a partner on the client's letter, may terminate."))


def _firm_actor(by, matter: Matter):
    """Who cancels the hearings and deadlines: the firm's person terminating, else the matter's lead
    (the client has no hand in the firm's calendar), else a partner."""
    if by.is_firm:
        return by
    lead = Assignment.objects.filter(matter=matter, is_lead=True, user__is_active=True).select_related("user").first()
    if lead is not None:
        return lead.user
    return User.objects.filter(role=Role.PARTNER, is_active=True).order_by("pk").first()


def _cancel_calendar(matter: Matter, actor, reason: str) -> dict:
    now = timezone.now()
    hearings = []
    for hearing in Hearing.objects.filter(matter=matter, status=Hearing.Status.SCHEDULED, starts_at__gt=now):
        hearing_cancel(hearing=hearing, by=actor, reason=reason)
        hearings.append(hearing.pk)
    deadlines = []
    for deadline in Deadline.objects.filter(matter=matter, status=Deadline.Status.OPEN):
        deadline_cancel(deadline=deadline, by=actor)
        deadlines.append(deadline.pk)
    reminders = 0
    for advance in Advance.objects.filter(
        matter=matter, status__in=(Advance.Status.REQUESTED, Advance.Status.PAID_CLAIMED)
    ):
        reminders += advance_reminders_cancel(advance)
    return {"hearings": hearings, "deadlines": deadlines, "advance_reminders": reminders}


def _tell(termination: Termination, by) -> None:
    matter = termination.matter
    leads = [a.user for a in Assignment.objects.filter(matter=matter, is_lead=True).select_related("user")]
    partners = list(User.objects.filter(role=Role.PARTNER, is_active=True).order_by("pk"))
    act_url = final_act_url(termination)
    seen = set()
    for user in [*leads, *partners]:
        if user.pk in seen or user.pk == by.pk:
            continue
        seen.add(user.pk)
        is_partner = user.role == Role.PARTNER
        notice_to_user(
            user=user,
            kind=KIND,
            template="matter_terminated",
            context={
                "termination": termination,
                "matter": matter,
                "by": by,
                "issue_final_act": is_partner,
                "act_url": act_url,
            },
            link=(act_url if is_partner and act_url else termination_url(termination)),
        )


def _reason(reason) -> str:
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(fields={"reason": [_("Too long: %(limit)s characters at most.") % {"limit": REASON_MAX}]})
    return reason


@bumps(TERMINATIONS)
def matter_terminate(
    *,
    by,
    matter: Matter,
    reason: str = "",
    letter_date: dt.date | None = None,
    expected_balance: Decimal | None = None,
) -> Termination:
    """End the engagement on `matter` today (see the module's docstring).

    `expected_balance` is the balance the user saw on the preview: if the settlement has changed
    since (new work approved, a payment arrived), nothing is done and the user is asked to look again.
    """
    reason = _reason(reason)
    today = timezone.localdate()
    if by.is_firm and letter_date is not None and letter_date > today:
        raise ValidationError(fields={"letter_date": [_("The letter cannot be dated in the future.")]})
    with transaction.atomic():
        if not termination_matters(by).filter(pk=matter.pk).exists():
            _refuse(by, matter)
        locked = Matter.objects.select_for_update(of=("self",)).select_related("stage").get(pk=matter.pk)
        settlement = settlement_of(locked, end=today)
        if expected_balance is not None and settlement.balance != expected_balance:
            raise InvalidState(_("The settlement has changed since you saw it. Please review it again."))
        try:
            with transaction.atomic():
                termination = Termination.objects.create(
                    matter=locked,
                    terminated_on=today,
                    reason=reason,
                    channel=Termination.Channel.LETTER if by.is_firm else Termination.Channel.PORTAL,
                    letter_date=letter_date if by.is_firm else None,
                    recorded_by=by,
                    settlement=settlement.as_data(),
                    balance=settlement.balance,
                )
        except IntegrityError:
            raise InvalidState(_("This matter has already been terminated.")) from None
        actor = _firm_actor(by, locked)
        cancel_reason = str(_("The client terminated the engagement on this matter."))
        if reason:
            cancel_reason = f"{cancel_reason} {reason}"[:REASON_MAX]
        termination.cancelled = _cancel_calendar(locked, actor, cancel_reason) if actor is not None else {}
        termination.save(update_fields=["cancelled"])
        matter_status_set(matter=locked, status=Matter.Status.SUSPENDED, by=by, summary=_TIMELINE["terminated"])
        _tell(termination, by)
    matter.status = locked.status
    return termination


@transaction.atomic
@bumps(TERMINATIONS)
def termination_final_act(*, by, matter: Matter, act=None) -> Termination:
    """The partner has issued the final act (`act`, when issued in the portal): the termination is settled
    and the matter closes."""
    termination = Termination.objects.select_for_update().filter(matter_id=matter.pk).first()
    if termination is None or not restrict_terminations(by, "view").filter(pk=termination.pk).exists():
        raise NotFound()
    if termination.final_act_issued_at is not None:
        raise InvalidState(_("The final act has already been issued."))
    if not restrict_terminations(by, "final_act").filter(pk=termination.pk).exists():
        raise NotPermitted(_("Only a partner issues the final act."))
    termination.final_act_issued_at, termination.final_act = timezone.now(), act
    termination.save(update_fields=["final_act_issued_at", "final_act"])
    _close(by=by, matter=matter, act=act)
    return termination


@bumps(TERMINATIONS, ACTS)
def final_act_issued(*, by, act) -> None:
    """Called by act_issue for a final act: settles the matter's termination if it has one awaiting its
    final act, and closes the matter (a matter already closed stays as it is)."""
    matter = act.matter
    if Termination.objects.filter(matter_id=matter.pk, final_act_issued_at__isnull=True).exists():
        termination_final_act(by=by, matter=matter, act=act)
    else:
        _close(by=by, matter=matter, act=act)


def _close(*, by, matter: Matter, act) -> None:
    if Matter.objects.filter(pk=matter.pk, status=Matter.Status.CLOSED).exists():
        return
    if act is None:
        matter_status_set(matter=matter, status=Matter.Status.CLOSED, by=by, summary=_TIMELINE["closed"])
    else:
        matter_status_set(
            matter=matter,
            status=Matter.Status.CLOSED,
            by=by,
            summary=_TIMELINE["closed_by_act"],
            params={"number": act.number},
        )
