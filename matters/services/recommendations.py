"""Mutual recommendations (rule 10): either side recommends; the other side answers once."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record

from ..access import confidential_matters, recommendation_side
from ..models import Matter, Recommendation
from .messages import message_recipients

TEXT_MAX = 20_000

_TIMELINE = {
    "firm": gettext_noop("%(name)s made a recommendation on behalf of the firm"),
    "client": gettext_noop("%(name)s made a recommendation on behalf of the client"),
    "accepted": gettext_noop("%(name)s accepted a recommendation"),
    "not_accepted": gettext_noop("%(name)s did not accept a recommendation"),
}


def _check_text(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(fields={field: [_("This field is required.")]})
    if len(text) > TEXT_MAX:
        raise ValidationError(fields={field: [_("The text is too long (20,000 characters at most).")]})
    return text


@transaction.atomic
def recommendation_make(*, matter: Matter, by, text: str) -> Recommendation:
    if not confidential_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    side = recommendation_side(by)
    if side is None:
        raise NotPermitted(_("Recommendations are made by the client's people and the firm's lawyers."))
    text = _check_text(text, "text")
    item = Recommendation.objects.create(matter=matter, side=side, author=by, text=text)
    for person in message_recipients(matter=matter, side=side):
        if person.pk != by.pk:
            notice_to_user(
                user=person,
                kind="recommendation_made",
                template="recommendation_made",
                context={"item": item, "matter": matter, "author": by},
            )
    timeline_record(
        matter=matter,
        kind=TimelineEvent.Kind.RECOMMENDATION,
        actor=by,
        summary=_TIMELINE[side],
        params={"name": by.full_name},
        detail=text,
        ref=item,
    )
    return item


@transaction.atomic
def recommendation_respond(*, recommendation: Recommendation, by, accepted: bool, comment: str = "") -> Recommendation:
    item = Recommendation.objects.select_for_update().select_related("matter", "author").get(pk=recommendation.pk)
    if not confidential_matters(by).filter(pk=item.matter_id).exists():
        raise NotFound()
    side = recommendation_side(by)
    if side is None or side == item.side:
        raise NotPermitted(_("A recommendation is answered by the other side."))
    if item.responded_at is not None:
        raise InvalidState(_("This recommendation has already been answered."))
    comment = (comment or "").strip()
    if len(comment) > TEXT_MAX:
        raise ValidationError(fields={"comment": [_("The text is too long (20,000 characters at most).")]})
    if not accepted and not comment:
        raise ValidationError(fields={"comment": [_("Say why the recommendation is not accepted.")]})
    item.accepted = bool(accepted)
    item.response = comment
    item.responded_by = by
    item.responded_at = timezone.now()
    item.save(update_fields=["accepted", "response", "responded_by", "responded_at"])
    notice_to_user(
        user=item.author,
        kind="recommendation_answered",
        template="recommendation_answered",
        context={"item": item, "matter": item.matter, "author": by},
    )
    timeline_record(
        matter=item.matter,
        kind=TimelineEvent.Kind.RECOMMENDATION,
        actor=by,
        summary=_TIMELINE["accepted" if item.accepted else "not_accepted"],
        params={"name": by.full_name},
        detail=comment,
        ref=item,
    )
    return item
