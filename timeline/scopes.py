"""The core.caching scopes of what is kept from a matter's timeline, and the signals that bump them.

What the timeline's readers are shown is kept per user (matters.selectors.timeline: the kinds present on a
matter, a rendered page of its lines, a page of its API). A kept value depends on

- `timeline:matter:<id>` — the matter's lines: every save and delete of a TimelineEvent bumps it (the
  signals below; timeline_record saves, the admin reads only, and a matter's delete sends each of its
  lines' post_delete: Django collects the rows instead of a fast delete because these receivers exist).
  Nothing changes the lines with QuerySet.update(), bulk_create() or raw SQL; a data migration that does
  comes with a deploy, and a deploy's new code is a new key prefix (core.caching.code_version);
- `timeline:actors` — the authors' names and grammatical gender, shown on every line: every save of a
  user bumps it, unless the save names its fields and none of them is one the lines read.
"""

from django.db.models.signals import post_delete, post_save

from core import caching

ACTORS_SCOPE = "timeline:actors"


def timeline_scope(matter_id) -> str:
    """The scope of what is kept from a matter's timeline (its kinds, its pages)."""
    return f"timeline:matter:{matter_id}"


def _actor_fields() -> frozenset[str]:
    from .rendering import EVENT_FIELDS

    return frozenset(name.split("__", 1)[1] for name in EVENT_FIELDS if name.startswith("actor__"))


def event_changed(sender, instance, **kwargs) -> None:
    caching.bump(timeline_scope(instance.matter_id))


def user_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not _actor_fields().intersection(update_fields):
        return  # a sign-in's last_login, a new password, a language: no line shows them
    caching.bump(ACTORS_SCOPE)


def connect() -> None:
    from django.contrib.auth import get_user_model

    from .models import TimelineEvent

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(event_changed, sender=TimelineEvent, weak=False, dispatch_uid=f"timeline:{name}")
        signal.connect(user_changed, sender=get_user_model(), weak=False, dispatch_uid=f"timeline-actors:{name}")
