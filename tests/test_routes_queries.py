"""Every page and API route that answers a GET runs as many SQL queries with 12 of everything as with 2.

Generated from the URL resolver like the attacker tests (tests/routes.py): each route is filled with
client A's own ids and asked by A's client user, A's lead and a partner, once with two of everything
(tasks, matters, messages, results, deliveries, risks, powers, intakes, timeline lines, …) and once with
twelve. A count that grows with the rows is an N+1; the failure names the route, the role and both
counts. Routes that are not the portal's own (the admin, allauth's pages, the schema) are left out.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import login
from tests.routes import add_volume, all_routes, allowed, fill, module_world

ROLES = ("client", "lead", "partner")
ROUTES = [r for r in all_routes() if not r.is_admin and not allowed(r, "client") and "GET" in r.methods()]
CASES = [pytest.param(route, role, id=f"{route.id}|{role}") for route in ROUTES for role in ROLES]


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media(settings, media):
    settings.MEDIA_ROOT = media


def _user(world, role):
    return world.partner if role == "partner" else world.role(role)


def _measure(world) -> dict:
    """(route, role) -> (status, queries) of a GET, after one request to warm whatever it caches or records."""
    results = {}
    for role in ROLES:
        client = login(Client(), _user(world, role))
        for route in ROUTES:
            url = route.url(fill(route, world.a))
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            results[(route.id, role)] = (response.status_code, len(queries), url)
    return results


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker, media):
    with module_world(django_db_blocker, media) as world:
        add_volume(world.a, 1)
        two = _measure(world)
        add_volume(world.a, 10)
        twelve = _measure(world)
        yield two, twelve


@pytest.mark.parametrize(("route", "role"), CASES)
def test_queries_do_not_grow_with_the_rows(route, role, counts, db):
    two, twelve = counts
    (status2, n2, url), (status12, n12, _url) = two[(route.id, role)], twelve[(route.id, role)]
    assert status2 < 500 and status12 < 500, f"GET {url} as {role} answered {status2} / {status12}"
    if status2 == 405:
        return  # a route that takes no GET lists nothing
    if status2 != 200 or status12 != 200:
        pytest.skip(f"GET {url} as {role} answers {status2}: nothing listed to count")
    assert n2 == n12, f"GET {url} as {role}: {n2} queries with 2 of everything, {n12} with 12 — an N+1"
