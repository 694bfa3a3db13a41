"""Opening matters and assigning the firm's people to them."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.caching import bump
from core.errors import InvalidState, NotPermitted, ValidationError
from core.numbering import next_value
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import Role

from ..access import VISIBILITY_SCOPE
from ..models import Assignment, Matter


def assignments_changed(**kwargs) -> None:
    """An assignment was saved or deleted (a model signal, matters.apps; its lead flag too): what is kept of who
    sees which matter — the inboxes, the calendar's month — is not read again."""
    bump(VISIBILITY_SCOPE)


def matter_changed(sender, instance=None, update_fields=None, **kwargs) -> None:
    """A matter was saved (a model signal, matters.apps): unless only other fields than its client were written
    (the services' status and stage changes), it may have moved to another client, whose tasks not yet tied to
    a matter its lawyers then accept (access.acceptable_tasks_filter)."""
    if update_fields is None or not {"client", "client_id"}.isdisjoint(update_fields):
        bump(VISIBILITY_SCOPE)


@transaction.atomic
def matter_open(*, by, client, title: str, description: str = "", lead, specialists: Iterable = ()) -> Matter:
    """Open a matter for a client with its lead specialist (and any other specialists)."""
    if not (by.sees_everything or by.role == Role.LEAD):
        raise NotPermitted(_("Only a partner or a lead specialist may open a matter."))
    if not (title or "").strip():
        raise ValidationError(fields={"title": [_("A title is required.")]})
    if lead.role not in (Role.LEAD, Role.PARTNER) or not lead.is_active:
        raise ValidationError(fields={"lead": [_("The lead must be an active lead specialist or partner.")]})
    year = timezone.localdate().year
    matter = Matter.objects.create(
        client=client,
        number=f"{year}/{next_value(f'matter:{year}'):04d}",
        title=title.strip(),
        description=description.strip(),
    )
    Assignment.objects.create(matter=matter, user=lead, is_lead=True)
    for user in specialists:
        if user.pk != lead.pk:
            assignment_add(by=by, matter=matter, user=user)
    bump(VISIBILITY_SCOPE)
    return matter


def assignment_add(*, by, matter: Matter, user) -> Assignment:
    if not (by.sees_everything or Assignment.objects.filter(matter=matter, user=by, is_lead=True).exists()):
        raise NotPermitted(_("Only a partner or the matter's lead may assign specialists."))
    if not user.is_firm or not user.is_active:
        raise ValidationError(fields={"user": [_("Only the firm's active people can be assigned to a matter.")]})
    assignment, created = Assignment.objects.get_or_create(matter=matter, user=user)
    if created:
        # The user now sees the matter's hearings and deadlines: its cached calendar (hearings.scopes), and
        # what is kept of who sees which matter.
        bump(f"calendar:user:{user.pk}", VISIBILITY_SCOPE)
    return assignment


@transaction.atomic
def matter_status_set(*, matter: Matter, status: str, by, summary: str, params: dict | None = None) -> Matter:
    """Suspend, reopen or close a matter on behalf of a higher app's act, with a client-visible line.

    The caller has applied its own rule for `by` (billing's termination: the client, its lead or a
    partner; the final act: a partner). A closed matter stays closed; `closed_at` is set on closing.
    """
    if status not in Matter.Status.values:
        raise ValidationError(fields={"status": [_("Unknown status.")]})
    locked = Matter.objects.select_for_update().get(pk=matter.pk)
    if locked.status == Matter.Status.CLOSED:
        raise InvalidState(_("The matter is closed."))
    locked.status = status
    locked.closed_at = timezone.now() if status == Matter.Status.CLOSED else None
    locked.save(update_fields=["status", "closed_at"])
    timeline_record(matter=locked, kind=TimelineEvent.Kind.MATTER, actor=by, summary=summary, params=params or {})
    matter.status, matter.closed_at = locked.status, locked.closed_at
    return locked
