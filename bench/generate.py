"""The bench data set, generated inside PostgreSQL: INSERT ... SELECT over generate_series, no ORM rows.

Full size (scale 1.0): 10,000 clients (each with one client user), 100,000 matters (10 a client, each
with one lead and one or two specialists), 1,000,000 tasks (a Poisson-like ~100 a client), plus the firm:
2 partners, 40 leads, 80 specialists, 5 secretaries. Every row satisfies the models' CHECK constraints.

Ids are explicit and the firm's people are fixed, so a matter's lead and specialists are arithmetic on
its id (no joins while inserting a million tasks):

    firm users      1 .. 127          partners, then leads, specialists, secretaries
    client users    CLIENT_USER_OFFSET + client id
    matter m        belongs to client 1 + (m - 1) * clients / matters

The run is idempotent: the table `bench_dataset` (the bench's own, outside Django's models) remembers
what was generated; the same size and GENERATOR_VERSION is not generated again. A later issue that adds
rows either adds a step to STEPS and bumps the version (everything is generated again), or, to spare a
large existing data set, adds a part with a marker of its own: `ensure_timeline` (1,000,000 timeline
lines and the dashboards' rows, table `bench_timeline`, TIMELINE_VERSION; see "the matter timeline"
below) and bench.conflicts (the parties, `bench_conflicts`).
"""

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from .database import BenchError, connect

GENERATOR_VERSION = 4  # 4: hearings and deadlines (bench/calendar_data.py)
CLIENT_USER_OFFSET = 100_000
TASK_CHUNK = 100_000
# Every bench user's password (only in the bench database), for a look at the data in a browser.
PASSWORD = "bench-password-2026"  # noqa: S105
SEED = 0.2026

SUBJECTS = [
    "Проверить проект договора поставки",
    "Подготовить претензию контрагенту",
    "Согласовать условия договора аренды",
    "Оценить риски по сделке",
    "Подготовить отзыв на исковое заявление",
    "Разъяснить порядок уплаты НДС по экспорту",
    "Проверить контрагента перед сделкой",
    "Составить доверенность на представителя",
    "Подготовить ответ на требование налогового органа",
    "Проанализировать судебную практику по спору",
    "Подготовить исковое заявление о взыскании долга",
    "Согласовать протокол разногласий",
    "Подготовить документы для регистрации изменений в ЕГРЮЛ",
    "Оценить перспективы апелляционной жалобы",
    "Подготовить трудовой договор с директором",
    "Проверить устав на соответствие закону",
    "Подготовить заключение о необходимости лицензии",
    "Сопроводить выездную проверку",
    "Подготовить проект мирового соглашения",
    "Рассчитать неустойку по договору подряда",
]
TEXTS = [
    "Прошу рассмотреть документы во вложении и дать письменное заключение до конца недели.",
    "Контрагент настаивает на своей редакции. Прошу оценить риски и предложить формулировки.",
    "Срок ответа — пять рабочих дней. Оригиналы документов передадим курьером.",
    "Просим учесть переписку с контрагентом за прошлый месяц, она во вложении.",
    "Нужна позиция фирмы к совещанию в понедельник; достаточно краткой справки.",
]
ANSWERS = [
    "Заключение во вложении. Риски умеренные, рекомендуем подписать с правками из заключения.",
    "Подготовили документ, направляем проект. Просим согласовать до пятницы.",
    "Позиция изложена в справке. Готовы обсудить на встрече.",
]
DECLINE_REASONS = [
    "Вопрос выходит за предмет договора об оказании юридических услуг.",
    "Поручение дублирует ранее принятое; ответ будет дан по нему.",
    "Нужны документы, без которых поручение исполнить нельзя; пришлите их новым поручением.",
]
MATTER_KINDS = [
    "Взыскание задолженности",
    "Сопровождение сделки",
    "Налоговая проверка",
    "Корпоративное обслуживание",
    "Трудовой спор",
    "Банкротство контрагента",
    "Арбитражный спор",
    "Защита товарного знака",
    "Проверка контрагента",
    "Договорная работа",
]
SURNAMES = [
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
    "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
]  # fmt: skip
MALE_NAMES = [
    "Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил",
    "Никита", "Матвей", "Роман", "Егор", "Иван", "Денис", "Евгений", "Владимир",
]  # fmt: skip
FEMALE_NAMES = [
    "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина", "Светлана", "Юлия",
    "Анастасия", "Дарья", "Полина", "Ксения",
]  # fmt: skip
# A patronymic is the father's name + "ич" / "на": Александрович, Александровна.
PATRONYMIC_STEMS = [
    "Александров", "Дмитриев", "Сергеев", "Андреев", "Алексеев", "Михайлов", "Иванов", "Владимиров",
    "Николаев", "Петров", "Викторов", "Юрьев", "Олегов", "Павлов", "Евгеньев",
]  # fmt: skip
ORG_STEMS = ["Урал", "Сиб", "Волга", "Север", "Исеть", "Тагил", "Кама", "Байкал", "Енисей", "Тура"]
ORG_TRADES = ["строй", "металл", "лес", "транс", "агро", "хим", "инвест", "энерго", "торг", "пром"]
STREETS = ["Ленина", "Малышева", "Мира", "Челюскинцев", "Карла Либкнехта", "Вайнера", "Белинского"]


@dataclass(frozen=True)
class Sizes:
    clients: int
    matters: int
    tasks: int
    events: int = 0  # timeline lines (ensure_timeline)
    partners: int = 2
    leads: int = 40
    specialists: int = 80
    secretaries: int = 5

    @classmethod
    def for_scale(cls, scale: float) -> "Sizes":
        if scale <= 0:
            raise BenchError("--scale must be positive")
        clients = max(1, round(10_000 * scale))
        matters = max(clients, round(100_000 * scale))
        lines = max(1, round(1_000_000 * scale))
        return cls(clients=clients, matters=matters, tasks=lines, events=lines)

    # The firm's people, by id range.
    @property
    def first_lead(self) -> int:
        return self.partners + 1

    @property
    def first_specialist(self) -> int:
        return self.first_lead + self.leads

    @property
    def first_secretary(self) -> int:
        return self.first_specialist + self.specialists

    @property
    def firm_users(self) -> int:
        return self.first_secretary + self.secretaries - 1


def _stride(n: int, preferred: int) -> int:
    """A multiplier coprime with n, so that `mod(m * stride, n)` hands out 0..n-1 evenly."""
    stride = preferred
    while math.gcd(stride, n) != 1:
        stride += 1
    return stride


@dataclass(frozen=True)
class Plan:
    sizes: Sizes
    password_hash: str  # one hash of PASSWORD, computed once by Django, for every user


@dataclass(frozen=True)
class Step:
    """One part of the data set; it runs in its own transaction(s) and returns the rows it inserted."""

    name: str
    run: Callable[[psycopg.Connection, Plan], int]


# --- helpers inside PostgreSQL -----------------------------------------------------------------


def _create_helpers(conn: psycopg.Connection) -> None:
    """Session-local SQL functions (pg_temp): pick from a list, make a Russian name, an organisation."""

    def arr(values: list[str]) -> sql.Composable:
        return sql.SQL("{}::text[]").format(sql.Literal(values))

    statements = [
        sql.SQL(
            "CREATE FUNCTION pg_temp.pick(items text[], n bigint) RETURNS text LANGUAGE sql IMMUTABLE "
            "AS 'SELECT items[1 + mod(abs(n), cardinality(items))]'"
        ),
        # Every third person is a woman: surname + "а", a female name, patronymic + "на".
        sql.SQL(
            "CREATE FUNCTION pg_temp.person(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
            " SELECT CASE WHEN mod(n, 3) = 0"
            " THEN pg_temp.pick({s}, n) || 'а ' || pg_temp.pick({f}, n * 7 + n / 25) || ' '"
            "   || pg_temp.pick({p}, n * 11 + n / 450) || 'на'"
            " ELSE pg_temp.pick({s}, n) || ' ' || pg_temp.pick({m}, n * 7 + n / 25) || ' '"
            "   || pg_temp.pick({p}, n * 11 + n / 450) || 'ич'"
            " END $$"
        ).format(s=arr(SURNAMES), f=arr(FEMALE_NAMES), m=arr(MALE_NAMES), p=arr(PATRONYMIC_STEMS)),
        sql.SQL(
            "CREATE FUNCTION pg_temp.org(n bigint, full_form boolean) RETURNS text LANGUAGE sql IMMUTABLE"
            " AS $$"
            " SELECT CASE WHEN full_form THEN"
            "   (ARRAY['Общество с ограниченной ответственностью', 'Акционерное общество',"
            "          'Общество с ограниченной ответственностью'])[1 + mod(n, 3)]"
            " ELSE (ARRAY['ООО', 'АО', 'ООО'])[1 + mod(n, 3)] END"
            " || ' «' || pg_temp.pick({stems}, n * 7 + n / 3)"
            " || pg_temp.pick({trades}, n * 3 + n / 100) || '»' $$"
        ).format(stems=arr(ORG_STEMS), trades=arr(ORG_TRADES)),
    ]
    for statement in statements:
        conn.execute(statement)


