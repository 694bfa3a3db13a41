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
rows (timeline events, names for the conflict check, ...) adds a step to STEPS and bumps the version.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import psycopg
from psycopg import sql

from .database import BenchError, connect

GENERATOR_VERSION = 2
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
        return cls(clients=clients, matters=matters, tasks=max(1, round(1_000_000 * scale)))

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


STEPS: list[Step] = [
    Step("clients and their users", _clients_and_users),
    Step("matters and assignments", _matters),
    Step("tasks", _tasks),
    Step("terms accepted", _terms_accepted),
]

# The tables generated here, and those that point at them (CASCADE empties those too).
TRUNCATE = [
    "matters_task",
    "matters_assignment",
    "matters_matter",
    "account_emailaddress",
    "authtoken_token",
    "django_session",
    "users_user",
    "clients_client",
]
IDENTITY_TABLES = ["clients_client", "users_user", "matters_matter", "matters_task"]
VACUUM_TABLES = [*IDENTITY_TABLES, "matters_assignment", "account_emailaddress"]  # the big and the joined

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
