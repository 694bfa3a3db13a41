"""The matter's timeline (rule 6): every service that changes a matter writes one line here, in any app.

Call `timeline_record` inside the transaction of the change, with a summary marked by
`gettext_noop` (so it is in the catalogue) and its values:

    timeline_record(matter=task.matter, kind=TimelineEvent.Kind.TASK, actor=by,
                    summary=gettext_noop("Task %(number)s was accepted by %(name)s"),
                    params={"number": task.number, "name": by.full_name}, ref=task)

Each reader then sees the line in their own language (`timeline_text`). A value that itself
differs by language (a stage's name, a date) is given as `{"ru": …, "en": …}`: `in_languages`
builds one, and `bilingual` takes it from a model's name_ru/name_en.
"""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext, pgettext

from .models import TimelineEvent

DETAIL_MAX = 2000


def _value(value, language: str) -> str:
    if isinstance(value, dict):
        return value.get(language) or value.get(settings.LANGUAGE_CODE) or next(iter(value.values()), "")
    return value


GENDER_CONTEXTS = frozenset({"male", "female"})


def gendered(message: str, gender: str | None) -> str:
    """`message` in the active language, in the form for a person of that gender («принял» / «приняла»).

    The forms are the catalogue's entries with the context "male" or "female"; without a gender
    (never guessed from a name), or without such an entry, the plain translation, which is phrased
    so as to need no gender («Задачу 1 принял(а)» is never written).
    """
    if gender in GENDER_CONTEXTS:
        text = pgettext(gender, message)
        if text != message:
            return text
    return gettext(message)


_ACTOR = TimelineEvent._meta.get_field("actor")


def _actor_gender(event: TimelineEvent) -> str:
    # Only an actor already loaded with the event (the selectors' select_related): never a query per line.
    if event.actor_id is None or not _ACTOR.is_cached(event):
        return ""
    return getattr(event.actor, "gender", "") or ""


def timeline_text(event: TimelineEvent) -> str:
    """The event's line in the active language, in the grammatical gender of whoever did it."""
    return TimelineTexts()(event)


class TimelineTexts:
    """timeline_text for a page of lines: the language is read once and each summary translated once per
    gender, not once per line (a page of fifty lines has a handful of different summaries)."""

    def __init__(self):
        self.language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        self.summaries: dict[tuple[str, str], str] = {}

    def __call__(self, event: TimelineEvent) -> str:
        return self.text(event.summary, event.params, _actor_gender(event))

    def text(self, summary: str, params: dict | None, gender: str) -> str:
        """The line of an event with this summary, these values and an author of this gender ("" if none)."""
        language = self.language
        params = {key: _value(value, language) for key, value in (params or {}).items()}
        key = (summary, gender)
        summary = self.summaries.get(key)
        if summary is None:
            summary = self.summaries[key] = gendered(*key)
        try:
            return summary % params
        except (KeyError, TypeError, ValueError):
            return summary


def in_languages(render: Callable[[], object]) -> dict[str, str]:
    """A value as each language of the portal shows it: `render` runs once per language."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[code] = str(render())
    return values


def bilingual(obj) -> dict[str, str] | str:
    """A model's name in both languages (name_ru / name_en), for a timeline value; "" for None."""
    if obj is None:
        return ""
    return {"ru": obj.name_ru, "en": obj.name_en or obj.name_ru}


def _param(value):
    if isinstance(value, dict):
        return {str(k): (str(v) if v is not None else "") for k, v in value.items()}
    return str(value) if value is not None else ""


def timeline_record(
    *,
    matter,
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
    params = {k: _param(v) for k, v in (params or {}).items()}
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
    event.save()  # bumps timeline_scope(matter) (timeline/scopes.py: every save of a line does)
    return event