def _lists() -> dict:
    return {
        "subjects": SUBJECTS,
        "texts": TEXTS,
        "answers": ANSWERS,
        "reasons": DECLINE_REASONS,
        "kinds": MATTER_KINDS,
        "streets": STREETS,
    }


def _columns(conn: psycopg.Connection, table: str) -> dict[str, bool]:
    """The table's columns, each with whether an INSERT must give it (NOT NULL, no default)."""
    rows = conn.execute(
        "SELECT column_name, is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'"
        " AND is_generated = 'NEVER'"
        " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = %s",
        [table],
    ).fetchall()
    return dict(rows)


def _insert(conn: psycopg.Connection, table: str, values: dict[str, str], source: str, params: dict) -> int:
    """INSERT INTO table (the columns of `values` it has) SELECT their expressions `source`.

    The models grow while the bench stays: a column the table does not have (yet) is left out, and a
    required column the bench does not know stops the run with a message that says where to add it.
    """
    present = _columns(conn, table)
    if not present:
        raise BenchError(f"there is no table {table}: is the database migrated?")
    unknown = sorted(name for name, required in present.items() if required and name not in values)
    if unknown:
        raise BenchError(
            f"{table} has required columns the bench does not fill: {', '.join(unknown)}. "
            "Give them a value in bench/generate.py (and bump GENERATOR_VERSION)."
        )
    used = {name: expr for name, expr in values.items() if name in present}
    names = ", ".join(f'"{name}"' for name in used)
    statement = f"INSERT INTO {table} ({names}) SELECT {', '.join(used.values())} {source}"
    return conn.execute(statement, params).rowcount


def _has_table(conn: psycopg.Connection, table: str) -> bool:
    return bool(_columns(conn, table))


# --- the steps ---------------------------------------------------------------------------------


def _clients_and_users(conn: psycopg.Connection, plan: Plan) -> int:
    with conn.transaction():
        return _clients(conn, plan.sizes) + _users(conn, plan.sizes, plan.password_hash)


PERSON = "mod(c, 5) < 3"  # three clients in five are people, the rest organisations


def _clients(conn: psycopg.Connection, sizes: Sizes) -> int:
    org = f"NOT ({PERSON})"
    return _insert(
        conn,
        "clients_client",
        {
            "id": "c",
            "kind": f"CASE WHEN {PERSON} THEN 'person' ELSE 'organisation' END",
            "status": "'active'",
            "name": f"CASE WHEN {PERSON} THEN pg_temp.person(c) ELSE pg_temp.org(c, true) END",
            "short_name": f"CASE WHEN {PERSON} THEN '' ELSE pg_temp.org(c, false) END",
            "birth_date": f"CASE WHEN {PERSON} THEN date '1960-01-01' + mod(c * 37, 14000)::int END",
            "passport": f"CASE WHEN {PERSON} THEN '65 ' || lpad(mod(c, 100)::text, 2, '0') || ' '"
            " || lpad(mod(c * 7919, 1000000)::text, 6, '0') || ', ГУ МВД России по Свердловской области'"
            " ELSE '' END",
            "legal_form": f"CASE WHEN {PERSON} THEN '' ELSE (ARRAY['ООО', 'АО', 'ООО'])[1 + mod(c, 3)] END",
            "inn": f"'66' || CASE WHEN {PERSON} THEN lpad(c::text, 10, '0') ELSE lpad(c::text, 8, '0') END",
            "kpp": f"CASE WHEN {org} THEN '667101001' ELSE '' END",
            "ogrn": f"CASE WHEN {PERSON} THEN '3' || lpad(c::text, 14, '0') ELSE '1' || lpad(c::text, 12, '0') END",
            "signatory": f"CASE WHEN {org} THEN 'Генеральный директор '"
            " || pg_temp.person(c * 7 + 3) || ', на основании Устава' ELSE '' END",
            "address": "'620' || lpad(mod(c, 1000)::text, 3, '0') || ', г. Екатеринбург, ул. '"
            " || pg_temp.pick(%(streets)s, c) || ', д. ' || (1 + mod(c, 120))",
            "postal_address": "''",
            "bank_name": "'ПАО Сбербанк'",
            "bik": "'046577674'",
            "account": "'40702810' || lpad(c::text, 12, '0')",
            "corr_account": "'30101810500000000674'",
            "email": "'client' || c || '@bench.test'",
            "phone": "'+7 343 ' || lpad(mod(c * 7919, 10000000)::text, 7, '0')",
            "language": "'ru'",
            "upload_quota_bytes": "2147483648",
            # The conflict check's normalised name; its own generator (a later issue) may fill it.
            "search_key": "''",
            "created_at": "now() - random() * interval '6 years'",
        },
        "FROM generate_series(1, %(clients)s::bigint) AS c",
        {"clients": sizes.clients, **_lists()},
    )


USER_COLUMNS = {
    "password": "%(password)s",
    "last_login": "NULL",
    "is_superuser": "false",
    "language": "'ru'",
    "gender": "''",
    "is_active": "true",
}


def _users(conn: psycopg.Connection, sizes: Sizes, password_hash: str) -> int:
    firm = _insert(
        conn,
        "users_user",
        {
            **USER_COLUMNS,
            "id": "u.id",
            "email": "u.role || '-' || u.id || '@firm.bench.test'",
            "full_name": "pg_temp.person(u.id * 13 + 5)",
            "role": "u.role",
            "phone": "''",
            "is_staff": "u.role = 'partner'",
            "date_joined": "now() - interval '8 years'",
            "client_id": "NULL",
        },
        """FROM (
            SELECT n AS id,
                   CASE WHEN n < %(first_lead)s THEN 'partner'
                        WHEN n < %(first_specialist)s THEN 'lead'
                        WHEN n < %(first_secretary)s THEN 'specialist'
                        ELSE 'secretary' END AS role
            FROM generate_series(1, %(firm_users)s::bigint) AS n
        ) AS u""",
        {
            "password": password_hash,
            "first_lead": sizes.first_lead,
            "first_specialist": sizes.first_specialist,
            "first_secretary": sizes.first_secretary,
            "firm_users": sizes.firm_users,
        },
    )
    # One client user a client: the person themself, or an organisation's contact.
    clients = _insert(
        conn,
        "users_user",
        {
            **USER_COLUMNS,
            "id": "%(offset)s + c.id",
            "email": "c.email",
            "full_name": "CASE WHEN c.kind = 'person' THEN c.name ELSE pg_temp.person(c.id * 7 + 3) END",
            "role": "'client'",
            "phone": "c.phone",
            "is_staff": "false",
            "date_joined": "c.created_at",
            "client_id": "c.id",
        },
        "FROM clients_client AS c",
        {"offset": CLIENT_USER_OFFSET, "password": password_hash},
    )
    # allauth signs in only with a verified address: one for everybody, so the data can be browsed.
    _insert(
        conn,
        "account_emailaddress",
        {"email": "email", "verified": "true", "primary": "true", "user_id": "id"},
        "FROM users_user",
        {},
    )
    return firm + clients


def _matters(conn: psycopg.Connection, plan: Plan) -> int:
    sizes = plan.sizes
    with conn.transaction():
        return _matter_rows(conn, sizes) + _assignment_rows(conn, sizes)


def _matter_rows(conn: psycopg.Connection, sizes: Sizes) -> int:
    return _insert(
        conn,
        "matters_matter",
        {
            "id": "m",
            "number": "'B/' || lpad(m::text, 6, '0')",
            "title": "pg_temp.pick(%(kinds)s, m * 7) || ' — ' || pg_temp.org(m * 17, false)",
            "description": "''",
            "status": "CASE WHEN r < 0.1 THEN 'closed' WHEN r < 0.15 THEN 'suspended' ELSE 'open' END",
            "opened_at": "opened",
            "closed_at": "CASE WHEN r < 0.1 THEN least(now(), opened + r2 * interval '2 years') END",
            "client_id": "1 + ((m - 1) * %(clients)s) / %(matters)s",
        },
        """FROM (
            SELECT m, random() AS r, random() AS r2, now() - random() * interval '4 years' AS opened
            FROM generate_series(1, %(matters)s::bigint) AS m
        ) AS s""",
        {"clients": sizes.clients, "matters": sizes.matters, **_lists()},
    )


def _assignment_rows(conn: psycopg.Connection, sizes: Sizes) -> int:
    """One lead a matter; one specialist, and a second one on every other matter."""
    return _insert(
        conn,
        "matters_assignment",
        {
            "is_lead": "a.is_lead",
            "assigned_at": "a.assigned_at",
            "user_id": "a.user_id",
            "matter_id": "a.matter_id",
        },
        """FROM (
            SELECT true AS is_lead, m.opened_at AS assigned_at,
                   %(first_lead)s + mod(m.id * %(lead_stride)s, %(leads)s) AS user_id, m.id AS matter_id
            FROM matters_matter AS m
            UNION ALL
            SELECT false, m.opened_at, %(first_spec)s + mod(m.id * %(spec_stride)s, %(specs)s), m.id
            FROM matters_matter AS m
            UNION ALL
            SELECT false, m.opened_at + interval '3 days',
                   %(first_spec)s + mod(m.id * %(spec_stride)s + %(specs)s / 2, %(specs)s), m.id
            FROM matters_matter AS m
            WHERE mod(m.id, 2) = 0 AND %(specs)s > 1
        ) AS a""",
        _firm_params(sizes),
    )


