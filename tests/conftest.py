import contextlib
import os
import shutil
import time
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings

from tests import factories as f

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}  # the narrowest phone the pages are made for


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _portal_cache():
    """core.caching's keys get a salt of their own in each test: ids come back from one test's rolled-back
    rows in the next, and Redis is shared by every test (and by the worker)."""
    import secrets

    from core import caching

    caching._salt = f"t{secrets.token_hex(4)}"
    yield


@pytest.fixture(autouse=True)
def _kinds_cache():
    """The firm's notice settings are cached for seconds; a test's rows are rolled back, so each starts afresh."""
    from notices.kinds import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Tests read messages in English unless they say otherwise; Russian has tests of its own."""
    settings.LANGUAGE_CODE = "en"


@dataclass
class Side:
    """One client with everything around it: its user, its matter, the firm's people on it."""

    client: object
    user: object
    matter: object
    lead: object
    specialist: object
    task: object


@pytest.fixture
def world(db):
    """Two clients, A and B, each with a user, a matter (lead + specialist) and a task; plus the firm."""

    def side(name):
        client = f.ClientFactory(name=name)
        user = f.ClientUserFactory(client=client, language="en")
        lead = f.LeadFactory(language="en")
        specialist = f.SpecialistFactory(language="en")
        matter = f.MatterFactory(client=client, lead=lead, specialists=[specialist])
        task = f.TaskFactory(matter=matter, client=client, registered_by=user)
        return Side(client, user, matter, lead, specialist, task)

    class World:
        a = side("ООО «Альфа»")
        b = side("ООО «Бета»")
        partner = f.PartnerFactory(language="en")
        secretary = f.SecretaryFactory(language="en")

    return World


def login(client, user):
    client.force_login(user, backend="users.backends.PortalModelBackend")
    return client


# --- a real Celery worker ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def _celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker consuming from the configured broker (Redis in CI, files on a bare machine).

    It runs in a thread of the test process, so what it sends lands in the test outbox; every task
    still travels through the broker, serialised, exactly as in production (no eager mode). One
    worker serves the whole session: starting and stopping one costs seconds.
    """
    from celery.contrib.testing.worker import start_worker

    from engagement.celery import app

    if os.environ.get("REQUIRE_SERVICES") and not django_settings.REDIS_URL:
        pytest.fail("REQUIRE_SERVICES is set but REDIS_URL is not: CI must run the worker against Redis")
    app.control.purge()
    with contextlib.ExitStack() as stack:
        # Celery's Django fix-up runs the model checks as the worker starts; on SQLite one of them
        # opens a connection, which pytest-django blocks unless the first test to need the worker
        # happens to run before any other test has touched the database.
        with django_db_blocker.unblock():
            stack.enter_context(
                start_worker(
                    app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=20
                )
            )
        yield app


@pytest.fixture
def celery_worker(transactional_db, _celery_worker):
    """Use with `@pytest.mark.django_db(transaction=True)`: the worker must see committed rows."""
    yield _celery_worker


def wait_for(predicate, timeout=20.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


# --- a real browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but {CHROMIUM} is missing (apt-get install -y chromium)")
        pytest.skip(f"{CHROMIUM} is not installed; browser tests need Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _browser_sign_ins_are_not_rate_limited(request):
    """Every browser test signs in from 127.0.0.1, and allauth allows 30 sign-ins a minute from one address:
    a suite of browser tests would meet that limit (429) by its own speed. Tests of the limit itself do not
    use a live server, so they keep it."""
    if "live_server" not in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.ACCOUNT_RATE_LIMITS = {"login": "10000/m/ip"}
    yield


@contextlib.contextmanager
def watched_page(context, *, timeout: int = 15_000, console: bool = True):
    """A page of a new browser `context` that fails the test, once it is done with the page, if the page threw
    an uncaught error (or, unless `console` is false, logged one to the console); the context is closed."""
    page = context.new_page()
    page.set_default_timeout(timeout)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    if console:
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"the browser reported errors: {errors}"


@pytest.fixture
def browser_page(_playwright, live_server):
    context = _playwright.new_context(locale="ru-RU", accept_downloads=True, viewport={"width": 1280, "height": 900})
    with watched_page(context) as page:
        yield page


@pytest.fixture
def phone(_playwright, live_server):
    """A page at 360 px in English; CSP bypassed only so that axe-core can be injected (as tests/core/test_a11y_browser
    does)."""
    with watched_page(_playwright.new_context(locale="en-GB", viewport=PHONE, bypass_csp=True)) as page:
        yield page


# --- a real browser: signing in and out ------------------------------------------------------------


def sign_in(page, base, user, password=f.PASSWORD):
    """Sign in through the portal's form as `user` (or an e-mail address); the factories' password by default."""
    email = getattr(user, "email", user)
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action*='login'] button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def sign_out(page):
    page.locator("details.usermenu summary").click()
    page.locator("details.usermenu form[action*='logout'] button").click()
    page.wait_for_load_state()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def terms_queries(*, client_user: bool, warm: bool) -> int:
    """The engagement-terms check of a client user: one query, none once its answer is kept (core.caching,
    with Redis) — `warm`: the user has made a request before in this test."""
    from core import caching

    return 1 if client_user and not (warm and caching.enabled()) else 0


def page_queries(content: int, *, client_user: bool = False, warm: bool = False) -> int:
    """Queries of a signed-in page: the session (none when Redis caches it), the user, for a client user
    the engagement-terms check, the unread count of the inbox in the header (none once kept: `warm`), then the
    page's own content."""
    from core import caching

    engine = django_settings.SESSION_ENGINE.rsplit(".", 1)[-1]
    cached = engine in ("cache", "cached_db")
    unread = 0 if warm and caching.enabled() else 1
    return (0 if cached else 1) + 1 + terms_queries(client_user=client_user, warm=warm) + unread + content


def api_queries(content: int, *, client_user: bool = False, warm: bool = False) -> int:
    """Queries of an API call authenticated in the test: the terms check for a client user, then the content."""
    return terms_queries(client_user=client_user, warm=warm) + content


# --- helpers every app's tests share -----------------------------------------------------------


def api_for(user):
    """An API client authenticated as `user` (no session, no token: the API's own checks still run)."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user)
    return api


def assert_error(response, status, code, fields=()):
    """The API's one error shape: JSON {"error": {"code", "message", "fields"}} with this status and code."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    for field in fields:
        assert field in body["error"]["fields"], body
    return body["error"]


def assert_404(response):
    return assert_error(response, 404, "not_found")


def pdf_text(data: bytes, *, one_line: bool = False) -> str:
    """The text of a PDF; with one_line, in one line with the words the layout hyphenated (U+2010 at a
    line's end) joined again."""
    import io

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\u2010\n", "").split()) if one_line else text


@pytest.fixture
def admin_user(db):
    """A superuser partner: the one who runs the Django admin (overrides pytest-django's)."""
    return f.PartnerFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    return login(client, admin_user)
