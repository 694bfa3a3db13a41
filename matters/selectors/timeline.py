"""Reads of the matter timeline (rule 6) and of the matter's stages. Each starts from matters.access.

The timeline is confidential content (like the disclosure): a secretary not assigned to the matter
does not see it; a client user sees the client-visible lines of its own matters (visible_timeline).
A page of it costs the same number of queries whatever its length: the events with their authors in
one query, the kinds present in another.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.translation import get_language

from core import caching
from timeline.models import TimelineEvent
from timeline.rendering import EVENT_FIELDS, Line, as_lines
from timeline.scopes import ACTORS_SCOPE, timeline_scope

from ..access import VISIBILITY_SCOPE, allowed, confidential_matters, visible_timeline
from ..models import Matter, MatterType, Stage
from ..services.stages import STAGES_SCOPE
from ..text_search import text_contains

LATEST_ON_MATTER_PAGE = 5


def _timeline(user, matter: Matter, kind: str | None, query: str) -> QuerySet[TimelineEvent]:
    qs = visible_timeline(user).filter(matter=matter)
    if kind in TimelineEvent.Kind.values:
        qs = qs.filter(kind=kind)
    query = " ".join(str(query or "").split())[:200]
    if query:
        qs = text_contains(qs, ["search_text"], query)
    return qs.order_by("-occurred_at", "-id")


def timeline_events(*, user, matter: Matter, kind: str | None = None, query: str = "") -> QuerySet[TimelineEvent]:
    """The lines of a matter the user may read, newest first, with who did it; filtered by kind and text."""
    return _timeline(user, matter, kind, query).select_related("actor").only(*EVENT_FIELDS)


def timeline_rows(*, user, matter: Matter, kind: str | None = None, query: str = "") -> QuerySet:
    """The same lines as timeline_events, as rows of values (EVENT_FIELDS) for timeline.rendering.as_lines.

    What a page of the timeline reads (its page and its API): no model instance per line and per author.
    """
    return _timeline(user, matter, kind, query).values(*EVENT_FIELDS)


def timeline_kinds(*, user, matter: Matter) -> list[tuple[str, str]]:
    """The kinds of event present on the matter (for the filter chips), in the Kind order: one query."""
    present = caching.cached(
        "timeline_kinds",
        owner=f"user:{user.pk}",
        scopes=(timeline_scope(matter.pk),),
        compute=lambda: set(
            visible_timeline(user).filter(matter=matter).values_list("kind", flat=True).distinct().order_by()
        ),
    )
    return [(value, label) for value, label in TimelineEvent.Kind.choices if value in present]


# --- a page of the timeline, kept --------------------------------------------------------------------------
# make bench (the client's busiest matter, 2,007 lines), cProfile of the page: of its 14 ms, the page of lines
# — building its query (1.1 ms) and running it (2.0), the lines (1.0) and their Jinja2 fragment (3.7) — was
# more than half, and the same for every view of the same page until a line is written. So the views keep
# what they made of a page of lines per user: the page's HTML fragment (with the kinds present, for the
# filter), the API's page of data. The page then runs 3 queries, not 4, and ~6 ms in-process, not ~11.
# The gate is not kept: the views ask matter_get(action="read") on every request before reading what is kept,
# so a user who lost the matter gets a 404 at once; the kept value holds only what that user, in that role,
# was shown of it. Its key: the user and role (a client user reads the client-visible lines only), the matter
# and its client (a line about a held document links to the client's register), the language (texts, kinds,
# date formats), the time zone (the times, the days), the URLconf and script prefix (the links), and what
# the caller asks for (the kind, the text, the page). Nothing on a line is relative to today.
# Its scopes: the matter's lines and their authors' names (timeline.scopes: bumped by every save and
# delete), and who sees which matter (VISIBILITY_SCOPE: the gate already says it; kept for its own sake).


def timeline_page_scopes(matter: Matter) -> tuple[str, ...]:
    return (timeline_scope(matter.pk), ACTORS_SCOPE, VISIBILITY_SCOPE)


def timeline_page_kept[T](name: str, *, user, matter: Matter, parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`'s page of the timeline of `matter` as `user` sees it (core.caching.cached: kept with Redis,
    computed every time without). `parts`: what the caller asked for, free text last. The caller has checked
    that the user may read the matter, in this request."""
    return caching.cached(
        name,
        owner=f"user:{user.pk}",
        scopes=timeline_page_scopes(matter),
        parts=(
            user.role,
            matter.pk,
            matter.client_id,
            get_language(),
            timezone.get_current_timezone_name(),
            get_urlconf(),
            get_script_prefix(),
            *parts,
        ),
        compute=compute,
    )


