"""The precise scorer: does name A denote the same person or company as name B, and why?

Scores multiply: each kind of tolerated difference costs once (see ``PENALTIES``), typos cost by
edit distance and word length. A person's name is compared part by part — surname with surname,
first name with first name (or its initial), patronymic with patronymic — trying every way of
reading which word is which, since "Иванов Иван" and "Ivan Ivanov" differ in order. Any compared part
that differs beyond a typo ends the comparison: a different first name, patronymic or gender
(Иванов/Иванова, Иванович/Ивановна) is a different person. A company's words must pair off one to
one: an extra word ("Ромашка-Плюс", "Альфа-Банк", "Вектор-М") is a different company — except that
adjacent words written together are one word ("Урал-Самоцветы" = "Уралсамоцветы", "Trans-Nefte-Gaz" =
"TransNefteGaz"), letter for letter, with no typo on top. A surname alone against a surname with
anything more (a first name, an initial) is a lead, not a hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate, combinations, islice, pairwise, permutations, product

from rapidfuzz.distance import OSA

from .normalise import (
    GIVEN,
    ORGANISATION,
    PATRONYMIC,
    PERSON,
    SURNAME,
    NormalisedName,
    Token,
    joined_key,
    normalise_name,
)
from .translit import initials_compatible, latin_key

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
    if (len(ra) == 1) != (len(rb) == 1):
        # a surname alone against a surname with more ("Иванов" / "Иванов И.", the initial read as a
        # patronymic) is a lead, not a hit, however the other words are read
        tally.add("surname only")
        cap = SURNAME_ONLY
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
    """Word-for-word comparison in any order: companies, and names that fit no person pattern.

    A company's words written together on one side and apart on the other ("Уралсамоцветы",
    "Урал-Самоцветы", "Урал Самоцветы"; "TransNefteGaz", "Trans-Nefte-Gaz") are compared as written
    together (see ``_compounds``).
    """
    wa, wb = a.tokens, b.tokens
    best = _pair_off([(t,) for t in wa], [(t,) for t in wb], base, person=person) if len(wa) == len(wb) else None
    if best is not None:
        return best
    if person:
        if len(wa) != len(wb) and "".join(t.key for t in wa) == "".join(t.key for t in wb):
            base.add("spacing or hyphenation")
            return base.result()
        return None
    for ga, gb in _compounds(wa, wb):
        tally = _Tally(dict(base.rules))
        tally.add("spacing or hyphenation")
        result = _pair_off(ga, gb, tally, person=False)
        if result is not None and (best is None or result.score > best.score):
            best = result
    return best


def _pair_off(ga: list[tuple[Token, ...]], gb: list[tuple[Token, ...]], base: _Tally, *, person: bool) -> Match | None:
    """The best one-to-one pairing of two equally long lists of word groups, in any order."""
    best = None
    for perm in permutations(range(len(gb))) if len(gb) <= 6 else [tuple(range(len(gb)))]:
        tally = _Tally(dict(base.rules))
        if all(_groups(ga[i], gb[j], tally, person=person) for i, j in enumerate(perm)):
            if list(perm) != sorted(perm):
                tally.add("same name, different word order")
            result = tally.result()
            if best is None or result.score > best.score:
                best = result
    return best


def _groups(a: tuple[Token, ...], b: tuple[Token, ...], tally: _Tally, *, person: bool) -> bool:
    """Whether two groups of words are the same words: one word each (``_tokens``), or written together.

    Words written together must meet exactly, through any of their spellings (as written, in the
    nominative, other Latin readings): no typo on top of the spacing, since an extra letter or word
    written on is a different company ("Вектор" / "Вектор-М").
    """
    if len(a) == len(b) == 1:
        return _tokens(a[0], b[0], tally, person=person)
    rule = _joined_rule(_spellings(a), _spellings(b))
    if rule is None:
        return False
    if rule:
        tally.add(rule)
    return True


_Spellings = tuple[frozenset[str], frozenset[str], bool]


def _joined_rule(a: _Spellings, b: _Spellings) -> str | None:
    """How two groups written together are the same: "" (same letters), "inflected form",
    "transliteration"; None when they are not."""
    texts_a, keys_a, cyrillic_a = a
    texts_b, keys_b, cyrillic_b = b
    if texts_a & texts_b:
        return "" if texts_a == texts_b else "inflected form"
    if cyrillic_a and cyrillic_b:
        return None  # Cyrillic on both sides meets by its letters, not by a lossy Latin fold (Ш/Щ)
    return "transliteration" if keys_a & keys_b else None


_MAX_JOINED = 16
_MAX_COMPOUND_WORDS = 8


_SPELLINGS: dict[tuple, _Spellings] = {}


def _spellings(group: tuple[Token, ...]) -> _Spellings:
    """A company's words written together: their texts (as written, in the nominative), their folded
    keys (those, and each word's own keys put together — its other Latin readings —, at most
    ``_MAX_JOINED`` of these), and whether they are all Cyrillic (digits aside).

    Remembered by the words' letters (a company's word's keys follow from them), since the same
    searched name meets hundreds of candidates."""
    memo = tuple((t.text, t.raw, t.script) for t in group)
    found = _SPELLINGS.get(memo)
    if found is None:
        text, raw = "".join(t.text for t in group), "".join(t.raw for t in group)
        keys = {joined_key(group), latin_key(raw)}
        for combo in islice(product(*(sorted(t.keys) for t in group)), _MAX_JOINED):
            keys.add("".join(combo))
        found = frozenset((text, raw)), frozenset(keys), all(t.script in ("cyr", "num") for t in group)
        if len(_SPELLINGS) >= 65536:
            _SPELLINGS.clear()
        _SPELLINGS[memo] = found
    return found


def _segmentations(tokens: tuple[Token, ...], parts: int, joinable: set[tuple[int, int]]):
    """Every way of cutting the words, in their order, into ``parts`` runs of adjacent words, where
    each run of two or more words is one of the ``joinable`` (start, end) runs."""
    n = len(tokens)
    for cuts in combinations(range(1, n), parts - 1):
        runs = list(pairwise((0, *cuts, n)))
        if all(j - i == 1 or (i, j) in joinable for i, j in runs):
            yield [tokens[i:j] for i, j in runs]


def _compounds(wa: tuple[Token, ...], wb: tuple[Token, ...]):
    """Groupings of two companies' words where some adjacent words are written together.

    The longer name's adjacent words are joined down to the shorter's count ("Урал Самоцветы Плюс" →
    "Урал Самоцветы|Плюс" against "Уралсамоцветы Плюс"), where the joined words are, exactly, a word
    of the other name; and both names are written wholly together ("Транс-Нефтегаз" against
    "Транснефте-Газ").
    """
    if not wa or not wb or max(len(wa), len(wb)) > _MAX_COMPOUND_WORDS:
        return
    if not _alike_in_length(sum(len(t.key) for t in wa), sum(len(t.key) for t in wb)):
        return  # every word takes part on both sides: a word's worth of letters more is another name
    if len(wa) != len(wb):
        (long, short), flip = ((wa, wb), False) if len(wa) > len(wb) else ((wb, wa), True)
        ends = list(accumulate((len(t.key) for t in long), initial=0))
        cyrillic = all(t.script in ("cyr", "num") for t in wa + wb)
        letters = {text for t in short for text in (t.text, t.raw)}
        words: dict[int, _Spellings] = {}
        joinable = set()
        lengths = [len(t.key) for t in short]
        runs = ((i, j) for i in range(len(long) - 1) for j in range(i + 2, len(long) + 1))
        for i, j in runs:
            # the cheap tests first: a run of words as long as a word over there, or its very letters
            fits = [k for k, n in enumerate(lengths) if _alike_in_length(ends[j] - ends[i], n)]
            if not fits:
                continue
            run = long[i:j]
            if cyrillic:  # Cyrillic on both sides: by the letters only (see _joined_rule)
                if {"".join(t.text for t in run), "".join(t.raw for t in run)} & letters:
                    joinable.add((i, j))
                continue
            spelt = _spellings(run)
            for k in fits:
                if k not in words:
                    words[k] = _spellings((short[k],))
                if _joined_rule(spelt, words[k]) is not None:
                    joinable.add((i, j))
                    break
        if joinable:
            singles = [(t,) for t in short]
            for groups in _segmentations(long, len(short), joinable):
                yield (singles, groups) if flip else (groups, singles)
    if min(len(wa), len(wb)) > 1 and _joined_rule(_spellings(tuple(wa)), _spellings(tuple(wb))) is not None:
        yield [tuple(wa)], [tuple(wb)]


def _alike_in_length(x: int, y: int) -> bool:
    """Whether two folded keys' lengths are near enough to be the same words written together:
    another Latin reading or ending changes a few letters, not a word's worth."""
    return abs(x - y) <= max(3, max(x, y) // 4)


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
