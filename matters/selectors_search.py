"""The firm's search across matters, clients and tasks, and case-insensitive text matching for both databases.

PostgreSQL: full text with Russian stemming (SearchVector / websearch SearchQuery / SearchRank), so
«неустойка» finds «неустойки» and «неустойку». The vectors below are the very expressions that
migration matters.0006 indexes with GIN: keep them identical or the index goes unused.
SQLite: a case-insensitive substring over the same fields (Cyrillic included, see `UnicodeLower`), each
word looked for by the part all its forms share (`word_stem`), so that the two paths mostly agree.

Identifiers are matched apart from the words: a matter's or task's number by its beginning, a
client's INN or OGRN exactly. Each group is one query of at most PER_GROUP rows, scoped by the one
scoping function of its model, so the page costs the same whatever the firm's size.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Func, Q, QuerySet, TextField

from clients.access import visible_clients
from clients.models import Client

from .access import visible_matters, visible_tasks
from .models import Matter, Task

PER_GROUP = 20
QUERY_MAX = 200
MAX_WORDS = 8
_CYRILLIC = re.compile(r"[а-яё-]+")
RANK_WINDOW = 500
FTS_CONFIG = "russian"

# The searched words of each model (the numbers and tax numbers are matched apart).
MATTER_WORDS = ("title", "description")
CLIENT_WORDS = ("name", "short_name")
TASK_WORDS = ("subject", "text")


def _lower(value):
    return value.lower() if isinstance(value, str) else value


class UnicodeLower(Func):
    """LOWER() that lowers Cyrillic on SQLite too (SQLite's own LOWER and LIKE know only ASCII)."""

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, conn, **extra):
        conn.ensure_connection()
        # Registered on the connection in use; cheap, and no SQL query.
        conn.connection.create_function("PORTAL_LOWER", 1, _lower, deterministic=True)
        return self.as_sql(compiler, conn, function="PORTAL_LOWER", **extra)


@lru_cache(maxsize=4096)
def word_stem(word: str) -> str:
    """The part a Russian word keeps in all its singular forms («неустойка» → «неустойк»), to look for as text.

    Text search has no stemming of its own: with this, «неустойка» also finds «неустойки» and
    «неустойку». A word the dictionary does not know, or not Cyrillic, is looked for as typed.
    """
    lowered = word.lower()
    if len(lowered) < 4 or not _CYRILLIC.fullmatch(lowered):
        return word
    from clients.matching.normalise import morph

    forms = morph().parse(lowered)[0].lexeme
    singular = {f.word for f in forms if "sing" in f.tag} or {f.word for f in forms}
    first, last = min(singular), max(singular)  # the common prefix of all is theirs
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    stem = first[:size]
    return stem if len(stem) >= max(3, len(lowered) - 3) and lowered.startswith(stem) else word


def _contains(fields, text: str) -> tuple[dict, Q]:
    """The aliases and the condition "each word of `text` (any form of it) is in one of `fields`", ignoring case."""
    postgres = connection.vendor == "postgresql"
    aliases = {} if postgres else {f"_lower_{name}": UnicodeLower(name) for name in fields}
    condition = Q()
    for word in (word_stem(w) for w in text.split()[:MAX_WORDS]):
        any_field = Q()
        for name in fields:
            if postgres:
                any_field |= Q(**{f"{name}__icontains": word})
            else:
                any_field |= Q(**{f"_lower_{name}__contains": word.lower()})
        condition &= any_field
    return aliases, condition


def text_contains(queryset: QuerySet, fields, text: str) -> QuerySet:
    """Rows where any of `fields` contains `text`, ignoring case (Cyrillic too), on either database."""
    text = (text or "").strip()
    if not text:
        return queryset
    aliases, condition = _contains(fields, text)
    return queryset.alias(**aliases).filter(condition)


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def words_vector(*fields) -> SearchVector:
    """The indexed expression of a model's words (see matters.0006): `to_tsvector('russian', a || ' ' || b)`."""
    return SearchVector(*fields, config=FTS_CONFIG)


