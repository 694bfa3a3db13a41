"""The matter's timeline (rule 6): every service that changes a matter writes one line here.

Call `timeline_record` inside the transaction of the change, with a summary marked by
`gettext_noop` (so it is in the catalogue) and its values:

    timeline_record(matter=task.matter, kind=TimelineEvent.Kind.TASK, actor=by,
                    summary=gettext_noop("Task %(number)s was accepted by %(name)s"),
                    params={"number": task.number, "name": by.full_name}, ref=task)

Each reader then sees the line in their own language (`timeline_text`).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from ..models import Matter, TimelineEvent

DETAIL_MAX = 2000


def timeline_text(event: TimelineEvent) -> str:
    """The event's line in the active language."""
    try:
        return gettext(event.summary) % (event.params or {})
    except (KeyError, TypeError, ValueError):
        return gettext(event.summary)


def timeline_record(
    *,
    matter: Matter,
    kind: str,
    summary: str,
    params: dict | None = None,
    actor=None,
    detail: str = "",
    client_visible: bool = True,
    ref=None,
    occurred_at=None,
) -> TimelineEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("timeline_record() belongs in the transaction of the change it records")
    params = {k: (str(v) if v is not None else "") for k, v in (params or {}).items()}
    event = TimelineEvent(
        matter=matter,
        kind=kind,
        summary=summary,
        params=params,
        actor=actor,
        detail=(detail or "")[:DETAIL_MAX],
        client_visible=client_visible,
        ref_type=ref._meta.model_name if ref is not None else "",
        ref_id=ref.pk if ref is not None else None,
        occurred_at=occurred_at or timezone.now(),
    )
    lines = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(timeline_text(event))
    event.search_text = "\n".join([*dict.fromkeys(lines), event.detail])
    event.save()
    return event
