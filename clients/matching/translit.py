"""Cyrillic → Latin romanisation and the "folded" Latin key where all common spellings meet.

Why a fold and not just a transliteration: one Cyrillic name reaches the firm in many Latin spellings —
the passport (ICAO Doc 9303 since 2013: Iurii Shchukin), older passports and the Foreign Ministry
(Yuriy), English-language contracts (BGN/PCGN, Wikipedia: Yury), GOST 7.79 system B (Yurij Shhukin,
Xodorkovskij, Czoj), the scientific system (Jurij Ščukin, Žukov) and informal ones (Schukin, Jukov,
Alexander). No single scheme reproduces them all, so we romanise Cyrillic with one scheme (ICAO, the
passport one) and then *fold* every Latin word, ours and theirs, through the same lossy rules below.
The fold is deterministic and deliberately coarse: Ш/Щ merge, iotation marks vanish. It is a
matching key, never something to show.

Folding rules, in order (input: one lower-cased word):

1. diacritics: š ž č → sh zh ch, ŝ → shch, û â → yu ya; other marks dropped; apostrophes/primes
   (the soft and hard signs of GOST/BGN) dropped; anything not a-z/0-9 dropped;
2. x → ks (Alexander), w → v, ph → f, q → k, ck → k, ou → u (French Iouri);
3. tsch/tch → ch; shch/shh/sch → sh (Щ and German Sch); kh → h (Х); tz/cz → ts (Ц);
   c not before h → k (Victor);
4. y and j → i (й, ы, ya/ja, yu/ju all become i-sequences); ii… → i (-iy/-ij/-ii/-y endings);
5. io → e (Ё: Fyodor/Fedor, Solovyov/Solovev, Pyotr/Petr);
   a word-initial ie → e (Yevgeny/Evgeny); any other i before a, e, u is dropped
   (Natalya/Natalia/Nataliya, Lyudmila/Ludmila, Dmitriyev/Dmitriev) — word-initial ia/iu stay,
   so Yana ≠ Anna;
6. a final consonant + "er" → consonant + "r" (Alexander/Aleksandr, Peter/Petr);
7. doubled letters collapse (Gennady/Genady, Kirill/Kiril).

Latin input is ambiguous where Cyrillic is not (x is Х in GOST system B; c is Ц in the scientific
system; an initial j is Ж in French spellings like Jukov; ch is Х in German/Polish Chodorkowski), so
:func:`fold_variants` also returns the folds under those alternative readings; the scorer accepts any.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia

SCHEME = iuliia.ICAO_DOC_9303
"""The one scheme used to romanise Cyrillic: the one in Russian passports, so a passport spelling
of a client folds straight onto the Cyrillic record."""

_CYR_PREP = str.maketrans({"ё": "е", "ъ": "", "ь": "", "і": "и", "ї": "и", "є": "е", "ґ": "г", "ў": "у"})
_SPECIAL = {"ŝ": "shch", "û": "yu", "â": "ya", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"}
_CARON = "\u030c"

_VOWELS = "aeiou"
_RULES_EARLY = [
    (re.compile("ph"), "f"),
    (re.compile("w"), "v"),
    (re.compile("q"), "k"),
    (re.compile("ck"), "k"),
    (re.compile("ou"), "u"),
    (re.compile("tsch|tch"), "ch"),
    (re.compile("shch|shh|sch"), "sh"),
    (re.compile("kh"), "h"),
    (re.compile("tz|cz"), "ts"),
]
_RULES_LATE = [
    (re.compile("[yj]"), "i"),
    (re.compile("i{2,}"), "i"),
    (re.compile("io"), "e"),
    (re.compile("^ie"), "e"),
    (re.compile("(?<=.)i(?=[aeu])"), ""),
    (re.compile("(?<=[bcdfgklmnpstvz])er$"), "r"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]
_C_NOT_CH = re.compile("c(?!h)")


@lru_cache(maxsize=65536)
def romanise(word: str) -> str:
    """ICAO Doc 9303 romanisation of one Cyrillic word, lower-cased; soft/hard signs dropped first."""
    return SCHEME.translate(word.lower().translate(_CYR_PREP))


def _ascii(word: str) -> str:
    """Step 1: strip diacritics (keeping the caron as an 'h': š → sh), apostrophes and non-letters."""
    out = []
    for ch in unicodedata.normalize("NFKD", "".join(_SPECIAL.get(c, c) for c in word.lower())):
        if ch == _CARON and out and out[-1] in "szc":
            out.append("h")
        elif "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
    return "".join(out)


def _fold(word: str, *, x: str = "ks", c: str = "k", initial_j: str | None = None, ch: str | None = None) -> str:
    if initial_j and word.startswith("j"):
        word = initial_j + word[1:]
    if ch:
        word = word.replace("ch", ch)
    word = word.replace("x", x)
    for pattern, repl in _RULES_EARLY:
        word = pattern.sub(repl, word)
    word = _C_NOT_CH.sub(c, word)
    for pattern, repl in _RULES_LATE:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The folded key of one Latin word (see the module docstring). Digits pass through."""
    return _fold(_ascii(word))


