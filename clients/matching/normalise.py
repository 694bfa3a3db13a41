"""From a name as typed to a :class:`NormalisedName`: tokens, their nominative forms and Latin keys.

The steps, and why:

1. NFKC, ё → е, whitespace collapsed (line breaks, double spaces), look-alike Latin letters inside
   Cyrillic words made Cyrillic ("Pомашка" typed with a Latin P), apostrophes inside words dropped
   (O'Brien, Natal'ya);
2. legal forms are cut out and remembered as a code ("ООО", "Общество с ограниченной
   ответственностью" in any case, "Limited Liability Company", "Obshchestvo s ogranichennoy
   otvetstvennostyu", "LLC", "Ltd", "GmbH" → ``llc``); quotes are dropped. A legal form or quotes
   mean an organisation; "ИП" (or "Индивидуальный предприниматель", "Individual Entrepreneur")
   means a person (a sole trader is the person);
3. the kind, unless given, is guessed: initials, or words the Russian dictionary (pymorphy3) tags as
   surname / first name / patronymic, mean a person; Latin words are looked up through a few
   Cyrillic guesses ("Maria" → "мария");
4. Cyrillic words go to the nominative. For a person the whole name is read at once: we pick the
   gender and case that most of its words agree on ("Иванова Ивана Ивановича" is masculine
   genitive, so "Иванова" → "иванов"; "Иванова Мария" is feminine nominative and stays), then put
   each word in the nominative *of that gender*, so Петровой → петрова, not петров. For an
   organisation each noun/adjective goes to its dictionary form ("Ромашки" → "ромашка");
5. every token gets its folded Latin key (:mod:`.translit`), which is what meets across scripts.
   A company's hyphenated words are words of their own ("Урал-Самоцветы" → урал, самоцвет); its
   search key also has them written together, to meet "Уралсамоцветы" (see ``search_key``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

import pymorphy3

from .translit import cyrillic_guesses, fold_variants, has_cyrillic, has_latin, latin_key

PERSON = "person"
ORGANISATION = "organisation"
KINDS = (PERSON, ORGANISATION)
SURNAME, GIVEN, PATRONYMIC = "surname", "given", "patronymic"
_MAX_INPUT = 300

# Legal forms: (code, patterns). Spelt-out forms match in any grammatical case ("обществом с ограниченной
# ответственностью"), in English ("Limited Liability Company", "Joint-Stock Co.") and in the usual Latin
# transliterations of the Russian ("Obshchestvo s ogranichennoy otvetstvennost'yu", "Aktsionernoe
# obshchestvo"); whitespace is collapsed before. Forms written in different languages but meaning the
# same share a code. Order matters where one pattern starts another at the same place ("Limited
# Liability Partnership" before "Limited").
_RU_JSC = r"акционерн\w* обществ\w*"
_LAT_JSC = r"ak\w{0,3}ionern\w* ob\w{0,4}estv\w*"  # aktsionernoe / akcionernoe obshchestvo / obščestvo
_EN_JSC = r"joint[- ]stock (?:company|co\b\.?)"
_LEGAL_FORMS = [
    ("pjsc", [rf"публичн\w* {_RU_JSC}", "пао", "pao", "pjsc", rf"publichn\w* {_LAT_JSC}", rf"public {_EN_JSC}"]),
    ("cjsc", [rf"закрыт\w* {_RU_JSC}", "зао", "zao", "cjsc", rf"zakryt\w* {_LAT_JSC}", rf"closed {_EN_JSC}"]),
    ("ojsc", [rf"открыт\w* {_RU_JSC}", "оао", "oao", "ojsc", rf"otkryt\w* {_LAT_JSC}", rf"open {_EN_JSC}"]),
    ("jsc", [rf"непубличн\w* {_RU_JSC}", _RU_JSC, "ао", "ao", "jsc", rf"nepublichn\w* {_LAT_JSC}", _LAT_JSC,
             rf"non-?public {_EN_JSC}", _EN_JSC, "aktiengesellschaft"]),
    ("llp", [r"limited liability partnership"]),
    ("llc", [r"(?:обществ|товариществ)\w* с ограниченн\w* ответственност\w*", "ооо", "ooo", "тоо",
             r"ob\w{0,4}estv\w* s ogranich\w* otvetstvenn?ost\w*", r"l\.\s?l\.\s?c\.?", "llc",
             r"limited liability company", r"co\.?,? ltd\.?", r"ltd\.?", "limited", "gmbh", "sarl"]),
    ("odo", [r"обществ\w* с дополнительн\w* ответственност\w*", "одо"]),
    ("ano", [r"автономн\w* некоммерческ\w* организаци\w*", "ано", "ano"]),
    ("nko", [r"некоммерческ\w* организаци\w*", "нко", "nko", r"non-?profit organi[sz]ation"]),
    ("gup", [r"(?:федеральн\w* )?государственн\w* унитарн\w* предприяти\w*", "фгуп", "гуп"]),
    ("mup", [r"муниципальн\w* унитарн\w* предприяти\w*", "муп"]),
    ("ip", [r"индивидуальн\w* предпринимател\w*", "ип", r"individual entrepreneur", r"sole proprietor",
            r"sole trader", r"individualn\w* predprinimatel\w*"]),
    ("inc", [r"inc\.?", "incorporated", r"corp\.?", "corporation"]),
]  # fmt: skip
# Short Latin forms that are also plausible words: cut only as the last word of a longer name.
_WEAK_LEGAL_FORMS = {
    "ag": "jsc", "sa": "jsc", "plc": "pjsc", "co": "co", "company": "co", "llp": "llp",
    "lp": "llp", "bv": "llc", "nv": "jsc", "ab": "jsc", "oy": "jsc", "srl": "llc",
}  # fmt: skip
_LEGAL_RE = re.compile(
    r"(?<![^\W_])(?:"
    + "|".join(rf"(?P<{code}{i}>{pattern})" for code, patterns in _LEGAL_FORMS for i, pattern in enumerate(patterns))
    + r")(?![^\W_])",
    re.IGNORECASE,
)
_QUOTES = re.compile("[\"«»„“”‟‘’‚‛‹›'`]")
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’ʼʹ`](?=[^\W\d_])")
_WORD = re.compile(r"[^\W_]+(?:[-‐‑–][^\W_]+)*")
_HYPHENS = re.compile("[-‐‑–]")
_CONJUNCTIONS = frozenset({"и", "i", "and", "und", "et", "the"})
_HOMOGLYPHS = str.maketrans("aceopxykmthbACEOPXYKMTHB", "асеорхукмтнвАСЕОРХУКМТНВ")
_PATRONYMIC_RE = re.compile(r"(ович|евич|овна|евна|ична|инична|ovich|evich|ovna|evna|ichna)$")
_SURNAME_RE = re.compile(
    r"..(ов|ев|ин|ын|ский|цкий|ова|ева|ина|ына|ская|цкая|енко|ук|юк|ov|ev|in|yn|sky|skiy|skii|skij|ova|eva|ina"
    r"|yna|skaya|skaia|skaja|enko|uk|yuk)$"
)
_PERSON_GRAMMEMES = {"Surn": SURNAME, "Name": GIVEN, "Patr": PATRONYMIC}
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name.

    ``text`` is the canonical form (lower case, ё → е, nominative where safe); ``raw`` is the word as
    written (lower case, ё → е); ``key`` the folded Latin key; ``keys`` the key plus the folds under
    the other readings of an ambiguous Latin spelling; ``roles`` the parts of a person's name this
    word may be; ``known`` whether the Russian dictionary knows the word (for a person: as a
    surname, first name or patronymic) — two different known words are not a typo of each other.
    """

    text: str
    raw: str
    key: str
    keys: frozenset[str]
    script: str  # "cyr", "lat" or "num"
    initial: bool = False
    roles: frozenset[str] = frozenset((SURNAME, GIVEN))
    known: bool = False

    @property
    def feminine(self) -> bool:
        """Feminine-looking ending: Иванова/Ivanova, Ивановна, Александра — a different person."""
        return self.text.endswith(("а", "я")) if self.script == "cyr" else self.key.endswith("a")


