"""`make load`: the portal under load (locust) against gunicorn, PostgreSQL, Redis and a Celery worker."""
