"""Billing's acts of services rendered in the bench data set (`ensure_acts`, its own marker table `bench_acts`,
so a data set generated before gets them without generating anything else again).

One act per ACT_EVERY matters across the firm (a month of the matter's life, one to 22 months back), plus one for
each of the last MEASURED_PER_MATTER months on each matter of the measured client (so that its list
has rows to show, whatever the sampling gave it); a matter has no act for a month before it opened.
Each act is what `billing.services.acts.act_issue` writes for a firm without VAT (the firm's tax regime
says no_vat, as the invoices' requisites do; so no УПД): the requisites of the firm profile in force and
the customer's, fixed at issue; issued by a partner; three lines (time priced from the minutes, an
expense at cost, a month's retainer or more time), totals their sum; numbers gapless per year of the
act's date (YYYY-NNNN), originals and corrections in one sequence, in date order.

Where they stand, as a working firm has them: a few recent ones not sent yet; some sent (in the
portal, or by post with a tracking number) and unanswered — awaiting the answer within the five working
days, or recorded as deemed accepted after them, as the daily sweep records it; most accepted; some
objected to, and about half of those corrected (correction No. 1 with the lines in full, the hours of
the first line reduced), the correction sent and answered in its turn.

The PDFs are left to the worker (the pages say "being prepared"), and the timeline lines an issue
records are not written (the timeline has its own generator and counts).
"""

from __future__ import annotations

import time

import psycopg

from .billing_data import REQUISITES
from .database import BenchError, connect

VERSION = 1
ACT_EVERY = 20  # one act per this many matters, across the firm
ACT_OFFSET = 10  # on the matters whose id is this modulo ACT_EVERY (the invoices take 0)
MEASURED_PER_MATTER = 3  # and one for each of the last this many months on each matter of the measured client
LINES = 3
HOURLY = 6000  # roubles an hour
ACCEPTANCE_DAYS = 5  # working days from the first dispatch

MARKER_DDL = (
    "CREATE TABLE IF NOT EXISTS bench_acts (id int PRIMARY KEY, version int NOT NULL, acts bigint NOT NULL,"
    " matters bigint NOT NULL, seconds double precision NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())"
)
PROFILE_FIELDS = ("name", "short_name", "inn", "kpp", "ogrn", "address", "bank_name", "bik", "corr_account", "account")
CUSTOMER_FIELDS = (
    "name", "kind", "legal_form", "inn", "kpp", "ogrn", "address", "postal_address",
    "bank_name", "bik", "account", "corr_account", "signatory", "passport",
)  # fmt: skip
TIME_WORK = [
    "Подготовка искового заявления",
    "Участие в судебном заседании",
    "Правовой анализ договора поставки",
    "Подготовка претензии и ответа на претензию",
    "Консультации по исполнению договора",
]
EXPENSES = [
    "Государственная пошлина за подачу иска",
    "Почтовые расходы",
    "Нотариальное удостоверение доверенности",
]
OBJECTION = "Не согласны с количеством часов по первой строке: заседание было отложено."
CORRECTION_REASON = "Количество часов по первой строке уменьшено по возражениям клиента."


def ensure_acts(url: str, *, client_id: int, regenerate: bool = False, out=print) -> int:
    """The acts of the data set (see the module's docstring), generated unless already there."""
    with connect(url, autocommit=True) as conn:
        conn.execute(MARKER_DDL)
        matters = conn.execute("SELECT count(*) FROM matters_matter").fetchone()[0]
        marker = conn.execute("SELECT version, acts, matters, seconds FROM bench_acts WHERE id = 1").fetchone()
        present = conn.execute("SELECT count(*) FROM billing_act").fetchone()[0]
        if not regenerate and marker and (marker[0], marker[2]) == (VERSION, matters) and present == marker[1]:
            out(f"  {present:,} acts present (generated earlier in {marker[3]:.1f} s)")
            return present
        started = time.perf_counter()
        made, corrections = _generate(conn, client_id)
        seconds = time.perf_counter() - started
        conn.execute("DELETE FROM bench_acts")
        conn.execute(
            "INSERT INTO bench_acts (id, version, acts, matters, seconds) VALUES (1, %s, %s, %s, %s)",
            [VERSION, made, matters, seconds],
        )
        out(f"  {made:,} acts ({corrections:,} of them corrections) with their lines generated in {seconds:.1f} s")
        return made


