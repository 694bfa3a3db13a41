"""The in-process Django side of the bench: the measured users, their sign-in, and SQL query counts.

The driver sets up Django against the bench database (the same environment gunicorn gets), so the
sessions created here are the ones the server reads, and the query counts come from the same code
and templates the server runs. Import this module only after `setup()`.
"""

import os
import statistics
import time
from dataclasses import dataclass, field
from importlib import import_module


def setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")
    django.setup()


def password_hash() -> str:
    """One hash of the bench password, inserted for every generated user."""
    from django.contrib.auth.hashers import make_password

    from .generate import PASSWORD

    return make_password(PASSWORD)


@dataclass
class Actor:
    """A measured user, signed in both ways the portal knows: a session cookie and an API token."""

    role: str
    user_id: int
    email: str
    session_key: str
    token: str
    detail: str  # why this one: "client #123 with 101 tasks"

    def headers(self, via: str) -> dict[str, str]:
        if via == "token":
            return {"Authorization": f"Token {self.token}"}
        from django.conf import settings

        return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={self.session_key}"}


@dataclass
class Context:
    """What the measured lines need: the actors, the ids in their paths, the rows each page must show."""

    actors: dict[str, Actor]
    client_id: int
    timeline_matter_id: int = 0  # the measured client's busiest matter (the timeline lines' path)
    rows: dict[str, int] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # for later issues' lines and sections


def sign_in(user) -> str:
    """A session for `user`, as django.contrib.auth.login() would leave it; returns the session key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    # The first configured backend, as login() records it (the portal's loads the user with its client).
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _actor(role: str, user, detail: str) -> Actor:
    from users.services_tokens import token_issue

    _token, key = token_issue(user=user, name="make bench")
    return Actor(
        role=role,
        user_id=user.pk,
        email=user.email,
        session_key=sign_in(user),
        token=key,
        detail=detail,
    )


def typical_client() -> tuple[int, int]:
    """The client whose task count is nearest the average (ties: the lowest id): (client id, tasks)."""
    from django.db import connection

    from .generate import MEASURED_CLIENT_SQL

    with connection.cursor() as cur:
        cur.execute(MEASURED_CLIENT_SQL)
        row = cur.fetchone()
    if row is None:
        raise LookupError("the data set has no tasks")
    return row[0], row[1]


def typical_lead() -> tuple[int, int]:
    """The lead specialist whose count of led matters is nearest the average: (user id, matters)."""
    from django.db import connection

    from .generate import MEASURED_LEAD_SQL

    with connection.cursor() as cur:
        cur.execute(MEASURED_LEAD_SQL)
        row = cur.fetchone()
    if row is None:
        raise LookupError("the data set has no lead specialists")
    return row[0], row[1]


def busiest_matter(client_id: int) -> tuple[int, int]:
    """The client's matter with the longest timeline (ties: the lowest id): (matter id, lines)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT e.matter_id, count(*) FROM matters_timelineevent e"
            " WHERE e.matter_id IN (SELECT id FROM matters_matter WHERE client_id = %s)"
            " GROUP BY e.matter_id ORDER BY count(*) DESC, e.matter_id LIMIT 1",
            [client_id],
        )
        row = cur.fetchone()
    if row is None:
        raise LookupError(f"client #{client_id} has no timeline")
    return row[0], row[1]