@dataclass(frozen=True, slots=True)
class NormalisedName:
    """A name ready for matching. ``kind_certain`` is False when the kind was only guessed."""

    original: str
    kind: str
    kind_certain: bool
    tokens: tuple[Token, ...]
    legal_form: str | None = None
    gender: str | None = None  # "masc"/"femn" when a person's words agree on it

    @property
    def is_empty(self) -> bool:
        return not any(not t.initial for t in self.tokens)

    @property
    def canonical(self) -> str:
        """Canonical text, e.g. "иванов иван иванович", "ромашка"; initials as single letters."""
        return " ".join(t.text for t in self.tokens)

    @property
    def latin(self) -> str:
        """Folded Latin keys in the written order, e.g. "ivanov ivan ivanovich"."""
        return " ".join(t.key for t in self.tokens)

    @property
    def search_key(self) -> str:
        """Folded Latin keys of the full words, sorted: order-free, script-free, for pg_trgm.

        A company of several words gets its words written together too, in their order ("Урал
        Самоцветы", "Урал-Самоцветы" → "samotsvet ural uralsamotsvet"), so that it meets the same name
        written as one word ("Уралсамоцветы" → "uralsamotsvet") on either side of the trigram search.
        """
        words = [t for t in self.tokens if not t.initial and t.key]
        key = " ".join(sorted(t.key for t in words))
        if self.kind == ORGANISATION and len(words) > 1:
            key += " " + joined_key(words)
        return key


