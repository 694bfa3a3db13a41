"""The `make load` driver: `python -m bench.load [--scale 0.01] [--users 50] [--minutes 5] ...`.

1. the bench data set (bench's own generation, `python -m bench --generate-only`), in a database of its
   own (LOAD_DATABASE_URL, else `engagement_load` on BENCH_DATABASE_URL's server, by default the local
   PostgreSQL); generated again each run, since a run's writes change it;
2. a pool of signed-in client users, lead specialists and partners (bench.load.actors);
3. gunicorn (production settings, DEBUG off; 2 sync workers a core by default) and a Celery worker with
   beat, both on Redis (LOAD_REDIS_URL, default redis://127.0.0.1:6379/5: a database and a queue of the run's own);
4. the step run: locust headless with 10, 20, 30, ... users for 60 s each, stopping at the first step
   that fails (p95 >= 200 ms or any error): the highest step that held is the answer;
5. the long run: 50 users for --minutes (5), with the notices the run causes counted before and after
   (each must be sent once, none left waiting once the worker drained) and the RSS of the gunicorn
   workers and the Celery worker sampled every 10 s.

Exit 1 when the long run had errors, lost or duplicated a notice, or a process's memory grew.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.database import BASE_DIR, BenchError, database_url, redact

from . import plan

LOAD_DIR = BASE_DIR / "var" / "load"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=float, default=float(env("LOAD_SCALE", "1.0")), help="data set size (bench's)")
    p.add_argument("--users", type=int, default=int(env("LOAD_USERS", "50")), help="users of the long run")
    p.add_argument("--minutes", type=float, default=float(env("LOAD_MINUTES", "5")), help="the long run's length")
    p.add_argument("--step", type=int, default=10, help="users added each step (and the first step)")
    p.add_argument("--step-seconds", type=int, default=60, help="each step's length")
    p.add_argument("--max-users", type=int, default=300, help="the step run stops here at the latest")
    p.add_argument("--p95-ms", type=float, default=200.0, help="a step holds under this p95 with no errors")
    p.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn sync workers")
    p.add_argument("--warmup-seconds", type=int, default=30, help="an uncounted run first (cold workers)")
    p.add_argument("--no-steps", action="store_true", help="skip the step run")
    p.add_argument("--no-long", action="store_true", help="skip the long run")
    p.add_argument("--drain-seconds", type=int, default=180, help="how long to wait for the worker to drain")
    return p.parse_args(argv)


def load_database_url() -> str:
    """LOAD_DATABASE_URL, else bench's server with a database of the load run's own (`engagement_load`).

    The run writes (tasks, clients, notices), so the next run finds the data set changed and generates it
    again: in bench's own database that would cost the next `make bench` a regeneration too."""
    return os.environ.get("LOAD_DATABASE_URL") or urlsplit(database_url())._replace(path="/engagement_load").geturl()


def environment() -> dict[str, str]:
    from bench.__main__ import BENCH_ENV

    url = load_database_url()
    redis = os.environ.get("LOAD_REDIS_URL") or "redis://127.0.0.1:6379/5"
    return {
        **BENCH_ENV,
        "BENCH_VIEWS": "0",
        "DATABASE_URL": url,
        "BENCH_DATABASE_URL": url,
        "REDIS_URL": redis,
        "CELERY_QUEUE": os.environ.get("LOAD_QUEUE", "engagement-load"),
        # Mail goes nowhere (a real SMTP server would be measured otherwise); the notice rows still say "sent".
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "MEDIA_ROOT": str(LOAD_DIR / "media"),
        "API_THROTTLE_USER": "1000000/min",
        "API_THROTTLE_ANON": "1000000/min",
        "SITE_URL": "http://127.0.0.1",
        # gunicorn, the worker and locust import this tree's code (the locustfile imports bench.load.forms)
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(p for p in (str(BASE_DIR), *_pythonpath()) if p)),
    }


def _pythonpath() -> list[str]:
    return os.environ.get("PYTHONPATH", "").split(os.pathsep)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.update(environment())
    LOAD_DIR.mkdir(parents=True, exist_ok=True)
    try:
        return run(args)
    except BenchError as error:
        print(f"\nload: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nload: interrupted", file=sys.stderr)
        return 130


