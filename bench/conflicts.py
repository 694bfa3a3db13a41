"""The conflict check over a million names (DESIGN.md, "Budgets": no slower than the trgm floor, while
finding what a bare trigram query misses — transliteration, initials, inflection, word order).

A non-HTTP section of `make bench` (see bench.pages.Section): `section(ctx)` returns the printed lines.

1. The names. The bench data set has clients and matters but no parties: this module adds ten parties a
   matter (1,000,000 at full scale) — Russian people from Faker's ru_RU surname / first-name /
   patronymic lists in both genders, and companies from legal forms and name parts — with
   `search_key` computed by clients.matching.search_key in Python (in a process pool, in batches)
   and COPY'd in; their distinct keys fill clients_partykey (what the check searches, migration 0008).
   The clients' own keys are filled too. The indexes are dropped and built again after the load
   (faster than maintaining them row by row). Idempotent: the table
   `bench_conflicts` remembers what was generated; the same size and version is not generated again.
2. The probes: existing parties written differently — transliterated (Wikipedia's romanisation, not
   the passport one the index uses), in the genitive, as initials, in another word order, with a
   typo, and a company in another case and in Latin letters.
3. For each probe: one conflict check of that party (clients.services.conflicts.conflict_check_run,
   recorded and rolled back) timed `repeats` times, and the "trgm floor" — one bare pg_trgm
   similarity query over the same million names (`name % probe`, GIN on the names, ordered by
   similarity, 200 rows) — timed the same way; p50/p95 in ms, the ratio, and whether each found
   the party the probe was made from.

Standalone (the data set must exist: `python -m bench --generate-only` first):
    BENCH_DATABASE_URL=... python -m bench.conflicts [--scale 1] [--repeats 20] [--regenerate]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg

from .database import BenchError, connect, database_url
from .report import summarize

VERSION = 2
PARTIES_PER_MATTER = 10
BATCH = 20_000
SEED = 2026
REPEATS = 20
WARMUP = 3
FLOOR_INDEX = "bench_party_name_trgm"  # the "names" line's index on the raw names (bench database only)
# The floor's index on every party's key (bench database only: the portal searches the distinct keys).
FLOOR_KEY_INDEX = "bench_party_search_key_trgm"
PARTY_KEYS_INDEX = "partykey_search_key_trgm"  # clients/migrations/0008_party_keys.py
PARTY_KEY_BTREE = "party_search_key_idx"  # ditto: the parties of a key
MARKER_DDL = (
    "CREATE TABLE IF NOT EXISTS bench_conflicts (id int PRIMARY KEY, version int NOT NULL, parties bigint NOT NULL,"
    " matters bigint NOT NULL, seconds double precision NOT NULL, key_seconds double precision NOT NULL,"
    " generated_at timestamptz NOT NULL)"
)

ORG_FORMS = ["ООО", "АО", "ПАО", "ЗАО", "Общество с ограниченной ответственностью", "ИП"]
ORG_STEMS = [
    "Урал", "Сибирь", "Волга", "Север", "Исеть", "Тагил", "Кама", "Байкал", "Енисей", "Тура", "Алтай", "Амур",
    "Дон", "Нева", "Ока", "Печора", "Вятка", "Иртыш", "Обь", "Лена", "Самара", "Кубань", "Таймыр", "Ангара",
    "Вектор", "Альфа", "Омега", "Гранит", "Кристалл", "Меридиан", "Горизонт", "Прогресс", "Восток", "Запад",
    "Янтарь", "Малахит", "Самоцвет", "Берёза", "Кедр", "Сокол",
]  # fmt: skip
ORG_TRADES = [
    "строй", "металл", "лес", "транс", "агро", "хим", "инвест", "энерго", "торг", "пром", "снаб", "нефть",
    "газ", "маш", "тех", "сервис", "медиа", "фарм", "текстиль", "логистик", "софт", "авто", "флот", "кабель",
    "стекло", "пласт", "бетон", "молоко", "хлеб", "уголь",
]  # fmt: skip
ORG_TAILS = ["", "", "", "Групп", "Плюс", "Холдинг", "Трейд", "Регион", "Сервис", "Центр"]
# Names that are words of the language, so that they inflect: «Северная звезда» → «Северной звезды».
ORG_ADJECTIVES = [
    "Северная", "Южная", "Уральская", "Сибирская", "Новая", "Первая", "Золотая", "Красная", "Белая", "Зелёная",
    "Тихая", "Ясная", "Светлая", "Высокая", "Большая", "Малая", "Старая", "Верхняя", "Нижняя", "Дальняя",
]  # fmt: skip
ORG_NOUNS = [
    "звезда", "линия", "компания", "долина", "роща", "гавань", "палата", "мануфактура", "артель", "фабрика",
    "пристань", "слобода", "мельница", "верфь", "пекарня", "аптека", "ферма", "усадьба", "мастерская", "лавка",
]  # fmt: skip
ROLES = ["opponent"] * 6 + ["co_party", "third_party", "related", "related"]


# --- the names -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    surnames_m: list[str]
    surnames_f: list[str]
    given_m: list[str]
    given_f: list[str]
    patronymics_m: list[str]
    patronymics_f: list[str]

    @classmethod
    def load(cls) -> Vocabulary:
        from faker.providers.person.ru_RU import Provider

        return cls(
            surnames_m=list(Provider.last_names_male),
            surnames_f=list(Provider.last_names_female),
            given_m=list(Provider.first_names_male),
            given_f=list(Provider.first_names_female),
            patronymics_m=list(Provider.middle_names_male),
            patronymics_f=list(Provider.middle_names_female),
        )


def _inn(rnd: random.Random, length: int) -> str:
    return "".join(str(rnd.randrange(10)) for _ in range(length))


def generate_parties(count: int, matters: int, *, seed: int = SEED) -> Iterator[tuple]:
    """(matter_id, role, kind, name, inn, ogrn, note) rows, the same for the same arguments.

    Six in ten parties are people (one in three of them a woman), four in ten companies (and a few
    sole traders); three in ten have an INN.
    """
    vocab = Vocabulary.load()
    rnd = random.Random(seed)
    for i in range(count):
        matter_id = 1 + i % matters
        role = ROLES[rnd.randrange(len(ROLES))]
        if rnd.random() < 0.6:
            kind = "person"
            if rnd.random() < 1 / 3:
                parts = (rnd.choice(vocab.surnames_f), rnd.choice(vocab.given_f), rnd.choice(vocab.patronymics_f))
            else:
                parts = (rnd.choice(vocab.surnames_m), rnd.choice(vocab.given_m), rnd.choice(vocab.patronymics_m))
            name = " ".join(parts)
            inn = _inn(rnd, 12) if rnd.random() < 0.3 else ""
            ogrn = ""
            note = "директор" if role == "related" and rnd.random() < 0.5 else ""
        else:
            kind = "organisation"
            form = rnd.choice(ORG_FORMS)
            if form == "ИП":
                name = (
                    f"ИП {rnd.choice(vocab.surnames_m)} {rnd.choice(vocab.given_m)} {rnd.choice(vocab.patronymics_m)}"
                )
            elif rnd.random() < 0.2:
                city = rnd.choice(ORG_STEMS) if rnd.random() < 0.7 else ""
                words = f"{rnd.choice(ORG_ADJECTIVES)} {rnd.choice(ORG_NOUNS)}"
                name = f"{form} «{words}{' ' + city if city else ''}»"
            else:
                word = rnd.choice(ORG_STEMS) + rnd.choice(ORG_TRADES)
                tail = rnd.choice(ORG_TAILS)
                number = f"-{rnd.randrange(1, 100)}" if rnd.random() < 0.5 else ""
                name = f"{form} «{word}{' ' + tail if tail else ''}{number}»"
            inn = _inn(rnd, 10) if rnd.random() < 0.3 else ""
            ogrn = _inn(rnd, 13) if inn and rnd.random() < 0.5 else ""
            note = ""
        yield (matter_id, role, kind, name, inn, ogrn, note)


def _keys(names: list[str]) -> list[str]:
    """Worker: clients.matching.search_key of each name (the process keeps its word caches warm)."""
    from clients.matching import search_key

    return [search_key(n)[:500] for n in names]


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class Generated:
    parties: int
    seconds: float
    key_seconds: float  # time spent waiting for search keys (the pool computes them while COPY runs)
    generated: bool


def ensure_parties(url: str, *, regenerate: bool = False, out=print) -> Generated:
    """The parties at PARTIES_PER_MATTER a matter, generated unless the same set is there already."""
    with connect(url, autocommit=True) as conn:
        conn.execute(MARKER_DDL)
        matters = conn.execute("SELECT count(*) FROM matters_matter").fetchone()[0]
        if not matters:
            raise BenchError("the bench data set has no matters: run `python -m bench --generate-only` first")
        wanted = matters * PARTIES_PER_MATTER
        marker = conn.execute(
            "SELECT version, parties, matters, seconds, key_seconds FROM bench_conflicts WHERE id = 1"
        ).fetchone()
        present = conn.execute("SELECT count(*) FROM clients_party").fetchone()[0]
        if not regenerate and marker and marker[:3] == (VERSION, wanted, matters) and present == wanted:
            _ensure_search(conn, out)
            return Generated(present, marker[3], marker[4], generated=False)
        return _generate(conn, wanted, matters, out)


def _ensure_search(conn, out) -> None:
    """What the check and the floor search, on parties generated before it existed (same names: same seed)."""
    started = time.perf_counter()
    made = []
    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM clients_partykey)").fetchone()[0]:
        conn.execute(f"DROP INDEX IF EXISTS {PARTY_KEYS_INDEX}")
        _fill_keys(conn)
        made.append("distinct keys")
    for name, ddl in _indexes():
        if conn.execute("SELECT to_regclass(%s) IS NULL", [name]).fetchone()[0]:
            conn.execute("SET maintenance_work_mem = '512MB'")
            conn.execute(ddl)
            made.append(name)
    if made:
        conn.execute("VACUUM (ANALYZE) clients_party, clients_partykey")
        out(f"  added to the parties present: {', '.join(made)} ({time.perf_counter() - started:.1f} s)")


def _fill_keys(conn) -> None:
    conn.execute(
        "INSERT INTO clients_partykey (search_key) SELECT DISTINCT search_key FROM clients_party WHERE search_key <> ''"
    )


def _indexes() -> list[tuple[str, str]]:
    """The portal's (migration 0008) and the floors' (bench only) indexes, built after a load."""
    return [
        (PARTY_KEYS_INDEX, f"CREATE INDEX {PARTY_KEYS_INDEX} ON clients_partykey USING gin (search_key gin_trgm_ops)"),
        (PARTY_KEY_BTREE, f"CREATE INDEX {PARTY_KEY_BTREE} ON clients_party (search_key)"),
        (FLOOR_KEY_INDEX, f"CREATE INDEX {FLOOR_KEY_INDEX} ON clients_party USING gin (search_key gin_trgm_ops)"),
        (FLOOR_INDEX, f"CREATE INDEX {FLOOR_INDEX} ON clients_party USING gin (name gin_trgm_ops)"),
    ]


def _generate(conn, wanted: int, matters: int, out) -> Generated:
    out(f"generating {wanted:,} parties ({PARTIES_PER_MATTER} a matter) with their search keys ...")
    started = time.perf_counter()
    conn.execute("DELETE FROM bench_conflicts")
    conn.execute("TRUNCATE clients_party, clients_partykey RESTART IDENTITY CASCADE")
    for index in (FLOOR_KEY_INDEX, FLOOR_INDEX, PARTY_KEYS_INDEX, PARTY_KEY_BTREE, "party_search_key_trgm"):
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    conn.execute("SET synchronous_commit = off")
    try:
        conn.execute("SET session_replication_role = replica")  # consistent by construction: skip FK triggers
    except psycopg.errors.InsufficientPrivilege:
        out("  (not a superuser: foreign keys are checked row by row)")
    now = datetime.now(UTC)
    key_wait = 0.0
    written = 0
    workers = max(1, (os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool, conn.transaction():
        chunks = list(_chunks(generate_parties(wanted, matters), BATCH))
        futures = [pool.submit(_keys, [row[3] for row in chunk]) for chunk in chunks]
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY clients_party (matter_id, role, kind, name, inn, ogrn, note, search_key, created_at) FROM STDIN"
            ) as copy,
        ):
            for chunk, future in zip(chunks, futures, strict=True):
                waited = time.perf_counter()
                keys = future.result()
                key_wait += time.perf_counter() - waited
                for row, key in zip(chunk, keys, strict=True):
                    copy.write_row((*row, key, now))
                written += len(chunk)
                if written % 200_000 == 0:
                    out(f"  parties {written:,} / {wanted:,} ({time.perf_counter() - started:.0f} s)")
    loaded = time.perf_counter()
    out(
        f"  names, keys and COPY: {loaded - started:.1f} s"
        f" ({key_wait:.1f} s of it waiting for keys, {workers} processes)"
    )
    conn.execute("SET session_replication_role = DEFAULT")
    _index_clients(conn, out)
    conn.execute("SET maintenance_work_mem = '512MB'")
    indexing = time.perf_counter()
    _fill_keys(conn)
    for _name, ddl in _indexes():
        conn.execute(ddl)
    conn.execute("VACUUM (ANALYZE) clients_party, clients_partykey, clients_client")
    out(
        f"  distinct keys, indexes (the portal's; the floor's on every key and on the raw names), vacuum, analyze:"
        f" {time.perf_counter() - indexing:.1f} s"
    )
    seconds = time.perf_counter() - started
    conn.execute(
        "INSERT INTO bench_conflicts (id, version, parties, matters, seconds, key_seconds, generated_at)"
        " VALUES (1, %s, %s, %s, %s, %s, now())",
        [VERSION, written, matters, seconds, key_wait],
    )
    return Generated(written, seconds, key_wait, generated=True)


def _index_clients(conn, out) -> None:
    """The bench's clients were generated without search keys: compute them like index_client does."""
    from clients.matching import search_key

    rows = conn.execute("SELECT id, name FROM clients_client WHERE search_key = ''").fetchall()
    if not rows:
        return
    started = time.perf_counter()
    with conn.transaction():
        conn.execute("CREATE TEMP TABLE bench_client_keys (id bigint PRIMARY KEY, key text) ON COMMIT DROP")
        with conn.cursor() as cur, cur.copy("COPY bench_client_keys (id, key) FROM STDIN") as copy:
            for pk, name in rows:
                copy.write_row((pk, search_key(name)[:500]))
        conn.execute("UPDATE clients_client c SET search_key = k.key FROM bench_client_keys k WHERE k.id = c.id")
    out(f"  search keys of {len(rows):,} clients: {time.perf_counter() - started:.1f} s")


