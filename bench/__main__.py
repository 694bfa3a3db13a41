"""The `make bench` driver: `python -m bench [--scale 0.01] [--requests 300] [--regenerate] ...`.

1. the bench database (BENCH_DATABASE_URL, default engagement_bench on the local PostgreSQL): created
   when missing, migrated;
2. the data set (bench.generate), unless the same one is already there, and its later parts (the
   timeline and the dashboards' rows: generate.ensure_timeline; the conflict check's names; billing's
   invoices and acts: billing_data.ensure_invoices, act_data.ensure_acts);
3. the measured users signed in (a session and an API token each) and each line's SQL queries counted
   in-process (bench.portal);
4. gunicorn on a free port with the production settings (DEBUG off) and the floors (BENCH_VIEWS);
5. every line of bench.pages timed in interleaved rounds over HTTP, each answer checked;
6. the table: p50/p90/p95, the ratios to both floors, the query counts, a verdict per page.

Timings never fail the run (shared, noisy machines); a real error does (exit 1).
"""

import argparse
import os
import platform
import sys
import time
from http.client import HTTPException
from importlib.metadata import version

from . import generate, pages, report, sweep
from .database import (
    BASE_DIR,
    BenchError,
    database_url,
    drop_database,
    ensure_database,
    migrate,
    redact,
    server_version,
)
from .pages import CheckFailed, Measurement
from .server import Gunicorn, Timer