def run(args: argparse.Namespace) -> int:
    from bench import __main__ as bench_main

    print(f"Data set: scale {args.scale} in {redact(os.environ['DATABASE_URL'])}", flush=True)
    bench_main.run(bench_main.parse_args(["--scale", str(args.scale), "--generate-only"]))
    os.environ.update(environment())  # bench's run set its own environment: ours again on top

    from . import actors

    try:
        pool = actors.prepare()
    except LookupError as error:
        raise BenchError(str(error)) from None
    actors_path = LOAD_DIR / "actors.json"
    actors.write(pool, actors_path)
    print(
        f"  {len(pool['clients'])} client users, {len(pool['leads'])} leads"
        f" ({sum(len(x['tasks']) for x in pool['leads'])} submitted tasks to accept), {len(pool['partners'])} partners"
    )
    from bench.portal import close_connections

    close_connections()
    os.environ["LOAD_ACTORS"] = str(actors_path)
    global POOL
    POOL = pool
    os.environ["LOAD_MAX_USERS"] = str(max(args.max_users, args.users))

    from bench.server import Gunicorn

    ok = True
    with Gunicorn(workers=args.workers) as server, Worker() as worker:
        host = f"http://127.0.0.1:{server.port}"
        print(f"\ngunicorn: {args.workers} sync workers on {host}; Celery worker (solo, with beat) pid {worker.pid}")
        if args.warmup_seconds:
            print(f"  warm-up: {args.step} users for {args.warmup_seconds} s (not counted)", flush=True)
            locust(host, args.step, args.warmup_seconds, "warmup")
        if not args.no_steps:
            step_run(args, host)
        if not args.no_long:
            ok = long_run(args, host, server, worker)
    return 0 if ok else 1


class Worker:
    """`celery -A engagement worker --beat --pool=solo` on the run's queue, stopped on the way out."""

    def __enter__(self) -> "Worker":
        celery = Path(sys.executable).parent / "celery"
        self.log_path = LOAD_DIR / "celery.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [
                    str(celery), "-A", "engagement", "worker", "--beat", "--pool=solo", "--loglevel=WARNING",
                    f"--schedule={LOAD_DIR / 'celerybeat-schedule'}",
                ],
                cwd=BASE_DIR, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.pid = self.process.pid
        time.sleep(3)
        if self.process.poll() is not None:
            raise BenchError(f"the Celery worker exited:\n{self.log_path.read_text()[-2000:]}")
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: the task at hand is finished
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


POOL: dict = {}


