"""The API keeps the contract it publishes: a property-based fuzzer (schemathesis) over /api/schema/.

Every operation of the schema is called with generated parameters and bodies, as a client user and
as a partner, through the WSGI application (in the test's transaction). Every answer must be no
server error, have a documented content type and match its documented schema (errors included).
Path ids are drawn mostly from the few rows that exist, so that both the 200 and the 404 are met.
Derandomized: the same requests every run.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories_deliverables as fd
from tests import factories_disclosures as fdis
from tests import factories_messages as fm
from tests import factories_powers as fp

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
EXAMPLES = 5
# Existing rows have small ids; now and then any integer (a 404, or out of range).
IDS = st.one_of(st.integers(min_value=1, max_value=8), st.integers(min_value=1, max_value=8), st.integers())


@pytest.fixture
def in_test_transaction():
    """The WSGI handler closes the connection around each request; the test client does not, nor may we."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def rich_world(world):
    for side in (world.a, world.b):
        fd.DeliverableFactory(matter=side.matter, prepared_by=side.lead)
        fd.HeldDocumentFactory(client=side.client, matter=side.matter, recorded_by=side.lead)
        fm.MessageFactory(matter=side.matter, author=side.user)
        fm.RecommendationFactory(matter=side.matter, author=side.lead)
        fm.RiskNoticeFactory(matter=side.matter, created_by=side.lead)
        fdis.DisclosureFactory(matter=side.matter, updated_by=side.user)
        fdis.DisclosureQuestionFactory(matter=side.matter, asked_by=side.lead)
        fdis.AccessLogEntryFactory(client=side.client, user=side.lead)
        fp.PowerFactory(client=side.client, specialists=[side.lead], created_by=side.lead)
        fp.SubcontractFactory(matter=side.matter)
    return world


def signed_in(user) -> dict:
    """Signed in by session, as the browser is: an API token could be revoked by the fuzzer itself."""
    browser = Client()
    browser.force_login(user, backend="users.backends.PortalModelBackend")
    csrf = get_token(RequestFactory().get("/"))
    return {
        "headers": {"X-CSRFToken": csrf},
        "cookies": {"sessionid": browser.cookies["sessionid"].value, "csrftoken": csrf},
    }


def fuzz(operation, auth, calls):
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), data=st.data())
    def call(case, data):
        for name in case.path_parameters or {}:
            case.path_parameters[name] = data.draw(IDS, label=name)
        calls.append(operation.label)
        case.call_and_validate(checks=CHECKS, **auth)

    return call


@pytest.mark.parametrize("who", ["client", "partner"])
def test_every_operation_answers_as_the_schema_says(rich_world, who, in_test_transaction):
    user = rich_world.a.user if who == "client" else rich_world.partner
    auth = signed_in(user)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    failures, calls = [], []

    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            fuzz(operation, auth, calls)()
        except (Exception, BaseExceptionGroup) as error:  # every operation's failures are reported together
            failures.append(f"{operation.label}: {error}")

    print(f"{who}: {len(calls)} requests over {len(set(calls))} operations")
    assert not failures, "\n\n".join(failures)
