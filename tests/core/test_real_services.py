"""CI promises the real components; this makes sure the suite is not quietly running on the fallbacks."""

import os

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.skipif(not os.environ.get("REQUIRE_SERVICES"), reason="only CI requires PostgreSQL and Redis")
def test_ci_runs_on_postgresql_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"]


def test_bare_machine_falls_back_to_a_file_broker_that_loses_nothing():
    if settings.REDIS_URL:
        pytest.skip("REDIS_URL is set")
    assert settings.CELERY_BROKER_URL.startswith("filesystem://")
    queue = settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]
    assert queue == settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_out"]
    assert os.path.isdir(queue)
