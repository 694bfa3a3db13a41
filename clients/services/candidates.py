"""Candidates for the conflict check: the stored names near a searched one, found through an index.

The precise decision is clients.matching.match's; this module only has to bring every true match
into the few hundred rows it hands over, fast, over a million names.

PostgreSQL: the GIN trigram indexes of migration 0003 on the normalised search keys, asked one of two
ways —

* ``search_key % key`` (similarity ≥ pg_trgm.similarity_threshold, 0.3): the whole keys are alike —
  transliteration, inflection and word order are already gone from the keys, typos cost a few
  trigrams;
* ``search_key %> key`` (word_similarity(key, search_key) ≥ pg_trgm.word_similarity_threshold, 0.5):
  the searched key is (nearly) contained in the stored one. Initials are not in the keys, so
  "Петров П." searches "petrov", whose similarity to "pavel petrov sergeevich" is only ~0.3, but
  whose word similarity is 1. Likewise a company written as one word, "Уралсамоцветы" ("uralsamotsvet"),
  is a word of the key of "Урал-Самоцветы" ("samotsvet ural uralsamotsvet": a company's key has its
  words written together too), and that key is similar to it (0.82) when searched the other way.

SQLite has no trigram index: rapidfuzz compares the stored keys in memory (slower, the same answers
for the same data): partial_ratio for a one-word key, as word_similarity, token_set_ratio otherwise.

A one-word key is asked only with `%>`, a longer one only with `%` (each operator alone: asking both
doubles the index and heap work for nothing the other misses). Known limits, measured: a lone surname
with two letters swapped mid-word ("Смринов А. П.", word similarity 0.33) is below the word threshold
on PostgreSQL (SQLite's partial_ratio still finds it; lowering the threshold to 0.3 costs 3-10× over a
million names); and a full name does not reach a stored record that is only "Surname I. I." when the
full name is much longer (similarity < 0.3: "Евгений Петрович Иванов" ~ "Иванов Е. П.").

Either way the rows are ranked before the cut: first by how many of the searched initials start
another word of the stored key (so that "Петров П. С." finds Pavel Sergeevich among thousands of
Petrovs), then by the similarity the operator asked about.

Parties are searched through their distinct keys (models.PartyKey): the cut is of names, and every
party with a name that made it is read (conflicts._by_name), however many matters share it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When

from ..matching import NormalisedName
from ..matching.translit import initials_compatible, latin_key

CANDIDATES_PER_NAME = 200
SIMILARITY_THRESHOLD = 0.3
WORD_SIMILARITY_THRESHOLD = 0.5
RAPIDFUZZ_CUTOFF = 45
PARTIAL_CUTOFF = 70
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


@dataclass(frozen=True)
class Probe:
    """What the index is asked: the searched name's key and, per initial, a regex for another word."""

    key: str
    initials: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.key

    @property
    def one_word(self) -> bool:
        return " " not in self.key


@lru_cache(maxsize=128)
def _initial_letters(initial: str) -> str:
    """The first letters a folded key may have when its word can be abbreviated to this initial."""
    letters = set()
    for letter in _CYRILLIC + string.ascii_lowercase:
        if initials_compatible(initial, letter):
            key = latin_key(letter)
            if key:
                letters.add(key[0])
    return "".join(sorted(letters))


def probe(name: NormalisedName) -> Probe:
    """The key and the initials' regexes of a normalised searched name."""
    words = sorted({t.key for t in name.tokens if not t.initial and t.key})
    own = "|".join(re.escape(w) for w in words)
    initials = []
    for token in name.tokens:
        letters = _initial_letters(token.raw) if token.initial else ""
        if letters:
            # a word of the stored key (not one of the searched words) starting with the initial
            not_ours = f"(?!({own})( |$))" if own else ""
            initials.append(f"(^| ){not_ours}[{letters}]")
    return Probe(key=name.search_key, initials=tuple(initials))


def near(qs, found: Probe):
    """The rows of `qs` (clients, or the parties' keys) whose search keys are near the probe, best first."""
    if found.empty:
        return qs.none()
    if connection.vendor == "postgresql":
        return _near_trigram(qs, found)
    return _near_in_memory(qs, found)


def set_thresholds(cursor) -> None:
    """pg_trgm's thresholds for the `%` and `%>` operators, for this transaction only."""
    cursor.execute(
        "SELECT set_config('pg_trgm.similarity_threshold', %s, true),"
        " set_config('pg_trgm.word_similarity_threshold', %s, true)",
        [str(SIMILARITY_THRESHOLD), str(WORD_SIMILARITY_THRESHOLD)],
    )


def _initials_matched(found: Probe):
    total = None
    for pattern in found.initials:
        term = Case(When(search_key__regex=pattern, then=Value(1)), default=Value(0), output_field=IntegerField())
        total = term if total is None else total + term
    return total


def _near_trigram(qs, found: Probe):
    from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

    if found.one_word:
        # "petrov" (from "Петров П. С."): contained in "pavel petrov sergeevich", similar to it only at ~0.3.
        # Word similarity finds every stored name with such a word (a typo in it too), and `%` adds
        # nothing a one-word key needs: asking both would only double the index and heap work.
        qs = qs.filter(search_key__trigram_word_similar=found.key).annotate(
            nearness=TrigramWordSimilarity(found.key, "search_key")
        )
    else:
        qs = qs.filter(search_key__trigram_similar=found.key).annotate(
            nearness=TrigramSimilarity("search_key", found.key)
        )
    order = [F("nearness").desc(), "pk"]
    if found.initials:
        qs = qs.annotate(initials_matched=_initials_matched(found))
        order.insert(0, F("initials_matched").desc())
    return qs.order_by(*order)[:CANDIDATES_PER_NAME]


def _near_in_memory(qs, found: Probe):
    from rapidfuzz import fuzz, process

    keys = dict(qs.values_list("pk", "search_key"))
    # The counterparts of `%>` (a word of the stored key near the lone searched word) and of `%`.
    scorer, cutoff = (
        (fuzz.partial_ratio, PARTIAL_CUTOFF) if found.one_word else (fuzz.token_set_ratio, RAPIDFUZZ_CUTOFF)
    )
    scored = process.extract(found.key, keys, scorer=scorer, limit=None, score_cutoff=cutoff)
    patterns = [re.compile(p) for p in found.initials]

    def rank(item):
        _value, score, pk = item
        return (-sum(1 for p in patterns if p.search(keys[pk])), -score, pk)

    best = sorted(scored, key=rank)[:CANDIDATES_PER_NAME]
    return qs.filter(pk__in=[pk for _value, _score, pk in best])
