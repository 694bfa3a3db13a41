"""`python -m bench --profile [--only NAME]`: where each line's time goes, in-process, without the network.

For every line (or those whose name contains --only), against the bench database and Redis as `make bench`
sets them up: the median request time and CPU time over the repeats, its queries and their time, and the
functions cProfile finds most expensive (cumulative and own time) in one more request. The figures are
in-process: no gunicorn, no socket, so they are lower than the HTTP table's and steadier.
"""

import cProfile
import io
import pstats
import statistics
import time

from .pages import Measurement
from .portal import Context


def run(ctx: Context, measurements: list[Measurement], *, only: str = "", repeats: int = 20, top: int = 25) -> None:
    from django.db import connection
    from django.test import Client

    chosen = [m for m in measurements if not only or only.lower() in m.name.lower()]
    if not chosen:
        print(f"no line's name contains {only!r}")
        return
    print(f"\n{'line':<34} {'wall ms':>8} {'cpu ms':>8} {'queries':>8} {'sql ms':>8}")
    for m in chosen:
        client = Client(headers=m.headers(ctx))
        path = m.url(ctx)
        for _ in range(3):
            client.get(path)
        walls, cpus, sqls = [], [], []
        count = 0
        for _ in range(repeats):
            spent: list[float] = []

            def timing(execute, sql, params, many, context, spent=spent):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent.append(time.perf_counter() - started)

            wall, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(timing):
                response = client.get(path)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            sqls.append(sum(spent))
            count = len(spent)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
        print(
            f"{m.name:<34} {statistics.median(walls) * 1000:8.2f} {statistics.median(cpus) * 1000:8.2f}"
            f" {count:8d} {statistics.median(sqls) * 1000:8.2f}"
        )
        if only:
            print(profile_of(client, path, top=top))


def profile_of(client, path: str, *, top: int) -> str:
    """cProfile of ten requests for `path`: the top functions by cumulative and by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()
