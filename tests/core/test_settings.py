"""Production settings: refuse to start without a secret, pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7!k2#p9@q4$w8^e1&r5*t0(y3)u6_i9+o2=a5-s8[d1]f4{g7}h0",
    "ALLOWED_HOSTS": "portal.example.ru",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "EMAIL_HOST": "smtp.example.ru",
}


def manage(*args, env):
    # Only what a fresh server would have: none of the test run's own settings leak in.
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_is_a_clear_startup_error():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_on_a_developer_machine_needs_no_secret():
    result = manage("check", env={"DEBUG": "1", "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3"})
    assert result.returncode == 0, result.stderr


def test_the_application_server_refuses_to_start_without_a_secret_even_with_no_debug_set():
    """manage.py defaults to developer mode; the WSGI application (what gunicorn serves) does not."""
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    result = subprocess.run(
        [sys.executable, "-c", "import engagement.wsgi"],
        cwd=ROOT,
        env={**base, "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
