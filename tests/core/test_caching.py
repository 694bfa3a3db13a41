"""core.caching: values kept per owner and generation; a bump makes the next read compute afresh."""

import pytest
from django.db import transaction

from core import caching

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(settings):
    settings.PORTAL_CACHE = True


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def read(counter, owner="user:1", scopes=("calendar:user:1",), parts=()):
    return caching.cached("thing", owner=owner, scopes=scopes, compute=counter, parts=parts)


def test_a_value_is_computed_once_then_read(on):
    counter = Counter()
    assert read(counter) == 1
    assert read(counter) == 1
    assert counter.calls == 1


def test_a_bump_of_any_scope_makes_the_next_read_compute(on):
    counter = Counter()
    scopes = ("calendar:user:1", "firm")
    assert read(counter, scopes=scopes) == 1
    caching.bump("firm")
    assert read(counter, scopes=scopes) == 2
    caching.bump("calendar:user:2")  # another user's scope: nothing of user 1 changes
    assert read(counter, scopes=scopes) == 2


def test_owners_and_parts_never_share_a_value(on):
    counter = Counter()
    assert read(counter, owner="user:1") == 1
    assert read(counter, owner="user:2") == 2
    assert read(counter, owner="user:1", parts=("en",)) == 3
    assert read(counter, owner="user:1") == 1


def test_an_owner_is_required(on):
    with pytest.raises(ValueError):
        read(Counter(), owner="")


@pytest.mark.django_db(transaction=True)
def test_a_bump_inside_a_transaction_holds_at_once_and_after_the_commit(on):
    counter = Counter()
    assert read(counter) == 1
    with transaction.atomic():
        caching.bump("calendar:user:1")
        assert read(counter) == 2  # seen at once, inside the transaction
        # a reader elsewhere computing from the old rows now would store under this generation ...
    assert read(counter) == 3  # ... but the commit bumped again: that value is never read


def test_without_a_shared_cache_every_read_computes(settings):
    settings.PORTAL_CACHE = False
    counter = Counter()
    assert read(counter) == 1
    assert read(counter) == 2
    caching.bump("calendar:user:1")  # harmless


def test_the_terms_gate_answer_is_kept_and_follows_every_acceptance_and_publication(on, django_assert_num_queries):
    from clients.services import terms as services
    from tests.factories import ClientUserFactory, TermsVersionFactory

    first = TermsVersionFactory()
    user, other = ClientUserFactory(accept_terms=False), ClientUserFactory(accept_terms=False)
    assert services.terms_pending_for(user) == first
    with django_assert_num_queries(0):
        assert services.terms_pending_for(user) == first
    services.terms_accept(user=user, version=first, language="ru")
    assert services.terms_pending_for(user) is None
    assert services.terms_pending_for(other) == first  # another user's answer is their own
    second = TermsVersionFactory()
    assert services.terms_pending_for(user) == second
