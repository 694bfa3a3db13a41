"""Closing a matter: the final act of services is issued (rule 14) or the work is done.

The matter stays readable to the client (its history, documents and acts); nothing new is prepared
on it (the services refuse a closed matter). A partner closes; billing's final act calls this in the
act's own transaction, after the act is issued.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotPermitted
from timeline.models import TimelineEvent
from timeline.services import timeline_record

from ..models import Matter

_CLOSED = gettext_noop("The matter is closed")
_CLOSED_BECAUSE = gettext_noop("The matter is closed: %(reason)s")


@transaction.atomic
def matter_close(*, by, matter: Matter, reason: str = "") -> Matter:
    """Close an open or suspended matter (a partner); the client sees the closing on the timeline."""
    if not (by.is_active and by.is_firm and by.sees_everything):
        raise NotPermitted(_("Only a partner closes a matter."))
    locked = Matter.objects.select_for_update().get(pk=matter.pk)
    if locked.status == Matter.Status.CLOSED:
        raise InvalidState(_("The matter is closed."))
    locked.status, locked.closed_at = Matter.Status.CLOSED, timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    reason = str(reason or "").strip()
    timeline_record(
        matter=locked,
        kind=TimelineEvent.Kind.MATTER,
        actor=by,
        summary=_CLOSED_BECAUSE if reason else _CLOSED,
        params={"reason": reason} if reason else {},
        ref=locked,
    )
    matter.status, matter.closed_at = locked.status, locked.closed_at
    return matter