def _firm_params(sizes: Sizes) -> dict:
    return {
        "first_lead": sizes.first_lead,
        "leads": sizes.leads,
        "lead_stride": _stride(sizes.leads, 37),
        "first_spec": sizes.first_specialist,
        "specs": sizes.specialists,
        "spec_stride": _stride(sizes.specialists, 13),
        "first_secretary": sizes.first_secretary,
        "secretaries": sizes.secretaries,
    }


ACCEPTED = "t.status IN ('accepted', 'answered')"
TASK_COLUMNS = {
    "id": "t.i",
    "number": "'B-' || lpad(t.i::text, 7, '0')",
    "subject": "pg_temp.pick(%(subjects)s, t.i * 3)",
    "text": "pg_temp.pick(%(subjects)s, t.i * 3) || '. ' || pg_temp.pick(%(texts)s, t.i)",
    "channel": "t.channel",
    "status": "t.status",
    "requested_by_name": "CASE WHEN t.channel = 'portal' THEN '' ELSE pg_temp.person(t.client_id * 7 + 3) END",
    "created_at": "t.created_at",
    "accepted_at": f"CASE WHEN {ACCEPTED} THEN t.accepted_at END",
    "accepted_by_id": f"CASE WHEN {ACCEPTED} THEN t.acceptor END",
    "declined_at": "CASE WHEN t.status = 'declined' THEN t.accepted_at END",
    "declined_by_id": "CASE WHEN t.status = 'declined' THEN t.lead_id END",
    "decline_reason": "CASE WHEN t.status = 'declined' THEN pg_temp.pick(%(reasons)s, t.i) ELSE '' END",
    "answer": "CASE WHEN t.status = 'answered' THEN pg_temp.pick(%(answers)s, t.i) ELSE '' END",
    "answered_at": "CASE WHEN t.status = 'answered' THEN least(now(), t.accepted_at + t.r2 * interval '10 days') END",
    "answered_by_id": "CASE WHEN t.status = 'answered' THEN t.acceptor END",
    "client_id": "t.client_id",
    "matter_id": "t.matter_id",
    "registered_by_id": "CASE WHEN t.channel = 'portal' THEN %(client_user_offset)s + t.client_id"
    " ELSE %(first_secretary)s + mod(t.i, %(secretaries)s) END",
}
TASK_SOURCE = """
FROM (
    SELECT s.*,
           1 + ((s.matter_id - 1) * %(clients)s) / %(matters)s AS client_id,
           %(first_lead)s + mod(s.matter_id * %(lead_stride)s, %(leads)s) AS lead_id,
           -- A task that came by phone is accepted by the matter's lead (rule 2); others by the lead
           -- or the matter's first specialist.
           CASE WHEN s.channel = 'phone' OR s.r3 < 0.4
                THEN %(first_lead)s + mod(s.matter_id * %(lead_stride)s, %(leads)s)
                ELSE %(first_spec)s + mod(s.matter_id * %(spec_stride)s, %(specs)s) END AS acceptor,
           least(now(), s.created_at + s.r1 * interval '48 hours') AS accepted_at
    FROM (
        SELECT g.i,
               1 + floor(g.r_matter * %(matters)s)::bigint AS matter_id,
               CASE WHEN g.r_status < 0.05 THEN 'submitted' WHEN g.r_status < 0.65 THEN 'answered'
                    WHEN g.r_status < 0.95 THEN 'accepted' ELSE 'declined' END AS status,
               CASE WHEN g.r_channel < 0.90 THEN 'portal' WHEN g.r_channel < 0.94 THEN 'email'
                    WHEN g.r_channel < 0.97 THEN 'phone' ELSE 'letter' END AS channel,
               g.created_at, g.r1, g.r2, g.r3
        FROM (
            -- Tasks arrive over three years in id order (as they would), a random matter each.
            SELECT i, random() AS r_matter, random() AS r_status, random() AS r_channel,
                   random() AS r1, random() AS r2, random() AS r3,
                   %(start)s::timestamptz + (i - 1) * %(step)s::interval + random() * %(step)s::interval
                       AS created_at
            FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS i
        ) AS g
    ) AS s
) AS t
"""


def _tasks(conn: psycopg.Connection, plan: Plan) -> int:
    """In chunks, a transaction each: progress to print, and no million-row transaction."""
    sizes = plan.sizes
    now = conn.execute("SELECT now()").fetchone()[0]
    span = timedelta(days=3 * 365)
    params = {
        "clients": sizes.clients,
        "matters": sizes.matters,
        "client_user_offset": CLIENT_USER_OFFSET,
        "start": now - span,
        "step": span / sizes.tasks,
        **_firm_params(sizes),
        **_lists(),
    }
    done = 0
    for lo in range(1, sizes.tasks + 1, TASK_CHUNK):
        hi = min(sizes.tasks, lo + TASK_CHUNK - 1)
        with conn.transaction():
            done += _insert(conn, "matters_task", TASK_COLUMNS, TASK_SOURCE, {**params, "lo": lo, "hi": hi})
        if sizes.tasks > TASK_CHUNK:
            print(f"    tasks {done:>9,} / {sizes.tasks:,}", flush=True)
    return done


def _terms_accepted(conn: psycopg.Connection, plan: Plan) -> int:
    """Every client user has accepted the current engagement terms (else every page asks for them)."""
    if not _has_table(conn, "clients_termsacceptance"):
        return 0
    with conn.transaction():
        return _insert(
            conn,
            "clients_termsacceptance",
            {
                "user_id": "u.id",
                "version_id": "v.id",
                "language": "'ru'",
                "accepted_at": "greatest(u.date_joined, v.published_at)",
                "ip_address": "NULL",
                "user_agent": "''",
            },
            """FROM users_user AS u
               CROSS JOIN (
                   SELECT id, published_at FROM clients_termsversion ORDER BY number DESC LIMIT 1
               ) AS v
               WHERE u.role = 'client'""",
            {},
        )


def _calendar(conn: psycopg.Connection, plan: Plan) -> int:
    from . import calendar_data

    return calendar_data.rows(conn, plan)


STEPS: list[Step] = [
    Step("clients and their users", _clients_and_users),
    Step("matters and assignments", _matters),
    Step("tasks", _tasks),
    Step("terms accepted", _terms_accepted),
    Step("hearings and deadlines", _calendar),
]

# The tables generated here, and those that point at them (CASCADE empties those too).
TRUNCATE = [
    "hearings_hearing",
    "hearings_deadline",
    "matters_task",
    "matters_assignment",
    "matters_matter",
    "account_emailaddress",
    "users_apitoken",
    "django_session",
    "users_user",
    "clients_client",
]
IDENTITY_TABLES = ["clients_client", "users_user", "matters_matter", "matters_task"]
CALENDAR_TABLES = ["hearings_hearing", "hearings_deadline"]
VACUUM_TABLES = [*IDENTITY_TABLES, "matters_assignment", "account_emailaddress", *CALENDAR_TABLES]  # big and joined

MARKER_DDL = """
CREATE TABLE IF NOT EXISTS bench_dataset (
    id smallint PRIMARY KEY,
    version integer NOT NULL,
    clients bigint NOT NULL,
    matters bigint NOT NULL,
    tasks bigint NOT NULL,
    seconds double precision NOT NULL,
    generated_at timestamptz NOT NULL DEFAULT now()
)
"""


@dataclass(frozen=True)
class DataSet:
    clients: int
    matters: int
    tasks: int
    generated: bool  # in this run
    seconds: float  # how long the generation took (when it ran, in this run or the one that made it)


def counts(conn: psycopg.Connection) -> tuple[int, int, int]:
    return conn.execute(
        "SELECT (SELECT count(*) FROM clients_client), (SELECT count(*) FROM matters_matter),"
        " (SELECT count(*) FROM matters_task)"
    ).fetchone()


def ensure(url: str, sizes: Sizes, *, regenerate: bool, password_hash: Callable[[], str]) -> DataSet:
    """The data set at `sizes`: found as generated by an earlier run, or generated now."""
    with connect(url, autocommit=True) as conn:
        conn.execute(MARKER_DDL)
        marker = conn.execute(
            "SELECT version, clients, matters, tasks, seconds FROM bench_dataset WHERE id = 1"
        ).fetchone()
        present = counts(conn)
        wanted = (sizes.clients, sizes.matters, sizes.tasks)
        current = marker and marker[0] == GENERATOR_VERSION and tuple(marker[1:4]) == wanted
        if current and not regenerate and present == wanted:
            return DataSet(*present, generated=False, seconds=marker[4])
        if not marker and any(present):
            raise BenchError(
                "The bench database has clients, matters or tasks that the bench did not generate. "
                "It empties those tables, so it works only in a database of its own: "
                "point BENCH_DATABASE_URL at a new database name."
            )
        return _generate(conn, sizes, password_hash())