def _no_vat_ground() -> str:
    try:
        from billing.services.acts import no_vat_ground
    except Exception:  # Django not set up: the default ground
        return "п. 1 ст. 145 НК РФ"
    return no_vat_ground()


def _firm_profile(conn: psycopg.Connection) -> tuple[int, str]:
    """The firm's requisites in force (a version from the invoices' REQUISITES when there is none): (id, JSON)."""
    fields = ", ".join(PROFILE_FIELDS)
    conn.execute(
        f"INSERT INTO billing_firmprofile (valid_from, {fields}, tax_regime, created_at, created_by_id)"
        f" SELECT DATE '2015-01-01', {', '.join(f'r->>{name!r}' for name in PROFILE_FIELDS)}, r->>'tax_regime',"
        " now(), NULL FROM (SELECT %s::jsonb AS r) AS x WHERE NOT EXISTS (SELECT 1 FROM billing_firmprofile)",
        [REQUISITES],
    )
    row = conn.execute(
        f"SELECT id, tax_regime, jsonb_build_object({', '.join(f'{name!r}, {name}' for name in PROFILE_FIELDS)},"
        " 'tax_regime', tax_regime)::text FROM billing_firmprofile"
        " WHERE valid_from <= current_date - 800 ORDER BY valid_from DESC LIMIT 1"
    ).fetchone()
    if row is None:
        raise BenchError("billing_firmprofile has no version in force 800 days back: the bench's acts need one")
    if row[1] != "no_vat":
        raise BenchError(f"the firm's tax regime is {row[1]!r}: the bench generates acts without VAT (no УПД)")
    return row[0], row[2]


# Whole months from the matter's opening to this month (0: opened this month).
MONTHS_OPEN = (
    "((extract(year FROM current_date) - extract(year FROM m.opened_at)) * 12"
    " + extract(month FROM current_date) - extract(month FROM m.opened_at))::int"
)
# Each original act's plan: the matter, its month, where the act stands (r), the dates that follows.
PLAN = f"""
CREATE TEMP TABLE bench_act_plan ON COMMIT DROP AS
WITH picked AS (
    SELECT m.id AS m, m.client_id, m.opened_at::date AS opened, k, random() AS r, random() AS r2,
           CASE WHEN m.client_id = %(client)s THEN k
                ELSE 1 + floor(random() * greatest(1, least(22, {MONTHS_OPEN})))::int END AS months_back
    FROM matters_matter AS m
    CROSS JOIN generate_series(1, %(measured)s) AS k
    WHERE (mod(m.id, %(every)s) = %(offset)s AND k = 1) OR m.client_id = %(client)s
), months AS (
    SELECT p.*, (date_trunc('month', current_date) - make_interval(months => p.months_back))::date AS ms
    FROM picked AS p
), dated AS (
    SELECT mo.*, (mo.ms + interval '1 month' - interval '1 day')::date AS me FROM months AS mo
), acted AS (
    SELECT d.*, greatest(d.ms, d.opened) AS period_start, d.me AS period_end,
           least(d.me + 1 + floor(d.r2 * 4)::int, current_date) AS act_date
    FROM dated AS d WHERE d.opened <= d.me
), staged AS (
    SELECT a.*, CASE
        WHEN a.r < 0.10 AND a.act_date >= current_date - 14 THEN 'issued'
        WHEN a.r < 0.25 THEN 'waiting'
        WHEN a.r < 0.88 THEN 'accepted'
        ELSE 'objected' END AS state
    FROM acted AS a
), sent AS (
    SELECT s.*, CASE WHEN s.state <> 'issued' THEN least(s.act_date + floor(s.r2 * 3)::int, current_date) END AS sent_on
    FROM staged AS s
), due AS (
    SELECT s.*, (SELECT d::date FROM generate_series(s.sent_on + 1, s.sent_on + 14, interval '1 day') AS d
                 WHERE extract(isodow FROM d) < 6 ORDER BY d OFFSET %(offset_days)s LIMIT 1) AS acceptance_due
    FROM sent AS s
)
SELECT nextval(pg_get_serial_sequence('billing_act', 'id')) AS id, NULL::bigint AS corrects_id,
       NULL::int AS correction_no, u.m, u.client_id, u.k, u.r, u.months_back, u.ms, u.period_start, u.period_end,
       u.act_date, u.sent_on, u.acceptance_due,
       CASE u.state
           WHEN 'accepted' THEN 'accepted' WHEN 'objected' THEN 'objected'
           WHEN 'waiting' THEN CASE WHEN u.acceptance_due < current_date THEN 'deemed' ELSE '' END
           ELSE '' END AS answer,
       CASE
           WHEN u.state IN ('accepted', 'objected')
               THEN least(u.sent_on + mod(floor(u.r * 1000)::int, 4) + 1, u.acceptance_due, current_date)
           WHEN u.state = 'waiting' AND u.acceptance_due < current_date THEN u.acceptance_due + 1
           END AS answered_on
FROM due AS u
"""
# The corrections: half of the objected acts, corrected a couple of days after the objection, sent at once.
CORRECTIONS = """
INSERT INTO bench_act_plan
SELECT nextval(pg_get_serial_sequence('billing_act', 'id')), p.id, 1, p.m, p.client_id, p.k, p.r, p.months_back,
       p.ms, p.period_start, p.period_end, x.act_date, x.act_date, x.due,
       CASE WHEN x.due < current_date THEN 'accepted' ELSE '' END,
       CASE WHEN x.due < current_date THEN least(x.act_date + 2, x.due) END
FROM bench_act_plan AS p
CROSS JOIN LATERAL (SELECT least(p.answered_on + 2, current_date) AS act_date) AS y
CROSS JOIN LATERAL (
    SELECT y.act_date, (SELECT d::date FROM generate_series(y.act_date + 1, y.act_date + 14, interval '1 day') AS d
                        WHERE extract(isodow FROM d) < 6 ORDER BY d OFFSET %(offset_days)s LIMIT 1) AS due
) AS x
WHERE p.answer = 'objected' AND p.r >= 0.94
"""


