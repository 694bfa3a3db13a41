"""Name matching for the conflict-of-interest check (rule 13 of the firm).

Before a client or matter is accepted, every party is checked by name against every client and every
party of every matter. Names must meet however they were written — case, ё/е, word order, initials,
a missing patronymic, legal forms (abbreviated or spelt out, in Russian or English) and quotes, Latin
spellings of Cyrillic names in any of the usual systems, a typo or two, another grammatical case, a
company's name written as one word or hyphenated or spaced — and must not meet when they denote
someone else (another patronymic, first name or gender; a company with an extra word in its name).

Use:

* :func:`search_key` — store it beside every client and party; find candidates with pg_trgm
  (``similarity(search_key, :key) > 0.3``);
* :func:`match` — score each candidate precisely; ``match(a, b).is_hit`` (``score >= THRESHOLD``);
* :func:`normalise_name` — the canonical form behind both, if you need to show or store it.
"""

from .normalise import ORGANISATION, PERSON, NormalisedName, Token, normalise_name, search_key
from .score import THRESHOLD, Match, match
from .translit import fold, romanise

__all__ = [
    "ORGANISATION",
    "PERSON",
    "THRESHOLD",
    "Match",
    "NormalisedName",
    "Token",
    "fold",
    "match",
    "normalise_name",
    "romanise",
    "search_key",
]