def _generate(conn: psycopg.Connection, sizes: Sizes, password_hash: str) -> DataSet:
    print(
        f"  generating {sizes.clients:,} clients, {sizes.matters:,} matters, {sizes.tasks:,} tasks ...",
        flush=True,
    )
    started = time.perf_counter()
    conn.execute("DELETE FROM bench_dataset")
    conn.execute(
        sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(sql.SQL(", ").join(map(sql.Identifier, TRUNCATE)))
    )
    conn.execute("SET synchronous_commit = off")
    try:
        # The rows are consistent by construction: skip the per-row foreign-key triggers (CHECK
        # constraints and unique indexes still apply). Needs a superuser; without one it is just slower.
        conn.execute("SET session_replication_role = replica")
    except psycopg.errors.InsufficientPrivilege:
        print("    (not a superuser: foreign keys are checked row by row; generation is slower)")
    conn.execute("SELECT setseed(%s)", [SEED])
    _create_helpers(conn)

    plan = Plan(sizes=sizes, password_hash=password_hash)
    for step in STEPS:
        step_started = time.perf_counter()
        rows = step.run(conn, plan)
        print(f"    {step.name}: {rows:,} rows in {time.perf_counter() - step_started:.1f} s", flush=True)

    conn.execute("SET session_replication_role = DEFAULT")
    for table in IDENTITY_TABLES:
        conn.execute(
            sql.SQL("SELECT setval(pg_get_serial_sequence({t}, 'id'), (SELECT coalesce(max(id), 1) FROM {i}))").format(
                t=sql.Literal(table), i=sql.Identifier(table)
            )
        )
    vacuum_started = time.perf_counter()
    # VACUUM as well as ANALYZE: the visibility map and hint bits a live table would have.
    conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.SQL(", ").join(map(sql.Identifier, VACUUM_TABLES))))
    print(f"    vacuum and analyze: {time.perf_counter() - vacuum_started:.1f} s", flush=True)

    seconds = time.perf_counter() - started
    present = counts(conn)
    conn.execute(
        "INSERT INTO bench_dataset (id, version, clients, matters, tasks, seconds) VALUES (1, %s, %s, %s, %s, %s)",
        [GENERATOR_VERSION, *present, seconds],
    )
    return DataSet(*present, generated=True, seconds=seconds)


# --- the matter timeline and the dashboards' rows ------------------------------------------------
#
# A later part of the data set with its own marker (the table `bench_timeline`), so that a database
# generated before it gets these rows without generating the tasks again (`ensure_timeline`):
#
# 1. matter types: six open matters in ten are litigations (the type from matters/migrations/0007)
#    at one of its stages, seven in ten have a next report date (a few of them already due);
# 2. the timeline: `Sizes.events` lines (1,000,000 at full size), log-normally many a matter (most
#    3 to 20, a few hundred), except the measured client's busiest matter, which gets BUSY_EVENTS.
#    Each matter's first line is its opening; the rest are a mix (MIX) of the lines the services
#    write, with their real message ids and values: task lines from the matter's own tasks (at their
#    times, by their people), messages, results of work (drafts: the firm only; about one line in
#    five), deliveries, stages, report dates, risk warnings, documents received. `search_text` is the
#    line in Russian and in English plus the detail, as timeline_record() stores it. A line points
#    (ref_type / ref_id) at the task or the matter it is about; messages, results and the like exist
#    only for the measured users (3.), so elsewhere those lines have no link;
# 3. the dashboards' rows for the measured client and lead (a few dozen): released results with
#    deliveries to confirm (some overdue), open risk notices, messages with unread receipts, drafts
#    waiting for the lead's release, and the client's last visit to each matter a week ago; each
#    with its timeline line.

TIMELINE_VERSION = 1
TIMELINE_CHUNK = 10_000  # matters per INSERT (about 100,000 lines at full size), a transaction each
BUSY_EVENTS = 2_000  # the measured client's busiest matter, at full size
EVENT_SIGMA = 1.1  # of the log-normal weights of the other matters
EVENT_SPAN = timedelta(days=3 * 365)

# The measured users (bench.portal picks them with the same queries): the client whose task count is
# nearest the average, and the lead whose count of led matters is nearest the average; ties: lowest id.
MEASURED_CLIENT_SQL = (
    "WITH per AS (SELECT client_id, count(*) AS n FROM matters_task GROUP BY client_id)"
    " SELECT client_id, n FROM per ORDER BY abs(n - (SELECT avg(n) FROM per)), client_id LIMIT 1"
)
MEASURED_LEAD_SQL = (
    "WITH per AS (SELECT a.user_id, count(*) AS n FROM matters_assignment a"
    "  JOIN users_user u ON u.id = a.user_id WHERE a.is_lead AND u.role = 'lead' GROUP BY a.user_id)"
    " SELECT user_id, n FROM per ORDER BY abs(n - (SELECT avg(n) FROM per)), user_id LIMIT 1"
)


@dataclass(frozen=True)
class Act:
    """One kind of timeline line: its message id exactly as the service marks it with gettext_noop."""

    kind: str  # TimelineEvent.Kind
    en: str  # the msgid, stored in TimelineEvent.summary
    ru: str  # a plausible Russian rendering, for search_text (the catalogue's wording may differ)
    visible: bool = True  # client_visible
    ref_type: str = ""  # what the line links to when it has a ref_id