def _generate(conn: psycopg.Connection, client_id: int) -> tuple[int, int]:
    from .generate import _insert

    partners = conn.execute(
        "SELECT id, full_name FROM users_user WHERE role = 'partner' AND is_active ORDER BY id"
    ).fetchall()
    if not partners:
        raise BenchError("the data set has no active partner to issue acts")
    terminations = conn.execute("SELECT count(*) FROM billing_termination WHERE final_act_id IS NOT NULL").fetchone()
    if terminations[0]:
        raise BenchError("billing_termination refers to acts: the bench will not delete them")
    with conn.transaction():
        profile, requisites = _firm_profile(conn)
        # DELETE, not TRUNCATE … CASCADE: nothing else that refers to an act (a termination) goes with them.
        for table in ("billing_actdispatch", "billing_upd", "billing_actline", "billing_act"):
            conn.execute(f"DELETE FROM {table}")
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)")
        conn.execute("SELECT setseed(0.2027)")
        params = {
            "client": client_id,
            "measured": MEASURED_PER_MATTER,
            "every": ACT_EVERY,
            "offset": ACT_OFFSET,
            "days": ACCEPTANCE_DAYS,
            "offset_days": ACCEPTANCE_DAYS - 1,
        }
        conn.execute(PLAN, params)
        corrections = conn.execute(CORRECTIONS, params).rowcount
        # Gapless numbers per year of the act's date, originals and corrections alike, in date order.
        conn.execute(
            "CREATE TEMP TABLE bench_act_numbers ON COMMIT DROP AS SELECT id, extract(year FROM act_date)::int AS year,"
            " row_number() OVER (PARTITION BY extract(year FROM act_date) ORDER BY act_date, id) AS seq"
            " FROM bench_act_plan"
        )
        customer = ", ".join(f"'{name}', coalesce(c.{name}::text, '')" for name in CUSTOMER_FIELDS)
        partner = "(%(partner_ids)s::bigint[])[1 + mod(p.m, %(partners)s)]"
        client_user = (
            "(SELECT min(u.id) FROM users_user AS u"
            " WHERE u.client_id = p.client_id AND u.is_active AND u.role = 'client')"
        )
        made = _insert(
            conn,
            "billing_act",
            {
                "id": "p.id",
                "matter_id": "p.m",
                "client_id": "p.client_id",
                "year": "n.year",
                "seq": "n.seq",
                "number": "n.year || '-' || lpad(n.seq::text, greatest(4, length(n.seq::text)), '0')",
                "act_date": "p.act_date",
                "period_start": "p.period_start",
                "period_end": "p.period_end",
                "is_final": "false",
                "corrects_id": "p.corrects_id",
                "correction_no": "p.correction_no",
                "correction_reason": "CASE WHEN p.corrects_id IS NOT NULL THEN %(reason)s ELSE '' END",
                "language": "coalesce(nullif(c.language, ''), 'ru')",
                "firm_profile_id": "%(profile)s",
                "requisites": "%(requisites)s::jsonb",
                "customer": f"jsonb_build_object({customer})",
                "vat_rate": "NULL",
                "vat_ground": "%(ground)s",
                "net": "0",
                "vat": "0",
                "gross": "0",
                "signatory_name": "(%(partner_names)s::text[])[1 + mod(p.m, %(partners)s)]",
                "signatory_position": "CASE WHEN c.language = 'en' THEN 'Partner' ELSE 'Партнёр' END",
                "client_signatory": "c.signatory",
                "acceptance_days": "%(days)s",
                "acceptance_due": "p.acceptance_due",
                "pdf": "''",
                "issued_at": "least(p.act_date::timestamptz + interval '12 hours', now())",
                "issued_by_id": partner,
                "answer": "p.answer",
                "answered_at": "least(p.answered_on::timestamptz + interval '11 hours', now())",
                "answered_by_id": f"CASE WHEN p.answer IN ('accepted', 'objected') THEN {client_user} END",
                "objection": "CASE WHEN p.answer = 'objected' THEN %(objection)s ELSE '' END",
            },
            "FROM bench_act_plan AS p JOIN bench_act_numbers AS n ON n.id = p.id"
            " JOIN clients_client AS c ON c.id = p.client_id",
            params
            | {
                "profile": profile,
                "requisites": requisites,
                "ground": _no_vat_ground(),
                "partner_ids": [row[0] for row in partners],
                "partner_names": [row[1] for row in partners],
                "partners": len(partners),
                "reason": CORRECTION_REASON,
                "objection": OBJECTION,
            },
        )
        _lines(conn, _insert)
        conn.execute(
            "UPDATE billing_act AS a SET net = l.total, gross = l.total"
            " FROM (SELECT act_id, sum(gross) AS total FROM billing_actline GROUP BY act_id) AS l"
            " WHERE l.act_id = a.id"
        )
        # One dispatch of each act sent: in the portal, or (one in three) by post with its tracking number.
        _insert(
            conn,
            "billing_actdispatch",
            {
                "act_id": "p.id",
                "channel": "CASE WHEN mod(p.id, 3) = 0 THEN 'post' ELSE 'portal' END",
                "sent_on": "p.sent_on",
                "tracking_number": "CASE WHEN mod(p.id, 3) = 0 THEN (80000000000000 + p.id)::text ELSE '' END",
                "address": "CASE WHEN mod(p.id, 3) = 0 THEN coalesce(nullif(a.customer->>'postal_address', ''),"
                " a.customer->>'address', '') ELSE '' END",
                "created_at": "least(p.sent_on::timestamptz + interval '10 hours', now())",
                "created_by_id": "a.issued_by_id",
            },
            "FROM bench_act_plan AS p JOIN billing_act AS a ON a.id = p.id WHERE p.sent_on IS NOT NULL",
            {},
        )
        for table in ("billing_act", "billing_actline", "billing_actdispatch"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 1))"
            )
    conn.execute("VACUUM (ANALYZE) billing_act, billing_actline, billing_actdispatch")
    return made, corrections


