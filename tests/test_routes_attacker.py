"""Every route in the URL resolver, asked for client B's things by each role of client A.

Generated, not listed: tests/routes.py walks the resolver and fills every path parameter with an id of
client B's world; each of A's people (its client user, its specialist, its lead) and a secretary
assigned to nothing asks for it with GET and POST (and PUT/PATCH/DELETE where the API has them); a route
with a parent and a child id is asked once more with A's own parent and B's child. The answer must be
the one a missing id gets — 404, 405 for a method the route does not take, or a refusal (403, a
redirect) that a missing id gets too, so that it does not tell that B's thing exists; never a 2xx,
never a 500. Anonymous callers are sent to sign in (pages) or refused (API). No answer may show B's
CONTENT marker, nor (except to the front desk, see FIRM_WIDE) its HEADING marker. What is deliberately
public or role-limited is in tests/routes.py's ALLOWED, with the reason; a route whose parameters tests/routes.py cannot
fill fails here and says where to map it. A control checks that a partner does reach each filled URL.
"""

import re

import pytest
from django.test import Client

from tests.conftest import login
from tests.routes import (
    ALLOWED,
    FIRM_WIDE,
    NUMBERED_WITHIN,
    ROLES,
    Route,
    UnmappedParameter,
    all_routes,
    allowed,
    fill,
    module_world,
    param_kind,
)

MISSING_ID = 2_000_000_000


ROUTES = [r for r in all_routes() if not r.is_admin]
ADMIN_ROUTES = [r for r in all_routes() if r.is_admin]
CASES = [pytest.param(route, role, id=f"{route.id}|{role}") for route in ROUTES for role in ROLES]


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media(settings, media):
    """The world's files live where the module built them (the suite's _media gives each test a new folder)."""
    settings.MEDIA_ROOT = media


@pytest.fixture(autouse=True)
def _caches_on(settings):
    settings.PORTAL_CACHE = True


@pytest.fixture(scope="module", autouse=True)
def _portal_cache():
    """One salt for the module (overrides the suite's one per test): the world is the module's, so what B's
    people warm for a route stays in place for every role's attack on it."""
    import secrets

    from core import caching

    caching._salt = f"attack{secrets.token_hex(4)}"
    yield


_warmed: set[str] = set()


@pytest.fixture(scope="module")
def attack_world(django_db_setup, django_db_blocker, media):
    with module_world(django_db_blocker, media) as world:
        yield world


def _send(client, method, url):
    return getattr(client, method.lower())(url, content_type="application/json" if method != "GET" else None)


def _login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].split("?")[0].endswith("/accounts/login/")


def _same(response, other) -> bool:
    return response.status_code == other.status_code and response.get("Location") == other.get("Location")


@pytest.mark.parametrize(("route", "role"), CASES)
def test_route_refuses_the_other_clients_things(route, role, attack_world, db):
    world = attack_world
    try:
        values = fill(route, world.b)
    except UnmappedParameter as missing:
        if allowed(route, role):
            pytest.skip(f"allowed: {route.id}")
        pytest.fail(str(missing))
    if route.id not in _warmed:
        _warmed.add(route.id)
        for owner in (world.b.user, world.b.lead, world.partner):  # what is kept, kept from B's own answers
            login(Client(), owner).get(route.url(values))
    client = Client()
    if role != "anonymous":
        login(client, world.role(role))
    problems = _attack(client, route, role, world, values, foreign=route.params)
    if len(route.params) > 1 and role != "anonymous" and param_kind(route, route.params[-1]) not in NUMBERED_WITHIN:
        # A's own parent with B's child (tasks/<mine>/files/<B's>): the nested lookup must scope the child too.
        mixed = {**values, route.params[0]: fill(route, world.a)[route.params[0]]}
        problems += _attack(client, route, role, world, mixed, foreign=route.params[1:])
    assert not problems, "\n".join(problems)