ACTS = {
    # clients/services/intake.py
    "matter_opened": Act(
        "matter", "Matter %(number)s «%(title)s» was opened", "Открыто дело %(number)s «%(title)s»", ref_type="matter"
    ),
    # matters/services/tasks.py _TIMELINE
    "task_submit": Act(
        "task",
        "Task %(number)s «%(subject)s» was submitted through the portal",
        "Задача %(number)s «%(subject)s» поставлена через портал",
        ref_type="task",
    ),
    "task_register": Act(
        "task",
        "Task %(number)s «%(subject)s» was received by %(channel)s and registered",
        "Задача %(number)s «%(subject)s» получена (%(channel)s) и зарегистрирована",
        ref_type="task",
    ),
    "task_accept": Act(
        "task", "Task %(number)s was accepted by %(name)s", "Задачу %(number)s принял(а) %(name)s", ref_type="task"
    ),
    "task_decline": Act(
        "task", "Task %(number)s was declined by %(name)s", "Задачу %(number)s отклонил(а) %(name)s", ref_type="task"
    ),
    "task_answer": Act(
        "task",
        "Task %(number)s was answered in writing by %(name)s",
        "На задачу %(number)s письменно ответил(а) %(name)s",
        ref_type="task",
    ),
    # matters/services/messages.py
    "message": Act("message", "%(name)s wrote a message", "%(name)s написал(а) сообщение", ref_type="message"),
    "message_material": Act(
        "message", "%(name)s wrote a material message", "%(name)s написал(а) существенное сообщение", ref_type="message"
    ),
    # matters/services/deliverables.py _LINES (a draft is the firm's own business)
    "deliverable_prepare": Act(
        "deliverable",
        "A draft result «%(title)s» was prepared by %(name)s",
        "Проект результата «%(title)s» подготовил(а) %(name)s",
        visible=False,
        ref_type="deliverable",
    ),
    "deliverable_update": Act(
        "deliverable",
        "The draft result «%(title)s» was changed by %(name)s",
        "Проект результата «%(title)s» изменил(а) %(name)s",
        visible=False,
        ref_type="deliverable",
    ),
    "deliverable_release": Act(
        "deliverable",
        "Result of work «%(title)s» was released to the client by %(name)s",
        "Результат работы «%(title)s» передан клиенту, передал(а) %(name)s",
        ref_type="deliverable",
    ),
    "delivery_portal": Act(
        "delivery",
        "«%(title)s» is available for download in the portal",
        "«%(title)s» доступен для скачивания в портале",
        ref_type="deliverable",
    ),
    "delivery_email": Act(
        "delivery",
        "«%(title)s» was sent by e-mail to %(recipient)s with its files",
        "«%(title)s» с файлами отправлен по электронной почте на %(recipient)s",
        ref_type="deliverable",
    ),
    "delivery_courier": Act(
        "delivery",
        "«%(title)s» was sent by courier to %(recipient)s, tracking number %(tracking)s",
        "«%(title)s» отправлен курьером: %(recipient)s, номер отправления %(tracking)s",
        ref_type="deliverable",
    ),
    "delivery_post": Act(
        "delivery",
        "«%(title)s» was sent by post to %(recipient)s, tracking number %(tracking)s",
        "«%(title)s» отправлен почтой: %(recipient)s, почтовый идентификатор %(tracking)s",
        ref_type="deliverable",
    ),
    "delivery_confirmed": Act(
        "delivery",
        "%(name)s confirmed receipt of «%(title)s»",
        "%(name)s подтвердил(а) получение «%(title)s»",
        ref_type="deliverable",
    ),
    # matters/services/stages.py (the line points at the matter)
    "stage": Act("stage", "Stage: %(old)s → %(new)s", "Этап: %(old)s → %(new)s", ref_type="matter"),
    "report": Act(
        "report", "The firm will next report by %(date)s", "Следующий отчёт фирмы — до %(date)s", ref_type="matter"
    ),
    # matters/services/risk.py
    "risk_warn": Act(
        "risk",
        "%(name)s warned that an instruction of the client is unlawful or harmful",
        "%(name)s предупредил(а), что указание клиента незаконно или вредно",
        ref_type="risknotice",
    ),
    "risk_alone_firm": Act(
        "risk",
        "%(name)s recorded that the client acted on the matter without the firm",
        "%(name)s зафиксировал(а), что клиент действовал по делу без фирмы",
        ref_type="risknotice",
    ),
    # matters/services/documents.py
    "document_received": Act(
        "document",
        "The firm received the original of «%(title)s» from %(person)s",
        "Фирма получила оригинал «%(title)s» от %(person)s",
        ref_type="helddocument",
    ),
}
TASK_ACTS = ["task_submit", "task_register", "task_accept", "task_decline", "task_answer"]
# The lines after a matter's first, by share. A task line is drawn only where the matter has a task at
# that step of its life (each task: submitted, then accepted or declined, then answered); otherwise the
# other kinds share its place. Drafts (not client-visible) are 0.20: about 80% of lines are the client's.
MIX = [
    ("task", 0.34),
    ("message", 0.12),
    ("message_material", 0.04),
    ("deliverable_prepare", 0.12),
    ("deliverable_update", 0.08),
    ("deliverable_release", 0.06),
    ("delivery_email", 0.04),
    ("delivery_confirmed", 0.04),
    ("stage", 0.05),
    ("report", 0.04),
    ("risk_warn", 0.02),
    ("document_received", 0.05),
]
TASK_CHANNELS_RU = {"portal": "портал", "email": "электронная почта", "letter": "письмо", "phone": "телефон"}
# Stages of the default type (matters/migrations/0007), when the database has no type with two or more.
STAGES_FALLBACK = [
    ("Анализ и правовая позиция", "Analysis and legal position"),
    ("Досудебное урегулирование", "Pre-trial settlement"),
    ("Первая инстанция", "First instance"),
    ("Апелляция", "Appeal"),
    ("Исполнение решения", "Enforcement"),
]
MONTHS_GENITIVE = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip
RESULT_TITLES = [
    "Правовое заключение по договору поставки",
    "Проект дополнительного соглашения к договору аренды",
    "Претензия контрагенту о взыскании неустойки",
    "Отзыв на исковое заявление",
    "Справка о судебной практике по спору",
    "Комплект документов для регистрации изменений в ЕГРЮЛ",
    "Проект трудового договора с директором",
    "Заключение о рисках сделки",
    "Протокол разногласий к договору подряда",
    "Апелляционная жалоба",
    "Проект мирового соглашения",
    "Ответ на требование налогового органа",
]
RESULT_SUMMARIES = [
    "Риски умеренные; рекомендуем подписать с правками, перечисленными в разделе 3.",
    "Документ подготовлен по позиции, согласованной на встрече; просим проверить реквизиты.",
    "Перспективы оцениваем как благоприятные; основные доводы и доказательства — в приложении.",
]
DOCUMENT_TITLES = [
    "Договор поставки № 14/2025",
    "Устав общества в редакции 2024 года",
    "Доверенность на представителя",
    "Акт сверки взаимных расчётов",
    "Решение единственного участника",
    "Выписка из ЕГРН",
    "Претензия контрагента",
    "Товарные накладные за первый квартал",
]
RISK_SUBJECTS = [
    "Клиент поручил подписать договор без согласования спорных условий об ответственности.",
    "Клиент настаивает на отказе от претензионного порядка перед подачей иска.",
    "Клиент поручил перечислить аванс контрагенту, не прошедшему проверку.",
    "Клиент решил не обжаловать решение налогового органа в установленный срок.",
    "Клиент поручил подать документы на регистрацию без нотариального удостоверения решения.",
]
RISK_TEXTS = [
    "Такое решение может привести к взысканию неустойки и убытков; суд, вероятнее всего, откажет в защите.",
    "Пропуск срока лишит клиента права на обжалование; восстановить срок удаётся редко.",
    "Существует риск признания сделки недействительной и утраты перечисленных средств.",
]
FIRM_MESSAGES = [
    "Направляем проект документа для согласования. Просим ответить до пятницы.",
    "Суд назначил заседание; подготовка позиции идёт по плану, подробности — в приложении.",
    "Контрагент ответил на претензию: предлагает рассрочку. Нужно ваше решение до конца недели.",
    "Получили ответ налогового органа. Существенных претензий нет, остались два уточнения.",
    "Просим прислать подписанную доверенность и акт сверки: без них не сможем подать заявление.",
]
CLIENT_MESSAGES = [
    "Контрагент прислал новую редакцию договора, прикладываем. Что скажете?",
    "Подтверждаем позицию, согласны с вашими правками. Оригиналы передадим курьером.",
    "Получили требование из налоговой, срок ответа — пять рабочих дней. Прошу взять в работу.",
    "Директор в отпуске до конца месяца; доверенность подпишем после его возвращения.",
]


def _timeline_lists() -> dict:
    return {
        "results": RESULT_TITLES,
        "documents": DOCUMENT_TITLES,
        "risks": RISK_SUBJECTS,
        "reasons": DECLINE_REASONS,
        "months": MONTHS_GENITIVE,
    }


def _render(template: str, params: dict, language: str) -> str:
    """A line as timeline_text() renders it: a value given in several languages is taken in `language`."""
    return template % {k: (v.get(language) or v.get("ru", "")) if isinstance(v, dict) else v for k, v in params.items()}


TIMELINE_HELPERS = [
    # pg_temp.render: a summary's placeholders filled from the params JSON, as timeline_text() does.
    """CREATE FUNCTION pg_temp.render(template text, params jsonb, language text) RETURNS text
       LANGUAGE plpgsql IMMUTABLE AS $$
       DECLARE
           key text;
           value jsonb;
           result text := template;
       BEGIN
           FOR key, value IN SELECT * FROM jsonb_each(params) LOOP
               result := replace(result, '%(' || key || ')s', CASE WHEN jsonb_typeof(value) = 'object'
                   THEN coalesce(value ->> language, value ->> 'ru', '') ELSE coalesce(value #>> '{}', '') END);
           END LOOP;
           RETURN result;
       END $$""",
    "CREATE TEMP TABLE bench_tl_acts (code text PRIMARY KEY, kind text, en text, ru text, visible boolean,"
    " ref_type text)",
]


def _mix_case(r: str) -> str:
    """CASE over the cumulative shares of MIX (after the task share) on the random number `r`."""
    cases, total = [], 0.0
    for code, share in MIX:
        total += share
        if code != "task":
            cases.append(f"WHEN {r} < {total:.4f} THEN '{code}'")
    return f"CASE {' '.join(cases)} ELSE '{MIX[-1][0]}' END"