# The production settings (DEBUG off) minus HTTPS, plus the floors; "testserver" for the in-process
# query counts. Redis as in production (BENCH_REDIS_URL, default database 4 of the local server: the
# sessions cached_db, core.caching's short caches on); flushed at the start of each run.
BENCH_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "STATIC_MANIFEST": "0",
    "BENCH_VIEWS": "1",
    "API_THROTTLE_USER": "1000000/min",  # the timing client is one user making thousands of calls
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "engagement.settings",
    "STATIC_ROOT": "var/bench/static",  # an empty folder: no collectstatic needed, no WhiteNoise warning
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="data set size; 0.01 for a quick run")
    parser.add_argument("--regenerate", action="store_true", help="generate the data set even if present")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per line (default 300)")
    parser.add_argument("--warmup", type=int, default=30, help="untimed requests per line first")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds the requests are split into")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--recreate-db", action="store_true", help="drop the bench database first and start over")
    parser.add_argument("--generate-only", action="store_true", help="stop after the data set")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE every page's slowest query")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="",
        metavar="NAME",
        help="in-process figures per line instead of timing (with NAME, part of a line's name: cProfile too)",
    )
    args = parser.parse_args(argv)
    if args.requests < args.rounds or args.rounds < 1:
        parser.error("--requests must be at least --rounds, and --rounds at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        run(args)
    except (BenchError, CheckFailed) as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench: interrupted", file=sys.stderr)
        return 130
    return 0


def run(args: argparse.Namespace) -> None:
    url = database_url()
    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = url
    redis_prepare()
    (BASE_DIR / BENCH_ENV["STATIC_ROOT"]).mkdir(parents=True, exist_ok=True)

    print(f"Database: {redact(url)}")
    if args.recreate_db:
        drop_database(url)
        print("  dropped")
    if ensure_database(url):
        print("  created")
    migrate()

    from . import portal  # Django is set up only now, with the bench environment

    portal.setup()
    sizes = generate.Sizes.for_scale(args.scale)
    started = time.perf_counter()
    data = generate.ensure(url, sizes, regenerate=args.regenerate, password_hash=portal.password_hash)
    if data.generated:
        print(f"  generated in {time.perf_counter() - started:.1f} s")
    else:
        print(f"  data set present (generated earlier in {data.seconds:.1f} s); --regenerate to redo it")
    print(f"  {data.clients:,} clients, {data.matters:,} matters, {data.tasks:,} tasks")
    started = time.perf_counter()
    timeline = generate.ensure_timeline(url, sizes, regenerate=args.regenerate)
    if timeline.generated:
        print(f"  timeline and dashboards' rows generated in {time.perf_counter() - started:.1f} s")
    else:
        print(f"  timeline present (generated earlier in {timeline.seconds:.1f} s)")
    print(
        f"  {timeline.events:,} timeline lines (matter #{timeline.busy_matter} the busiest of the measured client),"
        f" {timeline.rows:,} rows of messages, results, deliveries and risk notices"
    )
    from . import conflicts

    conflicts.ensure_parties(url, regenerate=args.regenerate)
    from . import billing_data

    try:
        measured_client, _tasks = portal.typical_client()
    except LookupError as error:
        raise BenchError(f"cannot pick the measured client: {error}") from None
    billing_data.ensure_invoices(url, client_id=measured_client, regenerate=args.regenerate)
    from . import act_data

    act_data.ensure_acts(url, client_id=measured_client, regenerate=args.regenerate)
    if args.generate_only:
        return

    print_environment(url, args)
    try:
        ctx = portal.prepare()
    except LookupError as error:
        raise BenchError(f"cannot pick the measured users: {error}") from None
    for actor in ctx.actors.values():
        print(f"  {actor.role}: {actor.email} (user #{actor.user_id}), {actor.detail}")
    print(f"  rows expected: {', '.join(f'{k} {v}' for k, v in ctx.rows.items())}")

    measurements = pages.MEASUREMENTS
    if args.profile is not None:
        from . import profile

        profile.run(ctx, measurements, only=args.profile)
        return
    counts = {}
    for m in measurements:
        try:
            counts[m.name] = portal.count_queries(m.url(ctx), m.headers(ctx))
        except RuntimeError as error:
            raise BenchError(f"{m.name}: {error}") from None
    portal.close_connections()

    print(f"\nServing with gunicorn ({args.workers} sync workers) ...", flush=True)
    with Gunicorn(workers=args.workers) as server:
        try:
            samples = time_lines(ctx, server.port, measurements, args)
        except (OSError, HTTPException) as error:
            raise BenchError(f"the server failed: {error!r}\n{server.log_tail()}") from None

    rows = [
        report.Row(
            name=m.name,
            path=m.url(ctx),
            summary=report.summarize(samples[m.name]),
            queries=counts[m.name].count,
            sql_ms=counts[m.name].sql_ms,
            request_ms=counts[m.name].request_ms,
            budget=m.budget,
        )
        for m in measurements
    ]
    by_floor = {m.floor: row.summary for m, row in zip(measurements, rows, strict=True) if m.floor}
    hello, list_floor = by_floor["hello"], by_floor["list"]
    print(
        f"\n{args.requests} timed requests per line in {args.rounds} interleaved rounds"
        f" (after {args.warmup} warm-up requests each):"
    )
    print(report.table(rows, hello, list_floor))

    for m, row in zip(measurements, rows, strict=True):
        if m.floor is None:
            diagnose(m, row, counts[m.name], list_floor, explain=args.explain)

    for section in pages.SECTIONS:
        print(f"\n{section.name}")
        for line in section.run(ctx):
            print(f"  {line}")

    print("\nDue-reminder sweep over a million scheduled notices (bench.sweep)")
    for line in sweep.section(scale=args.scale):
        print(f"  {line}")


def redis_prepare() -> None:
    """REDIS_URL for this run: BENCH_REDIS_URL or the local server's database 4, emptied (a regenerated data
    set reuses ids). Without a reachable Redis the run goes on without it and says so."""
    url = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/4"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except Exception as error:  # any failure means "no Redis": the run says so and goes on
        print(f"Redis at {redact(url)} unreachable ({error.__class__.__name__}): database sessions, no caches")
        os.environ.pop("REDIS_URL", None)
        return
    os.environ["REDIS_URL"] = url


def diagnose(m: Measurement, row: report.Row, count, list_floor: report.Summary, *, explain: bool) -> None:
    """Where an over-budget page spends its time: EXPLAIN its slowest query when SQL is a large part."""
    from . import portal

    over = m.budget is not None and row.summary.p95 > m.budget * list_floor.p95
    if not (over or explain):
        return
    sql_share = count.sql_ms / count.request_ms if count.request_ms else 0.0
    print(
        f"\n{m.name}: in-process, its {count.count} queries took {count.sql_ms:.2f} ms"
        f" of {count.request_ms:.2f} ms ({sql_share:.0%}); the slowest {count.slowest_ms:.2f} ms."
    )
    if sql_share < 0.2 and count.slowest_ms < 3.0 and not explain:
        print("  The time is in Python (view, template or serializer), not in the database.")
        return
    print(f"  {shorten_select(count.slowest_sql)}\n  params: {count.slowest_params!r}")
    print("  EXPLAIN (ANALYZE, BUFFERS), warm:")
    for line in portal.explain(count.slowest_sql, count.slowest_params).splitlines():
        print(f"    {line}")


def shorten_select(sql: str) -> str:
    """SELECT <the long column list> FROM ... -> SELECT … FROM ...: the plan is about the rest."""
    head, sep, rest = sql.partition(" FROM ")
    if sep and head.startswith("SELECT ") and len(head) > 120:
        return f"SELECT … FROM {rest}"
    return sql


def time_lines(ctx, port: int, measurements: list[Measurement], args: argparse.Namespace) -> dict[str, list]:
    """Warm up and check every line, then time them in rounds, round-robin (each round starts one further)."""
    timer = Timer(port)
    prepared = [(m, m.url(ctx), m.headers(ctx)) for m in measurements]
    try:
        for m, url, headers in prepared:
            for _ in range(args.warmup):
                _, status, body = timer.get(url, headers)
                m.check(ctx, status, body)
        samples: dict[str, list[float]] = {m.name: [] for m in measurements}
        for r in range(args.rounds):
            n = args.requests // args.rounds + (1 if r < args.requests % args.rounds else 0)
            print(f"  round {r + 1}/{args.rounds}", flush=True)
            for i in range(len(prepared)):
                m, url, headers = prepared[(i + r) % len(prepared)]
                for _ in range(n):
                    elapsed, status, body = timer.get(url, headers)
                    if status != 200:
                        m.check(ctx, status, body)
                    samples[m.name].append(elapsed)
                m.check(ctx, status, body)
        return samples
    finally:
        timer.close()


def print_environment(url: str, args: argparse.Namespace) -> None:
    from django.conf import settings

    print("\nEnvironment:")
    print(f"  Python {platform.python_version()}, Django {version('django')}, gunicorn {version('gunicorn')}")
    print(f"  PostgreSQL {server_version(url)}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"  gunicorn: {args.workers} sync workers; sessions: {settings.SESSION_ENGINE}")
    if settings.REDIS_URL:
        caches = "on" if settings.PORTAL_CACHE else "off"
        print(f"  Redis: {redact(settings.REDIS_URL)} (sessions cached_db; portal caches {caches})")
    else:
        print("  Redis: none (database sessions, local-memory cache, portal caches off)")


if __name__ == "__main__":
    sys.exit(main())
