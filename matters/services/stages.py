"""Steering a matter (rule 6): its type and stage, and when the firm will next report to the client.

The matter's lead (or a partner) keeps these current; each change is a client-visible line on the
timeline, so the client always knows where its matter stands and when it will hear from the firm.
"""

import datetime as dt

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core import caching
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from timeline.models import TimelineEvent
from timeline.services import bilingual, in_languages, timeline_record

from ..access import allowed, confidential_matters
from ..models import Matter, MatterType, Stage

_TIMELINE = {
    "type": gettext_noop("The matter is run as «%(type)s»; stage: %(stage)s"),
    "stage": gettext_noop("Stage: %(old)s → %(new)s"),
    "stage_first": gettext_noop("Stage: %(new)s"),
    "report": gettext_noop("The firm will next report by %(date)s"),
}


def _locked(*, matter: Matter, by) -> Matter:
    """The matter, locked for the change, after the checks every steering change shares."""
    if not confidential_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    if not allowed(by, matter, "steer"):
        raise NotPermitted(_("Only the matter's lead or a partner may change its stage and report date."))
    locked = Matter.objects.select_for_update().get(pk=matter.pk)
    if locked.status == Matter.Status.CLOSED:
        raise InvalidState(_("The matter is closed."))
    return locked


def _sync(target: Matter, source: Matter, *fields: str) -> Matter:
    for name in fields:
        setattr(target, name, getattr(source, name))
    return target


@transaction.atomic
def matter_type_set(*, matter: Matter, by, matter_type: MatterType) -> Matter:
    """Choose how the matter is run; its stage starts again at the type's first stage."""
    if matter_type is None:
        raise ValidationError(fields={"matter_type": [_("Choose the type of the matter.")]})
    locked = _locked(matter=matter, by=by)
    if locked.matter_type_id == matter_type.pk:
        return _sync(matter, locked, "matter_type_id", "stage_id")
    first = Stage.objects.filter(matter_type=matter_type).order_by("order", "id").first()
    locked.matter_type = matter_type
    locked.stage = first
    locked.save(update_fields=["matter_type", "stage"])
    timeline_record(
        matter=locked,
        kind=TimelineEvent.Kind.STAGE,
        actor=by,
        summary=_TIMELINE["type"],
        params={"type": bilingual(matter_type), "stage": bilingual(first) or "—"},
        ref=locked,
    )
    return _sync(matter, locked, "matter_type", "stage")


@transaction.atomic
def matter_stage_set(*, matter: Matter, by, stage: Stage) -> Matter:
    """Move the matter to another stage of its type (forward or back); the client sees the change."""
    locked = _locked(matter=matter, by=by)
    if locked.matter_type_id is None:
        raise InvalidState(_("Choose the type of the matter first: its stages come from the type."))
    if stage is None or stage.matter_type_id != locked.matter_type_id:
        raise ValidationError(fields={"stage": [_("Choose one of the stages of this type of matter.")]})
    if locked.stage_id == stage.pk:
        return _sync(matter, locked, "stage_id")
    old = Stage.objects.filter(pk=locked.stage_id).first() if locked.stage_id else None
    locked.stage = stage
    locked.save(update_fields=["stage"])
    timeline_record(
        matter=locked,
        kind=TimelineEvent.Kind.STAGE,
        actor=by,
        summary=_TIMELINE["stage"] if old else _TIMELINE["stage_first"],
        params={"old": bilingual(old), "new": bilingual(stage)},
        ref=locked,
    )
    return _sync(matter, locked, "stage")


@transaction.atomic
def matter_next_report_set(*, matter: Matter, by, on: dt.date) -> Matter:
    """Promise the client the date of the firm's next report (not a day already past)."""
    if on is None:
        raise ValidationError(fields={"on": [_("Give the date of the next report.")]})
    if on < timezone.localdate():
        raise ValidationError(fields={"on": [_("This date has passed: give today or a later date.")]})
    locked = _locked(matter=matter, by=by)
    if locked.next_report_on == on:
        return _sync(matter, locked, "next_report_on")
    locked.next_report_on = on
    locked.save(update_fields=["next_report_on"])
    timeline_record(
        matter=locked,
        kind=TimelineEvent.Kind.REPORT,
        actor=by,
        summary=_TIMELINE["report"],
        params={"date": in_languages(lambda: formats.date_format(on, "DATE_FORMAT"))},
        ref=locked,
    )
    return _sync(matter, locked, "next_report_on")


# core.caching's scope of the firm's types of matter and their stages (matters.selectors.timeline.type_stages).
STAGES_SCOPE = "matters:stages"


def stages_changed(**kwargs) -> None:
    """A type of matter or a stage was saved or deleted (a model signal, matters.apps): what is kept of the
    stages (matters.selectors.timeline.type_stages) is not read again."""
    caching.bump(STAGES_SCOPE)
