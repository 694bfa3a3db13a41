import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_counters():
    """allauth's attempt counters and DRF's throttles live in the cache: each test starts and ends clean,
    so a lockout provoked here never reaches another test."""
    cache.clear()
    yield
    cache.clear()