TASK_SHARE = MIX[0][1]
# Where the task line is not possible, the random number is spread again over the other kinds.
OTHER_KIND = _mix_case(f"CASE WHEN g.r < {TASK_SHARE} THEN {TASK_SHARE} + g.r2 * {1 - TASK_SHARE:.4f} ELSE g.r END")
# The task line a matter's event k would be: its (k-2)-th task, at the step of its life `pass`.
TASK_ACT = """CASE g.pass
    WHEN 0 THEN CASE WHEN t.channel = 'portal' THEN 'task_submit' ELSE 'task_register' END
    WHEN 1 THEN CASE WHEN t.status IN ('accepted', 'answered') THEN 'task_accept'
                     WHEN t.status = 'declined' THEN 'task_decline' END
    WHEN 2 THEN CASE WHEN t.status = 'answered' THEN 'task_answer' END
END"""
TASK_CODES = ", ".join(f"'{code}'" for code in TASK_ACTS)
RESULT_TITLE = "pg_temp.pick(%(results)s, s.matter_id * 3 + s.k / 6)"
REPORT_DAY = "(s.occurred_at + (14 + mod(s.k, 30)) * interval '1 day')::date"
TIMELINE_COLUMNS = {
    "matter_id": "e.matter_id",
    "kind": "e.kind",
    "occurred_at": "e.occurred_at",
    "actor_id": "e.actor_id",
    "summary": "e.en",
    "params": "e.params",
    "detail": "e.detail",
    # As timeline_record(): the line in each language of the portal (ru, en), then the detail.
    "search_text": "pg_temp.render(e.ru, e.params, 'ru') || E'\\n' || pg_temp.render(e.en, e.params, 'en')"
    " || E'\\n' || e.detail",
    "client_visible": "e.visible",
    "ref_type": "e.ref_type",
    "ref_id": "e.ref_id",
}
TIMELINE_SOURCE = f"""
FROM (
    SELECT s.*, acts.kind, acts.en, acts.ru, acts.visible,
           CASE WHEN s.ref_id IS NULL THEN '' ELSE acts.ref_type END AS ref_type,
           CASE
               WHEN s.code = 'matter_opened'
                   THEN jsonb_build_object('number', s.matter_number, 'title', s.matter_title)
               WHEN s.code IN ({TASK_CODES})
                   THEN jsonb_build_object('number', s.task_number, 'subject', s.task_subject,
                        'name', coalesce(s.actor_name, ''),
                        'channel', coalesce((%(channels)s::jsonb) ->> s.task_channel, s.task_channel))
               WHEN s.code IN ('message', 'message_material', 'risk_warn')
                   THEN jsonb_build_object('name', coalesce(s.actor_name, ''))
               WHEN s.code = 'delivery_email'
                   THEN jsonb_build_object('title', {RESULT_TITLE}, 'name', coalesce(s.actor_name, ''),
                        'recipient', 'client' || s.client_id || '@bench.test', 'tracking', '')
               WHEN s.code = 'stage'
                   THEN jsonb_build_object('old', (%(stages)s::jsonb) -> mod(s.matter_id + s.k, %(steps)s - 1)::int,
                        'new', (%(stages)s::jsonb) -> (mod(s.matter_id + s.k, %(steps)s - 1) + 1)::int)
               WHEN s.code = 'report'
                   THEN jsonb_build_object('date', jsonb_build_object(
                        'ru', extract(day FROM {REPORT_DAY})::int || ' '
                              || (%(months)s::text[])[extract(month FROM {REPORT_DAY})::int] || ' '
                              || extract(year FROM {REPORT_DAY})::int || ' г.',
                        'en', to_char({REPORT_DAY}, 'FMMonth FMDD, YYYY')))
               WHEN s.code = 'document_received'
                   THEN jsonb_build_object('title', pg_temp.pick(%(documents)s, s.matter_id + s.k),
                        'person', pg_temp.person(s.client_id * 7 + 3))
               ELSE jsonb_build_object('title', {RESULT_TITLE}, 'name', coalesce(s.actor_name, ''))
           END AS params,
           CASE s.code WHEN 'task_decline' THEN coalesce(s.decline_reason, '')
                       WHEN 'risk_warn' THEN pg_temp.pick(%(risks)s, s.matter_id + s.k)
                       ELSE '' END AS detail
    FROM (
        SELECT c.*, u.full_name AS actor_name
        FROM (
            SELECT b.*,
                   CASE b.code
                       WHEN 'matter_opened' THEN 1 + mod(b.matter_id, %(partners)s)
                       WHEN 'task_submit' THEN b.registered_by_id
                       WHEN 'task_register' THEN b.registered_by_id
                       WHEN 'task_accept' THEN b.accepted_by_id
                       WHEN 'task_decline' THEN b.declined_by_id
                       WHEN 'task_answer' THEN b.answered_by_id
                       WHEN 'message' THEN CASE WHEN b.r4 < 0.4 THEN b.client_user_id
                                                WHEN b.r4 < 0.75 THEN b.lead_id ELSE b.spec_id END
                       WHEN 'message_material' THEN CASE WHEN b.r4 < 0.3 THEN b.client_user_id ELSE b.lead_id END
                       WHEN 'deliverable_prepare' THEN b.spec_id
                       WHEN 'deliverable_update' THEN b.spec_id
                       WHEN 'delivery_confirmed' THEN b.client_user_id
                       WHEN 'document_received' THEN %(first_secretary)s + mod(b.matter_id, %(secretaries)s)
                       ELSE b.lead_id
                   END AS actor_id,
                   CASE b.code
                       WHEN 'matter_opened' THEN b.since
                       WHEN 'task_submit' THEN b.task_created
                       WHEN 'task_register' THEN b.task_created
                       WHEN 'task_accept' THEN b.accepted_at
                       WHEN 'task_decline' THEN b.declined_at
                       WHEN 'task_answer' THEN b.answered_at
                       ELSE b.since + b.r3 * (%(now)s::timestamptz - b.since)
                   END AS occurred_at,
                   CASE WHEN b.code IN ('matter_opened', 'stage', 'report') THEN b.matter_id
                        WHEN b.code IN ({TASK_CODES}) THEN b.task_id END AS ref_id
            FROM (
                SELECT g.*, t.number AS task_number, t.subject AS task_subject, t.channel AS task_channel,
                       t.created_at AS task_created, t.accepted_at, t.accepted_by_id, t.declined_at,
                       t.declined_by_id, t.decline_reason, t.answered_at, t.answered_by_id, t.registered_by_id,
                       CASE WHEN g.k = 1 THEN 'matter_opened'
                            WHEN g.r < {TASK_SHARE} AND ({TASK_ACT}) IS NOT NULL THEN {TASK_ACT}
                            ELSE {OTHER_KIND}
                       END AS code
                FROM (
                    SELECT p.matter_id, p.client_id, p.number AS matter_number, p.title AS matter_title, k,
                           greatest(p.opened_at, %(start)s::timestamptz) AS since,
                           random() AS r, random() AS r2, random() AS r3, random() AS r4,
                           %(first_lead)s + mod(p.matter_id * %(lead_stride)s, %(leads)s) AS lead_id,
                           %(first_spec)s + mod(p.matter_id * %(spec_stride)s, %(specs)s) AS spec_id,
                           %(client_user_offset)s + p.client_id AS client_user_id,
                           CASE WHEN k >= 2 AND k - 2 < 3 * cardinality(tt.ids)
                                THEN tt.ids[1 + mod(k - 2, cardinality(tt.ids))] END AS task_id,
                           CASE WHEN k >= 2 AND k - 2 < 3 * cardinality(tt.ids)
                                THEN (k - 2) / cardinality(tt.ids) END AS pass
                    FROM bench_tl_plan AS p
                    LEFT JOIN bench_tl_tasks AS tt ON tt.matter_id = p.matter_id
                    CROSS JOIN LATERAL generate_series(1, p.n) AS k
                    WHERE p.matter_id BETWEEN %(lo)s AND %(hi)s
                    OFFSET 0  -- a fence: each random() once a row, not once per reference
                ) AS g
                LEFT JOIN matters_task AS t ON t.id = g.task_id
                OFFSET 0  -- the code worked out once a row
            ) AS b
        ) AS c
        LEFT JOIN users_user AS u ON u.id = c.actor_id
    ) AS s
    JOIN bench_tl_acts AS acts ON acts.code = s.code
) AS e
"""
# How many lines each matter gets: log-normal weights scaled so that they add up exactly to `rest`
# (cumulative floors telescope), the busy matter its own count. Kept for the session (TEMP).
TIMELINE_PLAN = """
CREATE TEMP TABLE bench_tl_plan AS
SELECT matter_id, client_id, opened_at, number, title,
       CASE WHEN matter_id = %(busy)s THEN %(busy_n)s
            ELSE (floor(%(rest)s * cum / total + 1e-9) - floor(%(rest)s * prev / total + 1e-9))::int END AS n
FROM (
    SELECT w.*, lag(cum, 1, 0::float8) OVER (ORDER BY matter_id) AS prev, max(cum) OVER () AS total
    FROM (
        SELECT w.*, sum(w.w) OVER (ORDER BY matter_id) AS cum
        FROM (
            SELECT m.id AS matter_id, m.client_id, m.opened_at, m.number, m.title,
                   CASE WHEN m.id = %(busy)s THEN 0::float8
                        ELSE exp(%(sigma)s * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) END AS w
            FROM matters_matter AS m
        ) AS w
    ) AS w
) AS w
"""
TIMELINE_TABLES = [
    "matters_timelineevent",
    "matters_mattervisit",
    "matters_messagereceipt",
    "matters_messagerevision",
    "matters_messageattachment",
    "matters_message",
    "matters_deliverablefile",
    "matters_delivery",
    "matters_deliverable",
    "matters_riskacknowledgement",
    "matters_risknotice",
]
COUNTED_TABLES = [  # the rows the marker checks (a visit is rewritten whenever a page is opened)
    "matters_timelineevent",
    "matters_message",
    "matters_messagereceipt",
    "matters_deliverable",
    "matters_delivery",
    "matters_risknotice",
]
TIMELINE_MARKER_DDL = """
CREATE TABLE IF NOT EXISTS bench_timeline (
    id smallint PRIMARY KEY,
    version integer NOT NULL,
    events bigint NOT NULL,
    matters bigint NOT NULL,
    rows bigint NOT NULL,
    busy_matter bigint NOT NULL,
    seconds double precision NOT NULL,
    generated_at timestamptz NOT NULL DEFAULT now()
)
"""


@dataclass(frozen=True)
class Timeline:
    events: int  # timeline lines, those of the dashboards' rows included
    rows: int  # of the dashboards' tables (messages, receipts, results, deliveries, risk notices)
    busy_matter: int
    generated: bool
    seconds: float


def _count_rows(conn: psycopg.Connection) -> tuple[int, int]:
    """(timeline lines, all the other counted rows)."""
    counts = [
        conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0] for t in COUNTED_TABLES
    ]
    return counts[0], sum(counts[1:])


def ensure_timeline(url: str, sizes: Sizes, *, regenerate: bool = False) -> Timeline:
    """The timeline and the dashboards' rows, generated unless the same ones are there already."""
    with connect(url, autocommit=True) as conn:
        missing = [t for t in COUNTED_TABLES if not _has_table(conn, t)]
        if missing:
            raise BenchError(f"there is no table {', '.join(missing)}: is the database migrated?")
        conn.execute(TIMELINE_MARKER_DDL)
        marker = conn.execute(
            "SELECT version, events, matters, rows, busy_matter, seconds FROM bench_timeline WHERE id = 1"
        ).fetchone()
        matters = conn.execute("SELECT count(*) FROM matters_matter").fetchone()[0]
        events, rows = _count_rows(conn)
        if (
            not regenerate
            and marker
            and marker[:3] == (TIMELINE_VERSION, sizes.events, matters)
            and (events + rows) == marker[3]
        ):
            return Timeline(events, rows, busy_matter=marker[4], generated=False, seconds=marker[5])
        return _generate_timeline(conn, sizes)


