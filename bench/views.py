"""The floors of DESIGN.md ("Budgets"), served by the same server as the pages they are compared with.

Mounted at /bench/ only when settings.BENCH_VIEWS is on (never in production): the list floor shows
any client's tasks without signing in.

- hello: a plain Django view returning "ok" — the cost of the server, the middleware and the framework.
- list: one indexed query for the 50 rows the client's task list shows first (task_client_created_idx),
  rendered by a bare template — the cost of the data itself. A 50-row page's budget is 2× its p95.
"""

from pathlib import Path

from django.http import HttpResponse, HttpResponseBadRequest
from django.template import Context, Engine

from matters.models import Task

# A bare engine: this folder only, no context processors, no template tags beyond the built-ins.
_engine = Engine(dirs=[str(Path(__file__).resolve().parent / "templates")])
_list_template = _engine.get_template("bench/list.html")


def hello(request):
    return HttpResponse("ok")


def task_rows(request):
    try:
        client_id = int(request.GET["client"])
    except (KeyError, ValueError):
        return HttpResponseBadRequest("?client=<id> is required")
    rows = list(
        Task.objects.filter(client_id=client_id)
        .order_by("-created_at", "-id")
        .values("id", "number", "subject", "status", "created_at")[:50]
    )
    return HttpResponse(_list_template.render(Context({"rows": rows})))
