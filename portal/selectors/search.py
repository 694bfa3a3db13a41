"""The firm's search across matters, clients and tasks (the text matching itself is matters.text_search).

PostgreSQL: full text with Russian stemming (SearchVector / websearch SearchQuery / SearchRank), so
«неустойка» finds «неустойки» and «неустойку». The vectors below are the very expressions that
migration matters.0006 indexes with GIN: keep them identical or the index goes unused.
SQLite: a case-insensitive substring over the same fields (Cyrillic included, see `UnicodeLower`), each
word looked for by the part all its forms share (`word_stem`), so that the two paths mostly agree.

Identifiers are matched apart from the words: a matter's or task's number by its beginning, a
client's INN or OGRN exactly. Each group is one query of at most PER_GROUP rows, scoped by the one
scoping function of its model, so the page costs the same whatever the firm's size.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from clients.access import visible_clients
from clients.models import Client
from matters.access import visible_matters, visible_tasks
from matters.models import Matter, Task
from matters.text_search import FTS_CONFIG, uses_full_text, words_condition, words_vector

from ..access import may_search

PER_GROUP = 20
QUERY_MAX = 200
RANK_WINDOW = 500

# The searched words of each model (the numbers and tax numbers are matched apart).
MATTER_WORDS = ("title", "description")
CLIENT_WORDS = ("name", "short_name")
TASK_WORDS = ("subject", "text")


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
    aliases, condition = words_condition(fields, text)
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
