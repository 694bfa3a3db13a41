"""The precise scorer: does name A denote the same person or company as name B, and why?

Scores multiply: each kind of tolerated difference costs once (see ``PENALTIES``), typos cost by
edit distance and word length. A person's name is compared part by part — surname with surname,
first name with first name (or its initial), patronymic with patronymic — trying every way of
reading which word is which, since "Иванов Иван" and "Ivan Ivanov" differ in order. Any compared part
that differs beyond a typo ends the comparison: a different first name, patronymic or gender
(Иванов/Иванова, Иванович/Ивановна) is a different person. A company's words must pair off one to
one: an extra word ("Ромашка-Плюс", "Альфа-Банк", "Вектор-М") is a different company.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations, product

from rapidfuzz.distance import OSA

from .normalise import GIVEN, ORGANISATION, PATRONYMIC, PERSON, SURNAME, NormalisedName, Token, normalise_name
from .translit import initials_compatible

THRESHOLD = 0.6
"""A score at or above this is a hit: a conflict the lawyer must look at."""

PENALTIES = {
    "inflected form": 0.95,
    "transliteration": 0.95,
    "same name, different word order": 0.95,
    "legal form ignored": 0.95,
    "different legal form": 0.9,
    "spacing or hyphenation": 0.95,
    "initials match full name": 0.85,
    "missing patronymic": 0.85,
}
SURNAME_ONLY = 0.4  # a surname alone is a lead, not a hit: below THRESHOLD
MAX_TYPOS = 2


@dataclass(frozen=True, slots=True)
class Match:
    """How well two names match: ``score`` in 0..1, ``reason`` names the rules that made it so."""

    score: float
    reason: str
    rules: tuple[str, ...] = ()

    @property
    def is_hit(self) -> bool:
        return self.score >= THRESHOLD


@dataclass
class _Tally:
    """Rules met so far and the edits spent on typos."""

    rules: dict[str, None]
    typo_factor: float = 1.0
    edits: int = 0

    def add(self, rule: str) -> None:
        self.rules[rule] = None

    def score(self) -> float:
        score = self.typo_factor
        for rule in self.rules:
            score *= PENALTIES.get(rule, 1.0)
        return score

    def result(self, cap: float = 1.0) -> Match:
        rules = [r for r in self.rules if r in PENALTIES]
        if self.edits:
            rules.append(f"typo ({self.edits} edit{'s' if self.edits > 1 else ''})")
        rules += [r for r in self.rules if r not in PENALTIES]
        score = round(min(self.score(), cap), 3)
        return Match(score, ", ".join(rules) or "exact", tuple(rules))


def _allowed_edits(length: int, *, person: bool) -> int:
    """Typos tolerated in a word: none in short ones; company names are short and distinct."""
    if person:
        return 0 if length < 4 else 1 if length < 8 else 2
    return 0 if length < 6 else 1 if length < 9 else 2


def _typo_score(edits: int, length: int) -> float:
    return min(0.9, max(0.7, 0.9 - 0.1 * (edits - 1) - 0.5 * edits / length))


def _tokens(a: Token, b: Token, tally: _Tally, *, person: bool) -> bool:
    """Whether two words may be the same word; records how (inflection, transliteration, typo)."""
    if a.text == b.text:
        if a.raw != b.raw:
            tally.add("inflected form")
        return True
    if (a.script != b.script or a.script == "lat") and a.keys & b.keys:
        tally.add("transliteration")
        return True
    if "num" in (a.script, b.script) or a.initial or b.initial:
        return False
    if person and a.feminine != b.feminine:
        return False  # Иванов/Иванова, Александр/Александра, Иванович/Ивановна
    if a.known and b.known:
        return False  # Мария/Марина, Федоров/Федотов, Вектор/Виктор: two real words, not a typo
    pairs = [(a.text, b.text)] if a.script == b.script == "cyr" else list(product(a.keys, b.keys))
    best = None
    for x, y in pairs:
        length = max(len(x), len(y))
        allowed = _allowed_edits(length, person=person)
        d = OSA.distance(x, y, score_cutoff=allowed)
        if d <= allowed and (best is None or d < best[0]):
            best = (d, length)
    if best is None or tally.edits + best[0] > MAX_TYPOS:
        return False
    tally.edits += best[0]
    tally.typo_factor *= _typo_score(*best)
    if a.script != b.script:
        tally.add("transliteration")
    return True


def _role_readings(name: NormalisedName) -> list[tuple[dict[str, Token], tuple[str, ...]]]:
    """Every consistent reading of which word is the surname, first name and patronymic.

    Initials are never the surname and come in the order first name, patronymic; the first name
    comes before the patronymic; a word the dictionary knows only as a patronymic is one.
    """
    words = list(name.tokens)
    initials = [t for t in words if t.initial]
    if len(initials) > 2 or len(words) > 3 or len(words) == len(initials):
        return []
    readings = []
    for roles in permutations((SURNAME, GIVEN, PATRONYMIC), len(words)):
        if any(
            (t.initial and r == SURNAME) or (not t.initial and r not in t.roles)
            for t, r in zip(words, roles, strict=True)
        ):
            continue
        if GIVEN in roles and PATRONYMIC in roles and roles.index(GIVEN) > roles.index(PATRONYMIC):
            continue
        readings.append((dict(zip(roles, words, strict=True)), roles))
    return readings


def _persons(a: NormalisedName, b: NormalisedName, tally: _Tally, ra: dict, rb: dict, order: bool) -> float | None:
    """Compare one reading of each person; returns a cap on the score, or None for different people."""
    if SURNAME not in ra or SURNAME not in rb:
        return None
    if not _tokens(ra[SURNAME], rb[SURNAME], tally, person=True):
        return None
    cap = 1.0
    for role in (GIVEN, PATRONYMIC):
        x, y = ra.get(role), rb.get(role)
        if x and y:
            if x.initial or y.initial:
                if not initials_compatible(x.raw, y.raw):
                    return None
                if x.initial != y.initial:
                    tally.add("initials match full name")
                elif x.script != y.script:
                    tally.add("transliteration")
            elif not _tokens(x, y, tally, person=True):
                return None
        elif x or y:
            if role == GIVEN:
                tally.add("surname only")
                cap = SURNAME_ONLY
            elif ra.get(GIVEN) and rb.get(GIVEN):
                tally.add("missing patronymic")
    if order and not any(t.initial for t in a.tokens + b.tokens):
        tally.add("same name, different word order")
    return cap


def _compare_persons(a: NormalisedName, b: NormalisedName, base: _Tally) -> Match | None:
    best, readings_a, readings_b = None, _role_readings(a), _role_readings(b)
    for (ra, roles_a), (rb, roles_b) in product(readings_a, readings_b):
        tally = _Tally(dict(base.rules))
        common = set(roles_a) & set(roles_b)
        order = [r for r in roles_a if r in common] != [r for r in roles_b if r in common]
        cap = _persons(a, b, tally, ra, rb, order)
        if cap is not None:
            result = tally.result(cap)
            if best is None or result.score > best.score:
                best = result
    if best is None and not (readings_a and readings_b):
        return _compare_words(a, b, base, person=True)
    return best


def _compare_words(a: NormalisedName, b: NormalisedName, base: _Tally, *, person: bool) -> Match | None:
    """Word-for-word comparison in any order: companies, and names that fit no person pattern."""
    wa, wb = a.tokens, b.tokens
    if len(wa) != len(wb):
        if "".join(t.key for t in wa) == "".join(t.key for t in wb):
            base.add("spacing or hyphenation")
            return base.result()
        return None
    best = None
    for perm in permutations(range(len(wb))) if len(wb) <= 6 else [tuple(range(len(wb)))]:
        tally = _Tally(dict(base.rules))
        if all(_tokens(wa[i], wb[j], tally, person=person) for i, j in enumerate(perm)):
            if list(perm) != sorted(perm):
                tally.add("same name, different word order")
            result = tally.result()
            if best is None or result.score > best.score:
                best = result
    return best


def _resolve(a, b, kind_a, kind_b) -> list[tuple[NormalisedName, NormalisedName]]:
    """Pairs of normalised names to compare, agreeing on the kind (see ``match``)."""
    na = a if isinstance(a, NormalisedName) else normalise_name(a, kind=kind_a)
    nb = b if isinstance(b, NormalisedName) else normalise_name(b, kind=kind_b)
    if na.kind == nb.kind:
        return [(na, nb)]
    if na.kind_certain and nb.kind_certain:
        return []
    if na.kind_certain:
        return [(na, normalise_name(nb.original, kind=na.kind))]
    if nb.kind_certain:
        return [(normalise_name(na.original, kind=nb.kind), nb)]
    return [(na, normalise_name(nb.original, kind=na.kind)), (normalise_name(na.original, kind=nb.kind), nb)]


def match(
    a: str | NormalisedName, b: str | NormalisedName, *, kind_a: str | None = None, kind_b: str | None = None
) -> Match | None:
    """Score whether names ``a`` and ``b`` denote the same person or company.

    Returns None when they are different (or either is empty); otherwise a :class:`Match` whose
    ``is_hit`` says whether the score reaches :data:`THRESHOLD` (a surname alone matching a full
    name scores below it). Kinds ("person"/"organisation") may be given; otherwise they are guessed,
    and when the guesses disagree the side whose kind is certain (given, a legal form, quotes) wins —
    if both are certain and differ, a person is never a company.
    """
    best = None
    for na, nb in _resolve(a, b, kind_a, kind_b):
        if na.is_empty or nb.is_empty:
            continue
        tally = _Tally({})
        if na.legal_form != nb.legal_form:
            tally.add("legal form ignored" if None in (na.legal_form, nb.legal_form) else "different legal form")
        if [(t.text, t.raw) for t in na.tokens] == [(t.text, t.raw) for t in nb.tokens]:
            result = tally.result()
        elif na.kind == PERSON:
            result = _compare_persons(na, nb, tally)
        else:
            result = _compare_words(na, nb, tally, person=False)
        if result and (best is None or result.score > best.score):
            best = result
    return best


__all__ = ["ORGANISATION", "PERSON", "THRESHOLD", "Match", "match"]