def _words(queryset: QuerySet, fields, text: str, *, identifiers: Q | None = None, also: Q | None = None) -> QuerySet:
    """Match the words (full text on PostgreSQL, substring on SQLite), the identifiers, or `also`.

    Best first: an identifier (a number, a tax number) before words, then by rank.
    """
    identifiers = identifiers if identifiers is not None else Q(pk__in=[])
    also = also if also is not None else Q(pk__in=[])
    exact = ExpressionWrapper(identifiers, output_field=BooleanField())
    if uses_full_text():
        query = SearchQuery(text, config=FTS_CONFIG, search_type="websearch")
        vector = words_vector(*fields)
        # Ranking recomputes each match's vector: rank the newest RANK_WINDOW matches only, so a word
        # found in half a million tasks costs about what a rare one does.
        newest = (
            queryset.alias(words=vector)
            .filter(Q(words=query) | identifiers | also)
            .order_by("-pk")
            .values("pk")[:RANK_WINDOW]
        )
        return (
            queryset.filter(pk__in=newest)
            .annotate(exact=exact, rank=SearchRank(vector, query))
            .order_by("-exact", "-rank", "-pk")
        )
    aliases, condition = _contains(fields, text)
    return queryset.alias(**aliases).annotate(exact=exact).filter(condition | identifiers).order_by("-exact", "-pk")


@dataclass
class SearchResults:
    query: str
    matters: list = field(default_factory=list)
    clients: list = field(default_factory=list)
    tasks: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.matters or self.clients or self.tasks)


def may_search(user) -> bool:
    """The search is the firm's tool: a client user has its own pages for its own matters."""
    return getattr(user, "is_authenticated", False) and user.is_active and user.is_firm


def clean_query(text) -> str:
    return " ".join(str(text or "").split())[:QUERY_MAX]


def _number_starts(text: str) -> Q | None:
    """A number beginning with `text`, as a range (number >= text and < text + U+FFFF): the btree index
    on the number serves it, so PostgreSQL can OR it with the words' GIN index instead of scanning."""
    if len(text) < 2 or " " in text:
        return None
    return Q(number__gte=text, number__lt=text + "\uffff")


def search_matters(*, user, text: str) -> QuerySet[Matter]:
    number = _number_starts(text)
    qs = _words(visible_matters(user), MATTER_WORDS, text, identifiers=number)
    return qs.select_related("client").only(
        "id", "number", "title", "status", "opened_at", "client_id", "client__name", "client__short_name"
    )[:PER_GROUP]


def search_clients(*, user, text: str) -> QuerySet[Client]:
    compact = text.replace(" ", "")
    identifiers = Q(inn=compact) | Q(ogrn=compact) if compact.isdigit() else None
    # A part of a name («Самоцв») is not a word: it is looked for as text too (trigram-indexed, see 0007).
    part = Q(name__icontains=text) | Q(short_name__icontains=text) if uses_full_text() else None
    qs = _words(visible_clients(user), CLIENT_WORDS, text, identifiers=identifiers, also=part)
    return qs.only("id", "name", "short_name", "inn", "ogrn", "status")[:PER_GROUP]


def search_tasks(*, user, text: str) -> QuerySet[Task]:
    number = _number_starts(text)
    qs = _words(visible_tasks(user), TASK_WORDS, text, identifiers=number)
    return qs.select_related("client", "matter").only(
        "id",
        "number",
        "subject",
        "status",
        "created_at",
        "client_id",
        "matter_id",
        "client__name",
        "client__short_name",
        "matter__number",
    )[:PER_GROUP]


def staff_search(*, user, query) -> SearchResults:
    """Matters, clients and tasks the user may see that match the query: three queries, 20 rows each."""
    text = clean_query(query)
    results = SearchResults(query=text)
    if not text or not may_search(user):
        return results
    results.matters = list(search_matters(user=user, text=text))
    results.clients = list(search_clients(user=user, text=text))
    results.tasks = list(search_tasks(user=user, text=text))
    return results
