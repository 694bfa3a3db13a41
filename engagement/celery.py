"""The Celery application. Broker and schedule come from settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

app = Celery("engagement")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Apps keep their Celery jobs in `jobs.py` (a "task" is a client's task here); `tasks.py` is still
# looked at for modules not yet renamed.
app.autodiscover_tasks()
app.autodiscover_tasks(related_name="jobs")