# --- the probes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    label: str
    query: str
    target_id: int
    target_name: str


def _inflect_person(name: str, case: str = "gent") -> str:
    """ "Соколова Наталья Викторовна" → "Соколовой Натальи Викторовны" (pymorphy3, the name's gender)."""
    from clients.matching.normalise import morph

    words = name.split()
    feminine = words[-1].endswith(("на", "вна"))
    gender = "femn" if feminine else "masc"
    out = []
    for word, grammeme in zip(words, ("Surn", "Name", "Patr"), strict=False):
        parses = [p for p in morph().parse(word) if grammeme in p.tag and gender in p.tag and "nomn" in p.tag]
        inflected = parses[0].inflect({case, "sing"}) if parses else None
        form = inflected.word if inflected else word.lower()
        out.append(form[:1].upper() + form[1:])
    return " ".join(out)


def _typo(word: str) -> str:
    """Two neighbouring letters swapped inside the word (Смирнов → Смринов)."""
    i = max(1, len(word) // 2 - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def probes(conn) -> list[Probe]:
    """Existing parties written as a careful lawyer would still recognise them, one of each kind."""
    import iuliia

    total = conn.execute("SELECT count(*) FROM clients_party").fetchone()[0]

    def party(where: str, spread: int) -> tuple[int, str]:
        """A party matching `where`, picked some way into the table (the same one every run)."""
        row = conn.execute(
            f"SELECT id, name FROM clients_party WHERE {where} ORDER BY id LIMIT 1 OFFSET %s", [total // spread]
        ).fetchone()
        if row is None:
            raise BenchError(f"no party for a probe: {where}")
        return row

    man = party("kind = 'person' AND name ~ '^\\S+ \\S+ \\S+ич$'", 231)
    woman = party("kind = 'person' AND name ~ '^\\S+ \\S+ \\S+на$'", 185)
    company = party("name ~ '^ООО «[^ »-]+»$'", 1300)
    two_words = party("name ~ '^АО «\\S+ \\S+ \\S+»$'", 10_000)
    surname, given, patronymic = man[1].split()
    w_surname, w_given, w_patronymic = woman[1].split()
    word = company[1].split("«")[1].rstrip("»")
    adjective, noun, city = two_words[1].split("«")[1].rstrip("»").split()
    return [
        Probe("transliterated", iuliia.WIKIPEDIA.translate(woman[1]), *woman),
        Probe("initials", f"{surname} {given[0]}. {patronymic[0]}.", *man),
        Probe("genitive", _inflect_person(man[1]), *man),
        Probe("word order", f"{w_given} {w_patronymic} {w_surname}", *woman),
        Probe("typo", f"{_typo(surname)} {given} {patronymic}", *man),
        Probe("company, genitive", f"акционерного общества «{_inflect_phrase(adjective, noun)} {city}»", *two_words),
        Probe("company, Latin", f"{iuliia.WIKIPEDIA.translate(word)} LLC", *company),
    ]


def _inflect_phrase(adjective: str, noun: str, case: str = "gent") -> str:
    """«Северная звезда» → «Северной звезды»: an adjective and its feminine noun, in the case."""
    from clients.matching.normalise import morph

    out = []
    for word, pos in ((adjective, "ADJF"), (noun, "NOUN")):
        parses = [p for p in morph().parse(word.lower()) if pos in p.tag and "nomn" in p.tag]
        inflected = parses[0].inflect({case, "sing"}) if parses else None
        out.append(inflected.word if inflected else word.lower())
    return out[0][:1].upper() + out[0][1:] + " " + out[1]


# --- timing -------------------------------------------------------------------------------------------


def _time_interleaved(fns, repeats: int) -> list[tuple[list[float], object]]:
    """Each of `fns` timed `repeats` times, taking turns (check, floor, names, check, …), so that a change in
    the machine's load falls on all of them alike."""
    results: list = [None] * len(fns)
    for fn in fns:
        for _ in range(WARMUP):
            fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for k, fn in enumerate(fns):
            started = time.perf_counter()
            results[k] = fn()
            samples[k].append(time.perf_counter() - started)
    return list(zip(samples, results, strict=True))


def _check_once(user, query: str) -> list[tuple[int | None, float, str]]:
    """One recorded conflict check of `query`, rolled back: (party id, score, reason) of each hit."""
    from django.db import transaction

    from clients.models import ConflictHit
    from clients.services.conflicts import conflict_check_run

    with transaction.atomic():
        check = conflict_check_run(by=user, parties=[{"name": query}])
        hits = list(ConflictHit.objects.filter(conflict_check=check).values_list("party_id", "score", "reason"))
        transaction.set_rollback(True)
    return hits


def _floor_once(probe_key: str) -> list[int]:
    """The trgm floor (DESIGN.md): one bare similarity query over the same million search keys —
    `%` at pg_trgm's default threshold on the GIN index, the 200 most similar."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT id FROM clients_party WHERE search_key %% %s ORDER BY similarity(search_key, %s) DESC LIMIT 200",
            [probe_key, probe_key],
        )
        return [row[0] for row in cur.fetchall()]


def _names_once(query: str) -> list[int]:
    """What a portal without the matcher would do: the same bare query over the names as written."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT id FROM clients_party WHERE name %% %s ORDER BY similarity(name, %s) DESC LIMIT 200",
            [query, query],
        )
        return [row[0] for row in cur.fetchall()]


def _plan(query: str) -> str:
    """The candidate query's plan: which index it uses."""
    from django.db import connection, transaction

    from clients.matching import normalise_name
    from clients.models import PartyKey
    from clients.services import candidates

    with transaction.atomic(), connection.cursor() as cur:
        candidates.set_thresholds(cur)
        sql, params = candidates.near(
            PartyKey.objects.all(), candidates.probe(normalise_name(query))
        ).query.sql_with_params()
        cur.execute("EXPLAIN " + sql, params)
        lines = [row[0] for row in cur.fetchall()]
    return next((line.strip() for line in lines if "Index Scan" in line), lines[0].strip())


def section(ctx=None, *, repeats: int = REPEATS, regenerate: bool = False) -> list[str]:
    """The lines `make bench` prints under "Conflict check over a million names"."""
    from django.contrib.auth import get_user_model

    lines: list[str] = []
    url = database_url()
    data = ensure_parties(url, regenerate=regenerate, out=lambda s: print(f"  {s}", flush=True))
    lines.append(
        f"{data.parties:,} parties {'generated now' if data.generated else 'present, generated earlier'}"
        f" in {data.seconds:.0f} s ({data.key_seconds:.0f} s of it waiting for search_key in Python)"
    )
    partner = get_user_model().objects.filter(role="partner", is_active=True).order_by("pk").first()
    if partner is None:
        raise BenchError("the bench data set has no partner to run the checks")
    with connect(url) as conn:
        chosen = probes(conn)
        distinct = conn.execute("SELECT count(*) FROM clients_partykey").fetchone()[0]
    from clients.matching import search_key

    lines.append(
        f"the check searches the parties' {distinct:,} distinct keys (clients_partykey), then reads every party"
        " of the nearest 200 by key"
    )

    lines.append(f"candidate query, a name: {_plan(chosen[0].query)}")
    lines.append(f"candidate query, a surname with initials: {_plan(chosen[1].query)}")
    lines.append(
        "p50/p95 in ms. check: one conflict check of the probe (clients.services.conflicts, recorded, rolled back);"
    )
    lines.append(
        f"floor: one bare pg_trgm `%` query over the same {data.parties:,} search keys (the probe's key);"
        " names: the same over"
    )
    lines.append("the names as written (the probe as typed). found: the party the probe was made from, among the rows.")
    lines.append(
        f"{'probe':<18} {'query':<36} {'check':>13} {'floor':>13} {'×floor':>6} {'names':>13}"
        "  found by check / floor / names"
    )
    ratios = []
    pooled_check: list[float] = []
    pooled_floor: list[float] = []
    for probe in chosen:
        key = search_key(probe.query)
        (check_samples, hits), (floor_samples, floor_rows), (names_samples, name_rows) = _time_interleaved(
            [
                lambda probe=probe: _check_once(partner, probe.query),
                lambda key=key: _floor_once(key),
                lambda probe=probe: _names_once(probe.query),
            ],
            repeats,
        )
        check, floor, names = summarize(check_samples), summarize(floor_samples), summarize(names_samples)
        ratios.append(check.p50 / floor.p50)
        pooled_check += check_samples
        pooled_floor += floor_samples
        found = next((h for h in hits if h[0] == probe.target_id), None)
        verdict = " / ".join(
            [
                f"yes ({found[1]:.2f}: {found[2]})" if found else "MISSED",
                "yes" if probe.target_id in floor_rows else "missed",
                "yes" if probe.target_id in name_rows else "missed",
            ]
        )
        lines.append(
            f"{probe.label:<18} {_cut(probe.query, 36):<36} {check.p50:6.0f}/{check.p95:<6.0f}"
            f" {floor.p50:6.0f}/{floor.p95:<6.0f} {check.p50 / floor.p50:6.2f} {names.p50:6.0f}/{names.p95:<6.0f}"
            f"  {verdict}"
        )
        lines.append(f"{'':<18} ← {probe.target_name} (party #{probe.target_id}; the check: {len(hits)} hits)")
    lines.append(
        f"median check / floor: {statistics.median(ratios):.2f} (budget ≤ 1.0); "
        f"{repeats} timed runs of each after {WARMUP} warm-up runs"
    )
    check_all, floor_all = summarize(pooled_check), summarize(pooled_floor)
    lines.append(
        f"across the probes (every run pooled): check p50 {check_all.p50:.0f} ms / floor {floor_all.p50:.0f} ms"
        f" = {check_all.p50 / floor_all.p50:.2f}; p95 {check_all.p95:.0f} / {floor_all.p95:.0f}"
        f" = {check_all.p95 / floor_all.p95:.2f} (budget ≤ 1.0 each)"
    )
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.conflicts", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=REPEATS, help="timed runs of each probe")
    parser.add_argument("--regenerate", action="store_true", help="generate the parties even if present")
    args = parser.parse_args(argv)
    from . import portal
    from .__main__ import BENCH_ENV

    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = database_url()
    portal.setup()
    try:
        print("Conflict check over a million names")
        for line in section(repeats=args.repeats, regenerate=args.regenerate):
            print(f"  {line}")
    except BenchError as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