def _lines(conn: psycopg.Connection, insert) -> None:
    """Three lines on each original: time (priced from the minutes), an expense at cost, and the month's
    retainer (every other matter) or more time; a correction repeats its original's lines in full, the first
    one's hours reduced by one."""
    minutes = "(120 + 30 * mod(a.id, 13))"
    second = "mod(a.matter_id, 2) = 0"  # a retainer matter: the month's fee as the third line
    retainer = "(50000 + 10000 * mod(a.matter_id, 6))"
    expense = "(500 + 250 * mod(a.id * 7, 20))"
    month = "to_char(a.period_start, 'YYYY-MM')"
    insert(
        conn,
        "billing_actline",
        {
            "act_id": "a.id",
            "matter_id": "a.matter_id",
            "position": "k",
            "source": f"CASE k WHEN 1 THEN 'time' WHEN 2 THEN 'expense' ELSE CASE WHEN {second} THEN 'retainer'"
            " ELSE 'time' END END",
            "description": f"CASE k WHEN 2 THEN (%(expenses)s::text[])[1 + mod(a.id, %(n_expenses)s)]"
            f" WHEN 3 THEN CASE WHEN {second} THEN 'Абонентское юридическое обслуживание за '"
            " || to_char(a.period_start, 'MM.YYYY')"
            " ELSE (%(work)s::text[])[1 + mod(a.id + 2, %(n_work)s)] END"
            " ELSE (%(work)s::text[])[1 + mod(a.id, %(n_work)s)] END",
            "quantity": f"CASE WHEN k = 1 THEN round({minutes} / 60.0, 4) WHEN k = 3 AND NOT {second} THEN 1.5"
            " ELSE 1 END",
            "unit": f"CASE WHEN k = 2 THEN '876' WHEN k = 3 AND {second} THEN '362' ELSE '356' END",
            "minutes": f"CASE WHEN k = 1 THEN {minutes} WHEN k = 3 AND NOT {second} THEN 90 END",
            "unit_price": f"CASE k WHEN 2 THEN {expense} WHEN 3 THEN CASE WHEN {second} THEN {retainer}"
            f" ELSE %(hourly)s END ELSE %(hourly)s END",
            "vat_rate": "NULL",
            "net": "0",
            "vat": "0",
            "gross": "0",
            "key": f"CASE k WHEN 1 THEN 'time:bench-' || a.id || '-1' WHEN 2 THEN 'expense:bench-' || a.id"
            f" ELSE CASE WHEN {second} THEN 'retainer:' || {month} ELSE 'time:bench-' || a.id || '-3' END END",
            "correction": "false",
            "time_entry_id": "NULL",
            "expense_id": "NULL",
            "stage_id": "NULL",
        },
        "FROM billing_act AS a CROSS JOIN generate_series(1, %(lines)s) AS k WHERE a.corrects_id IS NULL",
        {
            "expenses": EXPENSES,
            "n_expenses": len(EXPENSES),
            "work": TIME_WORK,
            "n_work": len(TIME_WORK),
            "hourly": HOURLY,
            "lines": LINES,
        },
    )
    insert(
        conn,
        "billing_actline",
        {
            "act_id": "a.id",
            "matter_id": "l.matter_id",
            "position": "l.position",
            "source": "l.source",
            "description": "l.description",
            "quantity": "CASE WHEN l.position = 1 THEN round((l.minutes - 60) / 60.0, 4) ELSE l.quantity END",
            "unit": "l.unit",
            "minutes": "CASE WHEN l.position = 1 THEN l.minutes - 60 ELSE l.minutes END",
            "unit_price": "l.unit_price",
            "vat_rate": "NULL",
            "net": "0",
            "vat": "0",
            "gross": "0",
            "key": "l.key",
            "correction": "true",
            "time_entry_id": "NULL",
            "expense_id": "NULL",
            "stage_id": "NULL",
        },
        "FROM billing_act AS a JOIN billing_actline AS l ON l.act_id = a.corrects_id",
        {},
    )
    # Priced as the service prices them: time from the minutes (minutes × hourly rate / 60), else quantity × price.
    conn.execute(
        "UPDATE billing_actline SET net = p.amount, gross = p.amount FROM (SELECT id, CASE WHEN minutes IS NOT NULL"
        " THEN round(minutes * unit_price / 60, 2) ELSE round(quantity * unit_price, 2) END AS amount"
        " FROM billing_actline) AS p WHERE p.id = billing_actline.id"
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.act_data [--regenerate]`: the acts alone (the rest of the data set must exist)."""
    import argparse
    import os
    import sys

    from . import portal
    from .__main__ import BENCH_ENV
    from .database import database_url

    parser = argparse.ArgumentParser(prog="python -m bench.act_data", description=main.__doc__)
    parser.add_argument("--regenerate", action="store_true", help="generate the acts again even if present")
    args = parser.parse_args(argv)
    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = database_url()
    portal.setup()
    try:
        client_id, _tasks = portal.typical_client()
        ensure_acts(os.environ["DATABASE_URL"], client_id=client_id, regenerate=args.regenerate)
    except (BenchError, LookupError) as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
