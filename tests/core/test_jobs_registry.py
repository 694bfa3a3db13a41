"""Celery jobs live in `<app>/jobs.py` but keep the names they were queued under as `<app>.tasks.*`."""

import pytest
from django.conf import settings

from engagement.celery import app

STABLE = {
    "clients.tasks.powers_expiry": "clients.jobs",
    "clients.tasks.render_agreement": "clients.jobs",
    "matters.tasks.render_receipt": "matters.jobs",
}


@pytest.fixture(scope="module")
def registry(django_db_blocker):
    # What a worker does as it starts: autodiscovery (Celery's Django fix-up also runs the checks,
    # one of which opens a connection on SQLite).
    with django_db_blocker.unblock():
        app.loader.import_default_modules()
    return app.tasks


@pytest.mark.parametrize(("name", "module"), STABLE.items())
def test_a_job_keeps_its_registered_name_after_the_move_to_jobs(registry, name, module):
    assert registry[name].run.__module__ == module


def test_every_scheduled_job_is_registered(registry):
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in registry
