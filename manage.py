#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")
    # manage.py is the developer's door: without DEBUG in the environment it runs in developer mode,
    # so `manage.py check` or `makemigrations` work on a fresh checkout. Servers never start here:
    # gunicorn (engagement.wsgi) and Celery still refuse to run without SECRET_KEY when DEBUG is
    # off, and docker-compose sets DEBUG=0 for every command, migrate included.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