def timeline_latest(*, user, matter: Matter, limit: int = LATEST_ON_MATTER_PAGE) -> list[Line]:
    return as_lines(timeline_events(user=user, matter=matter)[:limit], clients={matter.pk: matter.client_id})


@dataclass
class StageStep:
    stage: Stage
    name: str
    state: str  # "done", "current" or "next"


def steps_of(matter: Matter, stages: list[Stage], language: str) -> list[StageStep]:
    """The stages of the matter's type (given, in order), each marked done / current / next: no queries."""
    current = next((s for s in stages if s.pk == matter.stage_id), None)
    steps = []
    for stage in stages:
        if current is None or stage.order > current.order:
            state = "next"
        elif stage.pk == current.pk:
            state = "current"
        else:
            state = "done"
        steps.append(StageStep(stage=stage, name=stage.name(language), state=state))
    return steps


# --- the firm's types of matter and their stages: configuration, not a secret ------------------


def matter_types() -> QuerySet[MatterType]:
    """The types of matter with their stages (prefetched), by name."""
    return MatterType.objects.prefetch_related("stages").order_by("name_ru")


def matter_type_find(pk) -> MatterType | None:
    """One type of matter by id, or None (a service says what is wrong with a missing one)."""
    return MatterType.objects.filter(pk=pk).first() if pk else None


def stage_find(pk) -> Stage | None:
    return Stage.objects.filter(pk=pk).first()


# The firm's types of matter and their stages are configuration every reader sees alike, and change only when
# the firm edits them (the admin): kept once for all (core.caching, owner "firm": nobody's data), and every
# save and delete of a type or a stage bumps its scope (matters.apps: stages_changed). make bench: the query
# and its ORM were ~0.5 ms of the timeline page's CPU; kept, a round trip to Redis.


def type_stages(matter_type_id: int) -> list[Stage]:
    """The stages of a type of matter in order: kept (one query when not)."""
    return caching.cached(
        "stages",
        owner="firm",
        scopes=(STAGES_SCOPE,),
        parts=(matter_type_id,),
        compute=lambda: list(Stage.objects.filter(matter_type_id=matter_type_id).order_by("order", "id")),
    )


def matter_stages(matter: Matter) -> list[Stage]:
    """The stages of the matter's type in order (kept; a query when not; none without a type)."""
    if matter.matter_type_id is None:
        return []
    return type_stages(matter.matter_type_id)


def stage_steps(*, matter: Matter, language: str) -> list[StageStep]:
    """The matter's stages as steps: one query when not kept (none without a type).

    The matter comes from a scoped selector; its type's stages are firm configuration, not a secret.
    """
    if matter.matter_type_id is None:
        return []
    return steps_of(matter, matter_stages(matter), language)


def matter_timeline_extras(*, user, matter: Matter, team, language: str) -> dict:
    """What the matter page shows of the timeline and the stage: a fixed number of queries.

    The stages (1, none without a type), whether the user may read the timeline (1) and its latest
    lines (1). `team` is matters.selectors.matter_team (already scoped): it tells whether the user leads.
    """
    steps = stage_steps(matter=matter, language=language)
    readable = confidential_matters(user).filter(pk=matter.pk).exists()
    current = next((s for s in steps if s.state == "current"), None)
    leads = user.sees_everything or any(a.is_lead and a.user_id == user.pk for a in team)
    return {
        "steps": steps,
        "current_step": current,
        "next_step": next((s for s in steps if s.state == "next"), None) if current else None,
        "timeline_readable": readable,
        "timeline_latest": timeline_latest(user=user, matter=matter) if readable else [],
        "may_steer": allowed(user, matter, "steer", lead=leads) and matter.status != Matter.Status.CLOSED,
    }
