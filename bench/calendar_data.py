"""The calendar's part of the bench data set: hearings and procedural deadlines on the generated matters.

One open matter in three has a case in court: three hearings (or sessions, negotiations, meetings) and
two deadlines, spread from 90 days back to 275 days ahead, on working hours of the firm's zone; one
hearing in twelve is cancelled, past deadlines are done. At full size a client has about eight hearings
and five deadlines a year, and a lead (2,500 matters here) about 2,100 hearings and 1,400 deadlines;
the lead's feed is the heavy case (its window holds all of them, up to the selector's cap).
"""

import psycopg

ZONE = "Asia/Yekaterinburg"
HEARINGS_PER_MATTER = 3
DEADLINES_PER_MATTER = 2
# Which matters have a case: one open matter in three.
CASE = "m.status = 'open' AND mod(m.id * 7, 3) = 0"

HEARING_TITLES = [
    "Предварительное судебное заседание",
    "Судебное заседание",
    "Заседание комиссии",
    "Переговоры с контрагентом",
    "Встреча с клиентом",
]
VENUES = [
    "Арбитражный суд Свердловской области",
    "Кировский районный суд г. Екатеринбурга",
    "УФАС по Свердловской области",
    "Офис контрагента",
    "Офис фирмы",
]
DEADLINE_TITLES = [
    "Подать апелляционную жалобу",
    "Представить отзыв на иск",
    "Уплатить государственную пошлину",
    "Подать возражения",
]


def rows(conn: psycopg.Connection, plan) -> int:
    from .generate import _firm_params, _has_table, _insert

    if not _has_table(conn, "hearings_hearing"):
        return 0
    params = {
        "zone": ZONE,
        "titles": HEARING_TITLES,
        "venues": VENUES,
        "deadlines": DEADLINE_TITLES,
        "hearings": HEARINGS_PER_MATTER,
        "per_deadline": DEADLINES_PER_MATTER,
        **_firm_params(plan.sizes),
    }
    lead = "%(first_lead)s + mod(s.m * %(lead_stride)s, %(leads)s)"
    with conn.transaction():
        made = _insert(
            conn,
            "hearings_hearing",
            {
                "matter_id": "s.m",
                "kind": "(ARRAY['court', 'court', 'authority', 'negotiation', 'meeting'])[1 + mod(s.m + s.k, 5)]",
                "title": "pg_temp.pick(%(titles)s, s.m + s.k)",
                "venue": "pg_temp.pick(%(venues)s, s.m + s.k)",
                "address": "'г. Екатеринбург, ул. ' || pg_temp.pick(%(streets)s, s.m) || ', ' || (1 + mod(s.m, 90))",
                "room": "(100 + mod(s.m * s.k, 900))::text",
                "case_number": "'А60-' || s.m || '/2026'",
                "starts_at": "s.starts",
                "ends_at": "CASE WHEN s.r3 >= 0.2 THEN s.starts + (1 + floor(s.r3 * 3)) * interval '1 hour' END",
                "time_zone": "%(zone)s",
                "representative_id": lead,
                "notes": "''",
                "status": "CASE WHEN s.r3 > 0.92 THEN 'cancelled' ELSE 'scheduled' END",
                "cancel_reason": "CASE WHEN s.r3 > 0.92 THEN 'Заседание отложено судом' ELSE '' END",
                "sequence": "floor(s.r2 * 3)::int",
                "created_by_id": lead,
                "created_at": "s.starts - interval '40 days'",
                "updated_at": "s.starts - interval '40 days' + s.r2 * interval '20 days'",
            },
            """FROM (
                SELECT m.id AS m, k, random() AS r2, random() AS r3,
                       (date_trunc('day', now() AT TIME ZONE %(zone)s)
                        + floor(random() * 365 - 90) * interval '1 day'
                        + (9 + floor(random() * 8)) * interval '1 hour') AT TIME ZONE %(zone)s AS starts
                FROM matters_matter AS m CROSS JOIN generate_series(1, %(hearings)s) AS k
                WHERE """
            + CASE
            + ") AS s",
            {**params, "streets": ["Ленина", "Малышева", "Мира", "Вайнера"]},
        )
        made += _insert(
            conn,
            "hearings_deadline",
            {
                "matter_id": "s.m",
                "title": "pg_temp.pick(%(deadlines)s, s.m + s.k)",
                "due_on": "s.due",
                "responsible_id": lead,
                "rule": "''",
                "trigger_date": "NULL",
                "explanation": "'[]'::jsonb",
                "notes": "''",
                "status": "CASE WHEN s.due < current_date THEN 'done' ELSE 'open' END",
                "done_at": "CASE WHEN s.due < current_date THEN s.due::timestamptz END",
                "sequence": "0",
                "created_by_id": lead,
                "created_at": "s.due - interval '60 days'",
                "updated_at": "s.due - interval '60 days'",
            },
            """FROM (
                SELECT m.id AS m, k, (current_date + floor(random() * 365 - 90)::int) AS due
                FROM matters_matter AS m CROSS JOIN generate_series(1, %(per_deadline)s) AS k
                WHERE """
            + CASE
            + ") AS s",
            params,
        )
    return made
