"""The dedicated bench database: found or created, then migrated like any other.

The bench never touches the caller's DATABASE_URL: it works in its own database
(BENCH_DATABASE_URL, by default `engagement_bench` on the local PostgreSQL), because generating the
data set empties the tables it fills.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/engagement_bench"


class BenchError(Exception):
    """A real error: the run stops and exits non-zero (a slow page never does)."""


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name:
        raise BenchError(f"BENCH_DATABASE_URL names no database: {redact(url)}")
    return name


def redact(url: str) -> str:
    """The URL without its password, for printing."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return parts.geturl()


def connect(url: str, **kwargs) -> psycopg.Connection:
    """A psycopg connection from a Django-style URL (postgres:// is accepted by libpq too)."""
    try:
        return psycopg.connect(url, connect_timeout=5, **kwargs)
    except psycopg.OperationalError as error:
        raise BenchError(
            f"PostgreSQL is not reachable at {redact(url)}:\n  {str(error).strip()}\n"
            "The bench needs a PostgreSQL server (15 or newer). Start one, or point BENCH_DATABASE_URL "
            "at one, e.g. BENCH_DATABASE_URL=postgres://user:password@host:5432/engagement_bench"
        ) from None


def ensure_database(url: str) -> bool:
    """Create the bench database when it is missing. True when it was created."""
    name = database_name(url)
    maintenance = urlsplit(url)._replace(path="/postgres").geturl()
    with connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        try:
            conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(sql.Identifier(name)))
        except psycopg.Error as error:
            raise BenchError(f"Could not create the database {name!r}: {str(error).strip()}") from None
        return True


def drop_database(url: str) -> None:
    """Drop the bench database (to start over, e.g. after the project's migrations were rewritten).

    Only a database the bench made (it has the bench's `bench_dataset` table) or an empty one.
    """
    name = database_name(url)
    maintenance = urlsplit(url)._replace(path="/postgres").geturl()
    with connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
    with connect(url) as conn:
        ours = conn.execute("SELECT to_regclass('bench_dataset') IS NOT NULL").fetchone()[0]
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    if not ours and tables:
        raise BenchError(f"{name!r} was not made by the bench: it will not drop it")
    with connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def server_version(url: str) -> str:
    with connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def migrate() -> None:
    """`manage.py migrate` with the bench environment (os.environ, prepared by the driver)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise BenchError(
            "manage.py migrate failed on the bench database:\n  " + "\n  ".join(output[-15:]) + "\n"
            "If the project's migrations were rewritten since the bench database was made, start over "
            "with --recreate-db (the data set is generated again in a minute or two)."
        )