def _generate_timeline(conn: psycopg.Connection, sizes: Sizes) -> Timeline:
    print(f"  generating {sizes.events:,} timeline lines and the dashboards' rows ...", flush=True)
    started = time.perf_counter()
    conn.execute("DELETE FROM bench_timeline")
    tables = [t for t in TIMELINE_TABLES if _has_table(conn, t)]
    conn.execute(
        sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(sql.SQL(", ").join(map(sql.Identifier, tables)))
    )
    conn.execute("SET synchronous_commit = off")
    conn.execute("SET jit = off")  # compiling the long CASE expressions takes longer than running them
    try:
        conn.execute("SET session_replication_role = replica")  # consistent by construction: no FK triggers
    except psycopg.errors.InsufficientPrivilege:
        print("    (not a superuser: foreign keys are checked row by row; generation is slower)")
    conn.execute("SELECT setseed(%s)", [SEED])
    _create_helpers(conn)
    for statement in TIMELINE_HELPERS:
        conn.execute(statement)
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO bench_tl_acts VALUES (%s, %s, %s, %s, %s, %s)",
            [(code, a.kind, a.en, a.ru, a.visible, a.ref_type) for code, a in ACTS.items()],
        )

    people = _measured(conn)
    step = time.perf_counter()
    stages = _matter_types(conn)
    print(f"    matter types, stages, report dates: {time.perf_counter() - step:.1f} s", flush=True)

    step = time.perf_counter()
    busy_n = min(max(200, round(BUSY_EVENTS * sizes.events / 1_000_000)), sizes.events // 2)
    plan = {"busy": people["busy_matter"], "busy_n": busy_n, "rest": sizes.events - busy_n, "sigma": EVENT_SIGMA}
    with conn.transaction():
        conn.execute(TIMELINE_PLAN, plan)
        conn.execute("CREATE INDEX ON bench_tl_plan (matter_id)")
        conn.execute(
            "CREATE TEMP TABLE bench_tl_tasks AS SELECT matter_id, array_agg(id ORDER BY created_at, id) AS ids"
            " FROM matters_task WHERE matter_id IS NOT NULL GROUP BY matter_id"
        )
        conn.execute("CREATE INDEX ON bench_tl_tasks (matter_id)")
        conn.execute("ANALYZE bench_tl_plan")
        conn.execute("ANALYZE bench_tl_tasks")
    print(f"    plan (lines a matter, tasks of each matter): {time.perf_counter() - step:.1f} s", flush=True)

    step = time.perf_counter()
    now = conn.execute("SELECT now()").fetchone()[0]
    params = {
        "now": now,
        "start": now - EVENT_SPAN,
        "client_user_offset": CLIENT_USER_OFFSET,
        "partners": sizes.partners,
        "channels": json.dumps(TASK_CHANNELS_RU),
        "stages": json.dumps([{"ru": ru, "en": en} for ru, en in stages]),
        "steps": len(stages),
        **_firm_params(sizes),
        **_timeline_lists(),
    }
    last = conn.execute("SELECT coalesce(max(id), 0) FROM matters_matter").fetchone()[0]
    done = 0
    for lo in range(1, last + 1, TIMELINE_CHUNK):
        hi = min(last, lo + TIMELINE_CHUNK - 1)
        with conn.transaction():
            done += _insert(
                conn, "matters_timelineevent", TIMELINE_COLUMNS, TIMELINE_SOURCE, {**params, "lo": lo, "hi": hi}
            )
        if last > TIMELINE_CHUNK:
            print(f"    timeline {done:>9,} / {sizes.events:,} ({time.perf_counter() - step:.0f} s)", flush=True)
    print(f"    timeline: {done:,} lines in {time.perf_counter() - step:.1f} s", flush=True)

    step = time.perf_counter()
    with conn.transaction():
        made = _dashboard_rows(conn, people, now)
    print(
        f"    dashboards' rows: {', '.join(f'{n} {what}' for what, n in made.items())}"
        f" in {time.perf_counter() - step:.1f} s",
        flush=True,
    )

    conn.execute("SET session_replication_role = DEFAULT")
    step = time.perf_counter()
    conn.execute(
        sql.SQL("VACUUM (ANALYZE) {}").format(sql.SQL(", ").join(map(sql.Identifier, [*tables, "matters_matter"])))
    )
    print(f"    vacuum and analyze: {time.perf_counter() - step:.1f} s", flush=True)

    seconds = time.perf_counter() - started
    events, rows = _count_rows(conn)
    matters = conn.execute("SELECT count(*) FROM matters_matter").fetchone()[0]
    conn.execute(
        "INSERT INTO bench_timeline (id, version, events, matters, rows, busy_matter, seconds)"
        " VALUES (1, %s, %s, %s, %s, %s, %s)",
        [TIMELINE_VERSION, sizes.events, matters, events + rows, people["busy_matter"], seconds],
    )
    return Timeline(events, rows, busy_matter=people["busy_matter"], generated=True, seconds=seconds)


def _measured(conn: psycopg.Connection) -> dict:
    """The measured client (its user, its open matters, the busiest-to-be) and lead (its open led matters)."""
    row = conn.execute(MEASURED_CLIENT_SQL).fetchone()
    lead = conn.execute(MEASURED_LEAD_SQL).fetchone()
    if row is None or lead is None:
        raise BenchError("the data set has no tasks or no lead specialists to measure")
    client_id = row[0]
    user = conn.execute(
        "SELECT id FROM users_user WHERE client_id = %s AND is_active ORDER BY id LIMIT 1", [client_id]
    ).fetchone()
    if user is None:
        raise BenchError(f"client #{client_id} has no active user")
    matters = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM matters_matter WHERE client_id = %s ORDER BY status <> 'open', id", [client_id]
        ).fetchall()
    ]
    led = [
        r[0]
        for r in conn.execute(
            "SELECT m.id FROM matters_assignment a JOIN matters_matter m ON m.id = a.matter_id"
            " WHERE a.user_id = %s AND a.is_lead AND m.status = 'open' AND m.client_id <> %s"
            " ORDER BY m.opened_at DESC, m.id DESC LIMIT 10",
            [lead[0], client_id],
        ).fetchall()
    ]
    return {
        "client_id": client_id,
        "client_user": user[0],
        "client_matters": matters,
        "busy_matter": matters[0],
        "lead": lead[0],
        "led_matters": led,
    }


