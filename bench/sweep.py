"""The due-reminder sweep over a million scheduled notices (issue 11; budget 2 s).

A non-HTTP section of `make bench`: `section(scale=...)` returns the printed lines.

1. The notices: 1,000,000 × scale reminders written by one INSERT … SELECT over generate_series
   (seconds, not minutes): SCHEDULED, each with its own idempotency key and a group, due over the
   next 60 days — except DUE_SHARE of them, fallen due over the last hour (a backlog after the
   worker was down for a while; a normal minute has far fewer). Idempotent: the table
   `bench_sweep` remembers what was generated; the same size and version is not generated again.
2. The measure: the beat sweep's claim (notices.services.notices_claim_due, SELECT … FOR UPDATE
   SKIP LOCKED in batches of 1,000, SCHEDULED → PENDING) until nothing due is left, inside a
   transaction rolled back afterwards so that every round claims the same rows. REPEATS rounds;
   the median and the slowest, in seconds, against the budget.

Standalone (the bench database must exist and be migrated: `python -m bench --generate-only`):
    BENCH_DATABASE_URL=... python -m bench.sweep [--scale 1] [--repeats 5] [--regenerate]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass

from .database import BenchError, connect, database_url, ensure_database, migrate

VERSION = 1
ROWS = 1_000_000
DUE_SHARE = 0.01
REPEATS = 5
BUDGET_SECONDS = 2.0
KIND = "bench_reminder"
MARKER_DDL = (
    "CREATE TABLE IF NOT EXISTS bench_sweep (id int PRIMARY KEY, version int NOT NULL, rows bigint NOT NULL,"
    " due bigint NOT NULL, seconds double precision NOT NULL, generated_at timestamptz NOT NULL)"
)
INSERT = """
INSERT INTO notices_notice (recipient_id, to_email, kind, subject, body_text, body_html, status, key, "group",
                            link, attempts, created_at, due_at, next_attempt_at, read_at, claimed_at, sent_at,
                            last_error)
SELECT NULL, 'client' || (n %% 5000) || '@bench.test', %(kind)s,
       'Напоминание: заседание по делу А60-' || n || '/2026', 'Заседание состоится через день.', '', 'scheduled',
       'bench:hearing:' || n || ':1d', 'hearing:' || (n / 2), '/hearings/' || (n / 2) || '/', 0,
       now() - interval '30 days',
       CASE WHEN n <= %(due)s THEN now() - (n %% 3600) * interval '1 second'
            ELSE now() + ((n::bigint * 7919) %% (60 * 86400)) * interval '1 second' + interval '1 hour' END,
       NULL, NULL, NULL, NULL, ''
FROM generate_series(1, %(rows)s) AS n
"""


@dataclass
class Sweep:
    rows: int
    due: int
    generated: bool
    seconds: float


def ensure_notices(url: str, rows: int, *, regenerate: bool = False) -> Sweep:
    due = int(rows * DUE_SHARE)
    with connect(url) as conn:
        conn.execute(MARKER_DDL)
        marker = conn.execute("SELECT version, rows, due, seconds FROM bench_sweep WHERE id = 1").fetchone()
        if not regenerate and marker and tuple(marker[:3]) == (VERSION, rows, due):
            # The due ones are due relative to the time of generation: still due (only more of the others).
            return Sweep(rows, due, False, marker[3])
        started = time.perf_counter()
        conn.execute("DELETE FROM notices_notice WHERE kind = %s", [KIND])
        conn.execute(INSERT, {"kind": KIND, "rows": rows, "due": due})
        conn.execute("ANALYZE notices_notice")
        seconds = time.perf_counter() - started
        conn.execute(
            "INSERT INTO bench_sweep VALUES (1, %s, %s, %s, %s, now()) ON CONFLICT (id) DO UPDATE SET"
            " version = EXCLUDED.version, rows = EXCLUDED.rows, due = EXCLUDED.due, seconds = EXCLUDED.seconds,"
            " generated_at = EXCLUDED.generated_at",
            [VERSION, rows, due, seconds],
        )
        conn.commit()
    return Sweep(rows, due, True, seconds)


def _claim_all() -> tuple[float, int]:
    """One sweep's claiming: every due reminder SCHEDULED → PENDING, then rolled back."""
    from django.db import transaction

    from notices.services import notices_claim_due

    claimed = 0
    with transaction.atomic():
        started = time.perf_counter()
        while True:
            ids = notices_claim_due(limit=1000)
            claimed += len(ids)
            if len(ids) < 1000:
                break
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, claimed


def section(*, scale: float = 1.0, repeats: int = REPEATS, regenerate: bool = False) -> list[str]:
    """The lines `make bench` prints under "Due-reminder sweep"."""
    rows = max(1000, int(ROWS * scale))
    data = ensure_notices(database_url(), rows, regenerate=regenerate)
    lines = [
        f"{data.rows:,} scheduled notices {'generated now' if data.generated else 'present, generated earlier'}"
        f" in {data.seconds:.1f} s; {data.due:,} of them due (an hour's backlog)"
    ]
    samples, claimed = [], 0
    for _ in range(repeats):
        seconds, claimed = _claim_all()
        samples.append(seconds)
    if claimed < data.due:
        raise BenchError(f"the sweep claimed {claimed:,} reminders, expected {data.due:,} due ones")
    median, slowest = statistics.median(samples), max(samples)
    verdict = "within budget" if slowest <= BUDGET_SECONDS else "over budget"
    lines.append(
        f"sweep (claim every due reminder, batches of 1,000): {claimed:,} claimed in {median:.3f} s median,"
        f" {slowest:.3f} s slowest of {repeats} — {verdict} ({BUDGET_SECONDS:g} s)"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sweep", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    from .__main__ import BENCH_ENV

    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = database_url()
    try:
        ensure_database(database_url())
        migrate()
        import django

        django.setup()
        for line in section(scale=args.scale, repeats=args.repeats, regenerate=args.regenerate):
            print(f"  {line}")
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