def _attack(client, route, role, world, values, foreign) -> list[str]:
    """Ask `route` with `values` by every method; the `foreign` parameters carry client B's ids."""
    b = world.b
    by_design = allowed(route, role)
    knows_all = all(param_kind(route, p) in FIRM_WIDE.get(role, ()) for p in foreign)
    url = route.url(values)
    problems = []
    for method in route.methods():
        response = _send(client, method, url)
        status = response.status_code
        where = f"{method} {url} as {role} answered {status}"
        body = response.content.decode(errors="replace") if status == 200 else ""
        if status >= 500:
            problems.append(f"{where}: a server error")
            continue
        if b.content in body and not (by_design and role == "anonymous"):
            problems.append(f"{where} and shows the contents of client B's things ({b.content})")
            continue
        if by_design:
            continue
        if role == "anonymous":
            ok = status in (401, 403, 405) if route.is_api else (_login_redirect(response) or status == 405)
            if not ok:
                problems.append(f"{where}: an anonymous caller must be sent to sign in (pages) or refused (API)")
            continue
        if b.heading in body and "client" not in FIRM_WIDE.get(role, ()):
            problems.append(f"{where} and shows client B ({b.heading})")
            continue
        if not route.params or status in (404, 405) or (knows_all and status == 200):
            continue
        if 200 <= status < 300:
            problems.append(f"{where} with client B's ids in {list(foreign)}: must be 404")
            continue
        if knows_all and 400 <= status < 500:
            continue
        missing = _send(client, method, route.url({**values, **dict.fromkeys(foreign, MISSING_ID)}))
        if not _same(response, missing):
            problems.append(
                f"{where} (Location {response.get('Location')}) but a missing id answers {missing.status_code} "
                f"(Location {missing.get('Location')}): the difference tells that B's object exists"
            )
    return problems


@pytest.mark.parametrize("route", [pytest.param(r, id=r.id) for r in ROUTES if r.params and not allowed(r, "client")])
def test_the_filled_ids_name_real_objects(route, attack_world, db):
    """The control: a partner, who sees the whole firm, reaches B's object through the same URL. Without
    it a parameter mapped to the wrong kind of object would give 404 to everyone and pass above."""
    url = route.url(fill(route, attack_world.b))
    response = login(Client(), attack_world.partner).get(url)
    assert response.status_code != 404, (
        f"GET {url} as a partner answered 404: does tests/routes.py map {route.params} right?"
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_route_refuses_each_role(role, attack_world, db):
    """ADMIN_REASON: the admin's own parameters are filled with any value, for nobody here gets past its login."""
    client = Client()
    if role != "anonymous":
        login(client, attack_world.role(role))
    problems = []
    for route in ADMIN_ROUTES:
        if allowed(route, role):
            continue
        values = dict.fromkeys(route.params, "1")
        if "app_label" in values:  # the admin's app index: the first app its pattern names
            values["app_label"] = re.search(r"\(\?P<app_label>([\w]+)", route.pattern).group(1)
        url = route.url(values)
        response = client.get(url)
        if not (response.status_code in (302, 403, 404) and not 200 <= response.status_code < 300):
            problems.append(f"GET {url} as {role} answered {response.status_code}")
        elif response.status_code == 302 and "login" not in response["Location"]:
            problems.append(f"GET {url} as {role} redirected to {response['Location']}, not to sign in")
    assert not problems, "\n".join(problems)


def test_a_parameter_nobody_mapped_fails_and_says_where_to_map_it():
    route = Route(pattern="api/widgets/<int:widget_pk>/", name="api:widget_detail", params=("widget_pk",), view=None)
    with pytest.raises(UnmappedParameter, match="map its name in PARAM_KINDS"):
        param_kind(route, "widget_pk")


def test_every_route_is_covered():
    """The count the issue asks for; and every name in ALLOWED still names a route (no stale entries)."""
    names = {r.name for r in all_routes()}
    stale = [k for k in ALLOWED if not k.endswith("*") and k not in names]
    assert not stale, f"ALLOWED names routes that no longer exist: {stale}"
    print(f"\n{len(ROUTES)} routes x {len(ROLES)} roles = {len(CASES)} checks; {len(ADMIN_ROUTES)} admin routes")