def prepare() -> Context:
    """Pick the measured users, sign them in, and work out how many rows each page must show."""
    from django.contrib.auth import get_user_model

    from matters import selectors
    from matters.models import Matter
    from matters.selectors.timeline import timeline_events

    user_model = get_user_model()
    client_id, client_tasks = typical_client()
    client_user = user_model.objects.filter(client_id=client_id, is_active=True).order_by("pk").first()
    if client_user is None:
        raise LookupError(f"client #{client_id} has no active user")
    lead_id, lead_matters = typical_lead()
    lead = user_model.objects.get(pk=lead_id)
    matter_id, lines = busiest_matter(client_id)
    matter = Matter.objects.get(pk=matter_id)

    partner = user_model.objects.filter(role="partner", is_active=True).order_by("pk").first()
    if partner is None:
        raise LookupError("the data set has no partner")
    ctx = Context(
        actors={
            "client": _actor(
                "client",
                client_user,
                f"client #{client_id}, {client_tasks} tasks; its busiest matter #{matter_id}, {lines:,} timeline lines",
            ),
            "lead": _actor("lead", lead, f"lead of {lead_matters} matters"),
            "partner": _actor("partner", partner, "a partner: the firm's invoices and figures"),
        },
        client_id=client_id,
        timeline_matter_id=matter_id,
    )
    ctx.rows["client_tasks"] = len(selectors.task_list(user=client_user)[:50])
    ctx.rows["lead_inbox"] = len(selectors.task_inbox(user=lead)[:50])
    ctx.rows["client_timeline"] = len(timeline_events(user=client_user, matter=matter)[:50])
    ctx.extra["lead_feed"] = _feed_path(lead)
    from billing.selectors.invoices import invoice_list

    ctx.rows["client_invoices"] = len(invoice_list(user=client_user)[:50])
    ctx.rows["partner_invoices"] = len(invoice_list(user=partner)[:50])
    from billing.selectors.acts import act_list

    ctx.rows["client_acts"] = len(act_list(user=client_user)[:50])
    ctx.rows["partner_acts"] = len(act_list(user=partner)[:50])
    return ctx


def _feed_path(user) -> str:
    from hearings.selectors.feeds import feed_path
    from hearings.services.feeds import feed_key_ensure

    return feed_path(feed_key_ensure(user=user))


@dataclass
class QueryCount:
    count: int
    sql_ms: float  # all its queries together, as the client library sees them (median of the repeats)
    request_ms: float  # the whole request in-process, without the network and gunicorn (median)
    slowest_sql: str  # as sent, with placeholders
    slowest_params: object
    slowest_ms: float


def count_queries(path: str, headers: dict[str, str], *, repeats: int = 5) -> QueryCount:
    """The SQL queries one request for `path` runs, counted in-process with django.test.Client.

    The first request is not counted (a process may load things once, like translations); the count
    is the last request's, and it must be the same in every repeat.
    """
    from django.db import connection
    from django.test import Client

    client = Client(headers=headers)
    client.get(path)
    runs: list[tuple[float, list[tuple[float, str, object]]]] = []
    for _ in range(repeats):
        timed: list[tuple[float, str, object]] = []

        def timing(execute, sql, params, many, context, timed=timed):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timed.append((time.perf_counter() - started, sql, params))

        started = time.perf_counter()
        with connection.execute_wrapper(timing):
            response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code} to the in-process client")
        runs.append((elapsed, timed))
    if len({len(timed) for _, timed in runs}) != 1:
        raise RuntimeError(f"{path} ran a different number of queries each time: {[len(t) for _, t in runs]}")
    last = runs[-1][1]
    # Each query's median time over the repeats (the same queries in the same order every time).
    medians = [statistics.median(timed[k][0] for _, timed in runs) for k in range(len(last))]
    slowest = max(range(len(last)), key=lambda k: medians[k], default=None)
    seconds, sql, params = (medians[slowest], *last[slowest][1:]) if slowest is not None else (0.0, "", None)
    return QueryCount(
        count=len(last),
        sql_ms=statistics.median(sum(q[0] for q in timed) for _, timed in runs) * 1000,
        request_ms=statistics.median(elapsed for elapsed, _ in runs) * 1000,
        slowest_sql=sql,
        slowest_params=params,
        slowest_ms=seconds * 1000,
    )


def explain(sql: str, params) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of one query, run twice and the second plan kept (a warm cache)."""
    from django.db import connection

    lines: list[str] = []
    with connection.cursor() as cur:
        for _ in range(2):
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            lines = [row[0] for row in cur.fetchall()]
    return "\n".join(lines)


def close_connections() -> None:
    from django.db import connections

    connections.close_all()