def joined_key(tokens) -> str:
    """The folded key of words written together: "урал" + "самоцвет" → "uralsamotsvet".

    Folded as one word (doubled letters across the join collapse as they would in a word written
    whole); words in different scripts are folded each on its own and put together.
    """
    texts = [t.text for t in tokens]
    if len({t.script for t in tokens} - {"num"}) <= 1:
        return latin_key("".join(texts))
    return "".join(t.key for t in tokens)


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    """One analyser per process: loading the dictionary costs tens of milliseconds."""
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def _person_parses(word: str) -> tuple:
    """Singular parses of a Cyrillic word as a surname, first name or patronymic."""
    return tuple(
        p
        for p in morph().parse(word)
        if p.tag.grammemes & _PERSON_GRAMMEMES.keys() and ("sing" in p.tag or "Fixd" in p.tag)
    )


@lru_cache(maxsize=65536)
def _person_info(word: str) -> tuple[float, frozenset[str], bool]:
    """(how person-like, which roles, known to the dictionary as a name) for a word in either script.

    A Latin word is asked about through its Cyrillic guesses that the dictionary knows.
    """
    if has_cyrillic(word):
        candidates = [word]
    else:
        known = [g for g in cyrillic_guesses(word) if morph().word_is_known(g)]
        candidates = known[:8]
    best = (0.0, frozenset(), False)
    for candidate in candidates:
        parses = _person_parses(candidate)
        likeness = sum(p.score for p in parses)
        roles = frozenset(_PERSON_GRAMMEMES[g] for p in parses for g in p.tag.grammemes & _PERSON_GRAMMEMES.keys())
        known = any(p.is_known for p in parses)
        if (likeness, known) > best[::2]:
            best = (likeness, roles, known)
    return best


def _roles(word: str, key: str) -> frozenset[str]:
    _, roles, _ = _person_info(word)
    if PATRONYMIC in roles or _PATRONYMIC_RE.search(word) or _PATRONYMIC_RE.search(key):
        return frozenset({PATRONYMIC} | (roles & {SURNAME}))
    return frozenset((SURNAME, GIVEN))


@lru_cache(maxsize=65536)
def _readings(word: str) -> dict[tuple[str, str], tuple[str, float]]:
    """For each (gender, case) a Cyrillic word can be read in as a name: its nominative and score.

    The nominative keeps the gender (Петровой → петрова, not петров); a declinable reading wins over
    an indeclinable one, since it explains the ending (Анне → анна, not the indeclinable "Анне").
    """
    table: dict[tuple[str, str], tuple[tuple[bool, float], object, float]] = {}
    for parse in _person_parses(word) if has_cyrillic(word) else ():
        grammemes = parse.tag.grammemes
        genders = ("masc", "femn") if "ms-f" in grammemes else [g for g in ("masc", "femn") if g in grammemes]
        for gender in genders:
            for case in _CASES:
                if case not in grammemes:
                    continue
                rank = ("Fixd" not in grammemes, parse.score)
                old = table.get((gender, case))
                if old is None or rank > old[0]:
                    table[(gender, case)] = (rank, parse, max(parse.score, old[2] if old else 0.0))
    readings = {}
    for combo, (_, parse, score) in table.items():
        inflected = parse.inflect({"nomn"})
        readings[combo] = ((inflected.word if inflected else word).replace("ё", "е"), score)
    return readings


