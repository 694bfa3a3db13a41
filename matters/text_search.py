"""Case-insensitive text matching for both databases, used by the staff search (portal) and the timeline's filter.

PostgreSQL: `icontains`, and full text with Russian stemming through `words_vector` (the very
expressions that migration matters.0006 indexes with GIN: keep them identical or the index goes unused).
SQLite: a case-insensitive substring (Cyrillic included, see `UnicodeLower`), each word looked for by
the part all its forms share (`word_stem`), so that the two paths mostly agree.
"""

import re
from functools import lru_cache

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Func, Q, QuerySet, TextField

MAX_WORDS = 8
_CYRILLIC = re.compile(r"[а-яё-]+")
FTS_CONFIG = "russian"


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


def words_condition(fields, text: str) -> tuple[dict, Q]:
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
    aliases, condition = words_condition(fields, text)
    return queryset.alias(**aliases).filter(condition)


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def words_vector(*fields) -> SearchVector:
    """The indexed expression of a model's words (see matters.0006): `to_tsvector('russian', a || ' ' || b)`."""
    return SearchVector(*fields, config=FTS_CONFIG)