@lru_cache(maxsize=65536)
def fold_variants(word: str) -> frozenset[str]:
    """The folded key plus the folds under the ambiguous readings of x, c, initial j and ch."""
    base = _ascii(word)
    keys = {_fold(base)}
    if "x" in base:
        keys.add(_fold(base, x="h"))
    if _C_NOT_CH.search(base):
        keys.add(_fold(base, c="ts"))
    if base.startswith("j"):
        keys.add(_fold(base, initial_j="zh"))
    if "ch" in base:
        keys.add(_fold(base, ch="h"))
    return frozenset(keys)


@lru_cache(maxsize=65536)
def latin_key(word: str) -> str:
    """The folded Latin key of a word in either script: Cyrillic is romanised (ICAO) first."""
    return fold(romanise(word)) if has_cyrillic(word) else fold(word)


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def has_latin(text: str) -> bool:
    return any("a" <= ch <= "z" or "A" <= ch <= "Z" for ch in text)


# Which Latin letters a Cyrillic initial may be written with, across the schemes above
# ("Y." for Юрий and for Евгений, "J." for Юрий and for Жуков, "H." or "K." for Харитон ...).
_INITIAL_LATIN = {
    "а": "a", "б": "b", "в": "vw", "г": "gh", "д": "d", "е": "eyji", "ж": "zj", "з": "zs", "и": "iy",
    "й": "yij", "к": "kc", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "uo", "ф": "fp", "х": "khxc", "ц": "tcz", "ч": "ct", "ш": "s", "щ": "s",
    "ы": "yi", "э": "e", "ю": "yiju", "я": "yija",
}  # fmt: skip


def initials_compatible(a: str, b: str) -> bool:
    """Whether two words may start with the same name letter: "И"/"Ivan", "Ю"/"Yury", "J"/"Жуков"."""
    a, b = a[:1].lower().replace("ё", "е"), b[:1].lower().replace("ё", "е")
    if not a or not b:
        return False
    a_cyr, b_cyr = has_cyrillic(a), has_cyrillic(b)
    if a_cyr and b_cyr:
        return a == b
    if not a_cyr and not b_cyr:  # two Latin letters that one Cyrillic letter may give: E/Y (Е), J/Z (Ж)
        a, b = _ascii(a)[:1], _ascii(b)[:1]
        return bool(a and b) and (a == b or any(a in v and b in v for v in _INITIAL_LATIN.values()))
    cyr, lat = (a, b) if a_cyr else (b, a)
    lat = _ascii(lat)[:1]
    return bool(lat) and lat in _INITIAL_LATIN.get(cyr, "")


# --- Latin → Cyrillic guesses, only to ask the Russian dictionary what a Latin word is ------------

_BACK_UNITS = [
    ("shch", ["щ"]), ("sch", ["щ", "ш"]), ("tch", ["ч"]), ("zh", ["ж"]), ("kh", ["х"]), ("ts", ["ц"]),
    ("tz", ["ц"]), ("ch", ["ч", "х"]), ("sh", ["ш"]), ("yu", ["ю"]), ("iu", ["ю", "ью"]), ("ju", ["ю"]),
    ("ya", ["я"]), ("ia", ["ия", "ья", "я"]), ("ja", ["я"]), ("ye", ["е", "ье"]), ("je", ["е"]),
    ("ie", ["ие", "ье"]), ("yo", ["ё", "ьо"]), ("jo", ["ё"]), ("io", ["ио", "ё"]), ("iy", ["ий"]),
    ("ij", ["ий"]), ("ii", ["ий", "ии"]), ("ey", ["ей"]), ("ay", ["ай"]), ("oy", ["ой"]), ("uy", ["уй"]),
    ("x", ["кс"]), ("w", ["в"]), ("j", ["й", "ж"]), ("h", ["х"]), ("c", ["к", "ц"]), ("q", ["к"]),
    ("y", ["ы", "й", "ий", "и"]), ("i", ["и", "й"]), ("e", ["е", "э"]),
    ("a", ["а"]), ("b", ["б"]), ("v", ["в"]), ("g", ["г"]), ("d", ["д"]), ("z", ["з"]), ("k", ["к"]),
    ("l", ["л"]), ("m", ["м"]), ("n", ["н"]), ("o", ["о"]), ("p", ["п"]), ("r", ["р"]), ("s", ["с"]),
    ("t", ["т"]), ("u", ["у"]), ("f", ["ф"]),
]  # fmt: skip
_MAX_GUESSES = 96


@lru_cache(maxsize=16384)
def cyrillic_guesses(word: str) -> tuple[str, ...]:
    """Plausible Cyrillic spellings of a Latin word, most literal first, at most 96 of them.

    Used only to look the word up in the Russian dictionary (is "Ivanovna" a patronymic? is "Maria"
    a first name?), never as a canonical form.
    """
    base = "".join(ch for ch in _ascii(word) if ch.isalpha())
    guesses = [""]
    i = 0
    while i < len(base):
        for unit, options in _BACK_UNITS:
            if base.startswith(unit, i):
                guesses = [g + o for g in guesses for o in options][:_MAX_GUESSES]
                i += len(unit)
                break
        else:  # pragma: no cover - every a-z letter has a unit
            i += 1
    return tuple(g for g in guesses if g)