def locust(host: str, users: int, seconds: int, prefix: str) -> list[plan.Line]:
    """One headless locust run (the leads' tasks to accept refreshed first); its stats (CSV) read back."""
    from . import actors

    if POOL:
        actors.refresh_tasks(POOL)
        actors.write(POOL, Path(os.environ["LOAD_ACTORS"]))
    csv_prefix = LOAD_DIR / prefix
    rate = max(1, min(users, 10))
    command = [
        str(Path(sys.executable).parent / "locust"), "-f", str(LOCUSTFILE), "--headless",
        "-u", str(users), "-r", str(rate), "-t", f"{seconds}s", "--host", host,
        "--csv", str(csv_prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10",
    ]  # fmt: skip
    with (LOAD_DIR / f"{prefix}.log").open("w") as log:
        result = subprocess.run(command, cwd=BASE_DIR, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT)
    stats = Path(f"{csv_prefix}_stats.csv")
    if not stats.exists():
        raise BenchError(f"locust left no stats (exit {result.returncode}); see {LOAD_DIR / prefix}.log")
    return plan.read_stats(stats)


def failures_of(prefix: str, limit: int = 8) -> list[str]:
    path = LOAD_DIR / f"{prefix}_failures.csv"
    if not path.exists():
        return []
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [f"{r['Occurrences']}× {r['Method']} {r['Name']}: {r['Error'][:200]}" for r in rows[:limit]]


def step_run(args: argparse.Namespace, host: str) -> int:
    print(f"\nStep run: {args.step_seconds} s a step, held = p95 < {args.p95_ms:.0f} ms and no errors", flush=True)
    verdicts = []
    for users in plan.steps(start=args.step, step=args.step, most=args.max_users):
        lines = locust(host, users, args.step_seconds, f"step-{users}")
        v = plan.verdict(users, plan.aggregate(lines), p95_limit_ms=args.p95_ms)
        verdicts.append(v)
        print(f"  {users:4d} users: {'held' if v.held else 'NOT held'} — {v.reason}", flush=True)
        if not v.held:
            for line in failures_of(f"step-{users}"):
                print(f"       {line}")
            break
    best = plan.highest_held(verdicts)
    print(f"  Highest load held: {best} users" if best else "  No step held.")
    return best


def notice_counts(since_id: int | None = None) -> dict:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        if since_id is None:
            return {"max_id": conn.execute("SELECT coalesce(max(id), 0) FROM notices_notice").fetchone()[0]}
        by_status = dict(
            conn.execute(
                "SELECT status, count(*) FROM notices_notice WHERE id > %s GROUP BY status", [since_id]
            ).fetchall()
        )
        duplicates = conn.execute(
            "SELECT count(*) FROM (SELECT key FROM notices_notice WHERE id > %s AND key <> ''"
            " GROUP BY recipient_id, key HAVING count(*) > 1) d",
            [since_id],
        ).fetchone()[0]
        return {"by_status": by_status, "duplicates": duplicates}


def drain(since_id: int, seconds: int) -> dict:
    """Wait until none of the run's notices is waiting or being sent (the worker drained), or time is up."""
    deadline = time.monotonic() + seconds
    while True:
        counts = notice_counts(since_id)
        waiting = sum(counts["by_status"].get(s, 0) for s in ("pending", "sending"))
        if not waiting or time.monotonic() > deadline:
            return counts
        time.sleep(2)


class Sampler(threading.Thread):
    """RSS of the gunicorn workers and the Celery worker every `every` seconds (psutil, else /proc)."""

    def __init__(self, gunicorn_pid: int, worker_pid: int, every: float = 10.0) -> None:
        super().__init__(daemon=True)
        self.gunicorn_pid, self.worker_pid, self.every = gunicorn_pid, worker_pid, every
        self.samples: dict[str, list[int]] = {}
        self.stopped = threading.Event()

    def processes(self) -> dict[str, int]:
        found = {"celery worker": self.worker_pid}
        try:
            import psutil

            children = [c.pid for c in psutil.Process(self.gunicorn_pid).children()]
        except ImportError:
            children = [
                int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == self.gunicorn_pid
            ]
        except Exception:  # the master is gone: nothing to sample
            children = []
        for i, pid in enumerate(sorted(children), 1):
            found[f"gunicorn worker {i} (pid {pid})"] = pid
        return found

    def sample(self) -> None:
        for name, pid in self.processes().items():
            kb = plan.rss_kb(pid)
            if kb is not None:
                self.samples.setdefault(name, []).append(kb)

    def run(self) -> None:
        while not self.stopped.is_set():
            self.sample()
            self.stopped.wait(self.every)

    def stop(self) -> None:
        self.stopped.set()
        self.join()
        self.sample()


def _ppid(proc: Path) -> int | None:
    try:
        for line in (proc / "status").read_text().splitlines():
            if line.startswith("PPid:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def long_run(args: argparse.Namespace, host: str, server, worker) -> bool:
    seconds = round(args.minutes * 60)
    print(f"\nLong run: {args.users} users for {seconds} s", flush=True)
    before = notice_counts()["max_id"]
    sampler = Sampler(server.process.pid, worker.pid)
    sampler.start()
    started = time.monotonic()
    lines = locust(host, args.users, seconds, "long")
    elapsed = time.monotonic() - started
    counts = drain(before, args.drain_seconds)
    sampler.stop()

    total = plan.aggregate(lines)
    print(f"  {total.requests:,} requests in {elapsed:.0f} s: {total.rps:.1f} requests/s, {total.failures} errors")
    print(f"  {'request':<58} {'count':>7} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for line in sorted(lines, key=lambda x: (x.name == plan.AGGREGATED, x.name)):
        print(f"  {line.label[:58]:<58} {line.requests:>7} {line.failures:>6} {line.p50_ms:>7.0f} {line.p95_ms:>7.0f}")
    for line in failures_of("long"):
        print(f"    {line}")

    by_status = counts["by_status"]
    caused = sum(by_status.values())
    waiting = sum(by_status.get(s, 0) for s in ("pending", "sending"))
    failed = by_status.get("failed", 0)
    delivered = by_status.get("sent", 0) + by_status.get("in_portal", 0)
    print(
        f"\n  Notices the run caused: {caused} — sent {by_status.get('sent', 0)}, in the portal only"
        f" {by_status.get('in_portal', 0)}, scheduled for later {by_status.get('scheduled', 0)},"
        f" cancelled {by_status.get('cancelled', 0)}; still waiting {waiting}, failed {failed},"
        f" duplicated keys {counts['duplicates']}"
    )
    notices_ok = waiting == 0 and failed == 0 and counts["duplicates"] == 0
    print(f"  {'every notice sent once' if notices_ok else 'NOTICES LOST OR DUPLICATED'} ({delivered} delivered)")

    print(f"\n  Memory (RSS, sampled every {sampler.every:.0f} s):")
    memory_ok = True
    for name, samples in sampler.samples.items():
        m = plan.memory(samples)
        flat = m.flat()
        memory_ok &= flat
        print(
            f"    {name:<34} start {m.start_mb:6.1f} MB, end {m.end_mb:6.1f} MB, max {m.max_mb:6.1f} MB"
            f" ({m.growth:+.0%}, {len(samples)} samples) {'flat' if flat else 'GROWING'}"
        )
    ok = total.failures == 0 and notices_ok and memory_ok
    print(f"\n  Verdict: {'passed' if ok else 'FAILED'} (errors {total.failures}, notices, memory)")
    return ok


if __name__ == "__main__":
    sys.exit(main())
