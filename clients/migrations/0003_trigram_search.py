"""Trigram indexes for the conflict check (PostgreSQL only; SQLite searches without them)."""

from django.db import migrations

INDEXES = [
    ("clients_client", "client_search_key_trgm"),
    ("clients_party", "party_search_key_trgm"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_key gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("clients", "0002_intake_conflicts_disclosures_powers_terms")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
