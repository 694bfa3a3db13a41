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


def _python(code: str, env: dict) -> subprocess.CompletedProcess:
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_importing_settings_creates_no_folder_and_starting_django_creates_the_local_ones(tmp_path):
    env = {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db' / 'portal.sqlite3'}",
        "SQLITE_TEST_NAME": str(tmp_path / "testdb" / "test.sqlite3"),
        "CELERY_BROKER_DIR": str(tmp_path / "broker"),
        "DJANGO_SETTINGS_MODULE": "engagement.settings",
    }
    imported = _python("import engagement.settings", env)
    assert imported.returncode == 0, imported.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []

    started = _python("import django; django.setup()", env)
    assert started.returncode == 0, started.stderr
    assert (tmp_path / "db").is_dir() and (tmp_path / "testdb").is_dir()
    assert {p.name for p in (tmp_path / "broker").iterdir()} == {"queue", "processed", "control"}


def test_every_variable_the_readme_lists_is_read_from_the_environment():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = {
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])
    }
    settings_source = (ROOT / "engagement" / "settings.py").read_text(encoding="utf-8")
    unread = sorted(name for name in names if f'"{name}"' not in settings_source)
    assert names and not unread, f"listed in the README but never read by settings.py: {unread}"


def test_message_edit_minutes_comes_from_the_environment():
    shown = _python(
        "import django; django.setup(); from django.conf import settings; print(settings.MESSAGE_EDIT_MINUTES)",
        {"DEBUG": "1", "MESSAGE_EDIT_MINUTES": "42", "DJANGO_SETTINGS_MODULE": "engagement.settings"},
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "42"