def _person_forms(words: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """Nominative forms of a person's Cyrillic words, read together (see the module docstring).

    The gender and case are the ones most words can be read in; ties go to the nominative (a name
    is usually written in it), then to the likelier parses.
    """
    tables = [_readings(w) for w in words]
    best, best_rank = None, (0, False, 0.0)
    for combo in product(("masc", "femn"), _CASES):
        fitting = [t[combo] for t in tables if combo in t]
        rank = (len(fitting), combo[1] == "nomn", sum(score for _, score in fitting))
        if fitting and rank > best_rank:
            best, best_rank = combo, rank
    if best is None:
        return words, None
    forms = tuple(t[best][0] if best in t else w for w, t in zip(words, tables, strict=True))
    return forms, best[0]


@lru_cache(maxsize=65536)
def _is_word(word: str) -> bool:
    """Whether the dictionary knows the word, or (Latin) one of its Cyrillic guesses: "Вектор", "Viktor"."""
    if len(word) < 3 or not word.isalpha():
        return False
    if has_cyrillic(word):
        return morph().word_is_known(word)
    return any(morph().word_is_known(g) for g in cyrillic_guesses(word))


@lru_cache(maxsize=65536)
def _organisation_form(word: str) -> str:
    """Dictionary form of a noun or adjective in a company name: "ромашки" → "ромашка"."""
    if len(word) < 3 or not has_cyrillic(word):
        return word
    parses = morph().parse(word)
    if any(p.tag.grammemes & _PERSON_GRAMMEMES.keys() for p in parses):
        return word  # "Федотов", "Хасанов" are surnames here, not plurals of "Федот", "Хасан"
    parse = parses[0]
    if parse.tag.POS in {"NOUN", "ADJF", "ADJS", "PRTF"}:
        return parse.normal_form.replace("ё", "е")
    return word


def _clean(name: str) -> tuple[str, str | None, bool]:
    """NFKC, ё → е, whitespace collapsed, legal forms cut (returning their code), quotes noted and removed.

    Whitespace is collapsed and apostrophes inside words dropped first, so that a spelt-out legal form
    broken over two lines, or with a soft sign written as an apostrophe (otvetstvennost'yu), is cut.
    """
    text = unicodedata.normalize("NFKC", name)[:_MAX_INPUT].replace("ё", "е").replace("Ё", "Е")
    text = _INNER_APOSTROPHE.sub("", " ".join(text.split()))
    found = []
    text = _LEGAL_RE.sub(lambda m: found.append(m.lastgroup.rstrip("0123456789")) or " ", text)
    legal = found[0] if found else None
    quoted = bool(_QUOTES.search(text))
    return _QUOTES.sub(" ", text), legal, quoted


def _looks_like_surname(word: str) -> bool:
    return bool(_SURNAME_RE.search(word)) or SURNAME in _person_info(word)[1]


def _words(text: str) -> list[tuple[str, bool]]:
    """(word, looks like an initial) pairs; hyphenated words kept whole; look-alike letters fixed.

    An upper-case single letter, or one followed by a dot, looks like an initial; so does each letter
    of an upper-case Cyrillic pair beside a surname ("Иванов ИИ", but not "ТД Вектор").
    """
    matches = list(_WORD.finditer(text))
    words = []
    for m in matches:
        word = m.group()
        if has_cyrillic(word) and has_latin(word):
            word = word.translate(_HOMOGLYPHS)
        dotted = text[m.end() : m.end() + 1] == "."
        initial = len(word) == 1 and word.isalpha() and (word.isupper() or dotted)
        pair = len(word) == 2 and word.isalpha() and word.isupper() and has_cyrillic(word)
        if pair and len(matches) == 2 and any(_looks_like_surname(o.group().lower()) for o in matches):
            words += [(word[0].lower(), True), (word[1].lower(), True)]
        else:
            words.append((word.lower(), initial))
    return words


def _guess_kind(words: list[tuple[str, bool]]) -> str:
    full = [w for w, initial in words if not initial]
    initials = len(words) - len(full)
    if not full or len(full) > 4 or any(ch.isdigit() for w in full for ch in w):
        return ORGANISATION
    if initials and len(full) <= 2:
        return PERSON
    parts = [p for w in full for p in _HYPHENS.split(w)]
    likeness = [_person_info(p)[0] + bool(_PATRONYMIC_RE.search(p)) + 0.5 * bool(_SURNAME_RE.search(p)) for p in parts]
    if len(parts) == 1:
        return PERSON if likeness[0] >= 0.3 and _looks_like_surname(parts[0]) else ORGANISATION
    return PERSON if sum(1 for x in likeness if x >= 0.1) >= max(2, len(parts) - 1) else ORGANISATION


def _token(text: str, raw: str, *, initial: bool = False, person: bool = False) -> Token:
    parts = [p for p in _HYPHENS.split(text) if p]
    key = "".join(latin_key(p) for p in parts)
    script = "cyr" if has_cyrillic(text) else "num" if text.isdigit() else "lat"
    keys = fold_variants(text) if script == "lat" and len(parts) == 1 else frozenset({key})
    if not person or initial:
        # a company's word as written also counts: "Копыта" meets "Kopyta", not only "копыто"
        keys |= {"".join(latin_key(p) for p in _HYPHENS.split(raw) if p)}
        return Token(text, raw, key, keys, script, initial=initial, known=not initial and _is_word(text))
    roles = _roles(text, key) if len(parts) == 1 else frozenset((SURNAME, GIVEN))
    known = len(parts) == 1 and _person_info(text)[2]
    return Token(text, raw, key, keys, script, roles=roles, known=known)


@lru_cache(maxsize=32768)
def _normalise(name: str, kind: str | None) -> NormalisedName:
    text, legal, quoted = _clean(name)
    words = _words(text)
    if len(words) >= 3 and words[0][0] in ("ip", "ie") and legal is None:
        words, legal = words[1:], "ip"  # "IP Ivanov Ivan": ИП in Latin letters
    if kind in KINDS:
        certain = True
    elif legal or quoted:
        kind, certain = (PERSON if legal == "ip" else ORGANISATION), True
    else:
        kind, certain = _guess_kind(words), False

    if kind == ORGANISATION:
        flat = [p for w, _ in words for p in _HYPHENS.split(w) if p and p not in _CONJUNCTIONS]
        if len(flat) > 1 and flat[-1] in _WEAK_LEGAL_FORMS:
            legal = legal or _WEAK_LEGAL_FORMS[flat[-1]]
            flat = flat[:-1]
        tokens = tuple(_token(_organisation_form(w), w) for w in flat)
        return NormalisedName(name, kind, certain, tokens, legal)

    full = tuple(w for w, initial in words if not initial)
    parts = [p for w in full for p in _HYPHENS.split(w)]
    forms, gender = _person_forms(tuple(parts))
    form_of = dict(zip(parts, forms, strict=True))
    tokens = []
    for word, initial in words:
        if initial:
            tokens.append(_token(word, word, initial=True, person=True))
        else:
            canonical = "-".join(form_of.get(p, p) for p in _HYPHENS.split(word))
            tokens.append(_token(canonical, word, person=True))
    return NormalisedName(name, kind, certain, tuple(tokens), legal, gender)


def normalise_name(name: str, *, kind: str | None = None) -> NormalisedName:
    """Normalise a person's or organisation's name for matching; never raises on odd input.

    ``kind`` is "person", "organisation" or None (guess: see :func:`_guess_kind`).
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    return _normalise(name if isinstance(name, str) else "", kind)


def search_key(name: str, *, kind: str | None = None) -> str:
    """The string to store beside a client or party for a pg_trgm candidate search.

    The folded Latin keys of the full words, sorted ("Иванов Иван Иванович", "Ivan Ivanovich Ivanov"
    and "Иванова Ивана Ивановича" all give "ivan ivanov ivanovich"); no legal form, no quotes,
    no initials. A company of several words has them written together at the end too ("ПАО «Газпром
    нефть»" → "gazprom neft gazpromneft"), to meet "Газпромнефть". Stored: after a change here,
    recompute the stored keys (``manage.py reindex_conflict_keys``, or a migration calling
    ``clients.services.conflicts.reindex_search_keys``). Compare with ``similarity(search_key, %s) > 0.3``
    and then score with ``match``.
    """
    return normalise_name(name, kind=kind).search_key
