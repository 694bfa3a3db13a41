"""The Celery application. Broker and schedule come from settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

app = Celery("engagement")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app keeps its Celery jobs in `<app>/jobs.py` ("tasks" is the domain Task here). Jobs keep the
# registered names they had as `<app>.tasks.<fn>` (explicit `name=`), so queued messages and the beat
# schedule still find them.
app.autodiscover_tasks(related_name="jobs")