def _matter_types(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """Six open matters in ten run as the first type with stages, at one of them; seven in ten (open) have
    a next report date, a few of them past. Returns that type's stages (ru, en), in order."""
    found = conn.execute(
        "SELECT s.matter_type_id, array_agg(s.id ORDER BY s.order, s.id), array_agg(s.name_ru ORDER BY s.order, s.id),"
        " array_agg(s.name_en ORDER BY s.order, s.id) FROM matters_stage s"
        " GROUP BY s.matter_type_id HAVING count(*) >= 2 ORDER BY s.matter_type_id LIMIT 1"
    ).fetchone()
    with conn.transaction():
        if found:
            type_id, stage_ids, _, _ = found
            conn.execute(
                "UPDATE matters_matter AS m SET"
                " matter_type_id = CASE WHEN m.status <> 'closed' AND mod(m.id, 10) < 6 THEN %(type)s END,"
                " stage_id = CASE WHEN m.status <> 'closed' AND mod(m.id, 10) < 6"
                "   THEN (%(stages)s::bigint[])[1 + mod(m.id * 7, %(n)s)] END,"
                " next_report_on = CASE WHEN m.status = 'open' AND mod(m.id * 3, 10) < 7"
                "   THEN current_date + (mod(m.id * 13, 45) - 5)::int END",
                {"type": type_id, "stages": stage_ids, "n": len(stage_ids)},
            )
            return list(zip(found[2], found[3], strict=True))
        conn.execute(
            "UPDATE matters_matter AS m SET next_report_on = CASE WHEN m.status = 'open' AND mod(m.id * 3, 10) < 7"
            " THEN current_date + (mod(m.id * 13, 45) - 5)::int END"
        )
    return STAGES_FALLBACK


class _Rows:
    """Small inserts of the dashboards' rows, each checked against the table's required columns."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.columns: dict[str, dict[str, bool]] = {}
        self.made: dict[str, int] = {}

    def add(self, table: str, values: dict, label: str | None = None) -> int:
        present = self.columns.setdefault(table, _columns(self.conn, table))
        unknown = sorted(name for name, required in present.items() if required and name not in values)
        if unknown:
            raise BenchError(
                f"{table} has required columns the bench does not fill: {', '.join(unknown)}. "
                "Give them a value in bench/generate.py (and bump TIMELINE_VERSION)."
            )
        used = {name: value for name, value in values.items() if name in present}
        statement = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
            sql.Identifier(table),
            sql.SQL(", ").join(map(sql.Identifier, used)),
            sql.SQL(", ").join(sql.Placeholder() * len(used)),
        )
        label = label or table.removeprefix("matters_")
        self.made[label] = self.made.get(label, 0) + 1
        return self.conn.execute(statement, list(used.values())).fetchone()[0]

    def line(self, matter: int, code: str, *, actor: int, at, params: dict, ref: int | None, detail: str = "") -> None:
        act = ACTS[code]
        text = "\n".join([*dict.fromkeys([_render(act.ru, params, "ru"), _render(act.en, params, "en")]), detail])
        self.add(
            "matters_timelineevent",
            {
                "matter_id": matter,
                "kind": act.kind,
                "occurred_at": at,
                "actor_id": actor,
                "summary": act.en,
                "params": Jsonb(params),
                "detail": detail,
                "search_text": text,
                "client_visible": act.visible,
                "ref_type": act.ref_type if ref is not None else "",
                "ref_id": ref,
            },
            label="timeline lines",
        )


def _dashboard_rows(conn: psycopg.Connection, people: dict, now) -> dict[str, int]:
    """A few dozen rows that the measured client's and lead's dashboards show, with their timeline lines."""
    rows = _Rows(conn)
    day = timedelta(days=1)
    client_user, lead = people["client_user"], people["lead"]
    client_matters = people["client_matters"][:8]
    led = people["led_matters"]
    team = _teams(conn, [*client_matters, *led])
    names = dict(
        conn.execute(
            "SELECT id, full_name FROM users_user WHERE id = ANY(%s)",
            [[client_user, lead, *(u for t in team.values() for u in t.values())]],
        ).fetchall()
    )
    client_email = conn.execute("SELECT email FROM users_user WHERE id = %s", [client_user]).fetchone()[0]
    address = conn.execute("SELECT address FROM clients_client WHERE id = %s", [people["client_id"]]).fetchone()[0]

    def result(matter: int, i: int, *, released: bool, at) -> tuple[int, str]:
        title = RESULT_TITLES[(matter + i) % len(RESULT_TITLES)]
        spec, matter_lead = team[matter]["spec"], team[matter]["lead"]
        pk = rows.add(
            "matters_deliverable",
            {
                "matter_id": matter,
                "task_id": None,
                "kind": ["opinion", "contract", "documents", "other"][i % 4],
                "title": title,
                "summary": RESULT_SUMMARIES[i % len(RESULT_SUMMARIES)],
                "status": "released" if released else "draft",
                "prepared_by_id": spec,
                "created_at": at,
                "released_by_id": matter_lead if released else None,
                "released_at": at + 2 * day if released else None,
            },
            label="drafts" if not released else "released results",
        )
        rows.line(
            matter, "deliverable_prepare", actor=spec, at=at, params={"title": title, "name": names[spec]}, ref=pk
        )
        if released:
            rows.line(
                matter,
                "deliverable_release",
                actor=matter_lead,
                at=at + 2 * day,
                params={"title": title, "name": names[matter_lead]},
                ref=pk,
            )
        return pk, title

    def delivery(matter: int, pk: int, title: str, channel: str, *, sent, confirmed: bool, to_user: int) -> None:
        recipient = {"email": client_email, "portal": client_email}.get(channel, address)
        tracking = f"RU{(pk * 7919) % 10**9:09d}" if channel in ("courier", "post") else ""
        by = team[matter]["lead"]
        rows.add(
            "matters_delivery",
            {
                "deliverable_id": pk,
                "channel": channel,
                "recipient": recipient,
                "tracking_number": tracking,
                "sent_by_id": by,
                "sent_at": sent,
                "delivered_at": sent + (day if channel in ("courier", "post") else timedelta(0)),
                "confirm_by": sent + 5 * day,
                "confirmed_by_id": to_user if confirmed else None,
                "confirmed_at": sent + day if confirmed else None,
                "notice_id": None,
            },
            label="deliveries to confirm" if not confirmed else "confirmed deliveries",
        )
        params = {"title": title, "name": names[by], "recipient": recipient, "tracking": tracking}
        rows.line(matter, f"delivery_{channel}", actor=by, at=sent, params=params, ref=pk)
        if confirmed:
            params = {"title": title, "name": names[to_user]}
            rows.line(matter, "delivery_confirmed", actor=to_user, at=sent + day, params=params, ref=pk)

    def risk(matter: int, i: int, *, at) -> None:
        kind = "non_interference" if i % 3 == 2 else "warning"
        by = team[matter]["lead"]
        subject = RISK_SUBJECTS[(matter + i) % len(RISK_SUBJECTS)]
        pk = rows.add(
            "matters_risknotice",
            {
                "matter_id": matter,
                "kind": kind,
                "subject": subject,
                "text": RISK_TEXTS[i % len(RISK_TEXTS)],
                "reported_by_client": False,
                "created_by_id": by,
                "created_at": at,
                "status": "open",
                "supersedes_id": None,
                "withdrawn_by_id": None,
                "withdrawn_at": None,
            },
            label="open risk notices",
        )
        code = "risk_alone_firm" if kind == "non_interference" else "risk_warn"
        rows.line(matter, code, actor=by, at=at, params={"name": names[by]}, ref=pk, detail=subject)

    def message(matter: int, i: int, *, author: int, side: str, material: bool, at, unread: set[int]) -> None:
        texts = FIRM_MESSAGES if side == "firm" else CLIENT_MESSAGES
        body = texts[(matter + i) % len(texts)]
        pk = rows.add(
            "matters_message",
            {
                "matter_id": matter,
                "author_id": author,
                "side": side,
                "body": body,
                "material": material,
                "created_at": at,
                "edited_at": None,
            },
            label="messages",
        )
        others = [client_user] if side == "firm" else [u for u in team[matter].values() if u != author]
        for person in dict.fromkeys(others):
            read = None if person in unread else at + timedelta(hours=3)
            rows.add(
                "matters_messagereceipt",
                {"message_id": pk, "user_id": person, "read_at": read},
                label="receipts" if read else "unread receipts",
            )
        code = "message_material" if material else "message"
        rows.line(matter, code, actor=author, at=at, params={"name": names[author]}, ref=pk)

    # The client: six released results, four deliveries to confirm (two overdue), two confirmed.
    for i in range(6 if client_matters else 0):
        matter = client_matters[i % len(client_matters)]
        created = now - (40 - 5 * i) * day
        pk, title = result(matter, i, released=True, at=created)
        sent = now - 12 * day if i < 2 else now - day if i < 4 else created + 3 * day
        channel = ["email", "courier", "portal", "post", "email", "courier"][i]
        delivery(matter, pk, title, channel, sent=sent, confirmed=i >= 4, to_user=client_user)
    for i in range(3 if client_matters else 0):
        risk(client_matters[i % len(client_matters)], i, at=now - (9 - 2 * i) * day)
    # Ten messages from the firm (five material), the last six unread; four from the client, read.
    for i in range(10 if client_matters else 0):
        matter = client_matters[i % len(client_matters)]
        author = team[matter]["lead"] if i % 2 == 0 else team[matter]["spec"]
        message(
            matter, i, author=author, side="firm", material=i % 2 == 0, at=now - (30 - 3 * i) * day,
            unread={client_user} if i >= 4 else set(),
        )  # fmt: skip
    for i in range(4 if client_matters else 0):
        matter = client_matters[i % len(client_matters)]
        message(
            matter, i, author=client_user, side="client", material=i == 0, at=now - (20 - 4 * i) * day, unread=set()
        )
    # The client looked at each of its matters a week ago.
    for matter in people["client_matters"]:
        rows.add(
            "matters_mattervisit",
            {"user_id": client_user, "matter_id": matter, "seen_at": now - 7 * day},
            label="visits",
        )

    # The lead: seven drafts to release, three released results whose confirmation is overdue,
    # twelve messages from the clients (eight material), the last eight unread by the lead.
    for i, matter in enumerate(led[:7]):
        result(matter, i, released=False, at=now - (10 - i) * day)
    for i, matter in enumerate(led[7:10]):
        pk, title = result(matter, i, released=True, at=now - 30 * day)
        author = team[matter]["client"]
        delivery(matter, pk, title, "email", sent=now - (20 - i) * day, confirmed=False, to_user=author)
    for i in range(12 if led else 0):
        matter = led[i % len(led)]
        author = team[matter]["client"]
        message(
            matter, i, author=author, side="client", material=i % 3 != 2, at=now - (14 - i) * day,
            unread={lead} if i >= 4 else set(),
        )  # fmt: skip
    for i, matter in enumerate(led[:2]):
        risk(matter, i, at=now - (6 - i) * day)
    return rows.made


def _teams(conn: psycopg.Connection, matters: list[int]) -> dict[int, dict[str, int]]:
    """Each matter's lead, first specialist and client user: {matter: {"lead": …, "spec": …, "client": …}}."""
    team: dict[int, dict[str, int]] = {
        m: {"client": CLIENT_USER_OFFSET + c}
        for m, c in conn.execute("SELECT id, client_id FROM matters_matter WHERE id = ANY(%s)", [matters]).fetchall()
    }
    for matter, user, is_lead in conn.execute(
        "SELECT matter_id, user_id, is_lead FROM matters_assignment WHERE matter_id = ANY(%s) ORDER BY assigned_at, id",
        [matters],
    ).fetchall():
        team[matter].setdefault("lead" if is_lead else "spec", user)
    for matter, people in team.items():
        if "lead" not in people or "spec" not in people:
            raise BenchError(f"matter #{matter} has no lead or no specialist")
    return team
