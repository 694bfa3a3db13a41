"""The conflict check searches the parties' distinct names (PartyKey), then reads the parties by key.

Filled from the parties present. On PostgreSQL the trigram index moves with the search: a GIN index over
the keys, and the one over every party's key (migration 0003) goes, as nothing asks it any more.
"""

from django.conf import settings
from django.db import migrations, models

KEY_INDEX = "partykey_search_key_trgm"
PARTY_INDEX = "party_search_key_trgm"  # migration 0003


def fill(apps, schema_editor):
    party = apps.get_model("clients", "Party")._meta.db_table
    key = apps.get_model("clients", "PartyKey")._meta.db_table
    schema_editor.execute(
        f"INSERT INTO {key} (search_key) SELECT DISTINCT search_key FROM {party} WHERE search_key <> ''"
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {KEY_INDEX} ON {key} USING gin (search_key gin_trgm_ops)")
        schema_editor.execute(f"DROP INDEX IF EXISTS {PARTY_INDEX}")


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        party = apps.get_model("clients", "Party")._meta.db_table
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PARTY_INDEX} ON {party} USING gin (search_key gin_trgm_ops)")
        schema_editor.execute(f"DROP INDEX IF EXISTS {KEY_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0007_recompute_search_keys_legal_forms_compounds"),
        ("matters", "0012_task_inbox_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PartyKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("search_key", models.CharField(max_length=500, unique=True, verbose_name="search key")),
            ],
            options={
                "verbose_name": "party search key",
                "verbose_name_plural": "party search keys",
            },
        ),
        migrations.AddIndex(
            model_name="party",
            index=models.Index(fields=["search_key"], name="party_search_key_idx"),
        ),
        migrations.RunPython(fill, unfill, elidable=False),
    ]
