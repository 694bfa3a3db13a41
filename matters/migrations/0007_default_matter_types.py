"""The default matter type with its stages, and the full-text indexes of the staff search.

The firm configures more types in the admin; this one is there from the start so that a lead can
set a litigation's stage on day one. The GIN indexes (PostgreSQL only; SQLite searches without
them) cover exactly the expressions portal.selectors.search and matters.text_search build: change both together.
"""

from django.db import migrations

LITIGATION = ("Судебный спор", "Litigation")
STAGES = [
    ("Анализ и правовая позиция", "Analysis and legal position"),
    ("Досудебное урегулирование", "Pre-trial settlement"),
    ("Первая инстанция", "First instance"),
    ("Апелляция", "Appeal"),
    ("Исполнение решения", "Enforcement"),
]

# (index, table, the words of each row) — see portal.selectors.search MATTER_WORDS etc.
INDEXES = [
    ("matter_words_fts", "matters_matter", ("title", "description")),
    ("task_words_fts", "matters_task", ("subject", "text")),
    ("client_words_fts", "clients_client", ("name", "short_name")),
]


def _expression(columns) -> str:
    joined = " || ' ' || ".join(f"COALESCE(\"{c}\", '')" for c in columns)
    return f"to_tsvector('russian'::regconfig, {joined})"


def add_default_type(apps, schema_editor):
    MatterType = apps.get_model("matters", "MatterType")
    Stage = apps.get_model("matters", "Stage")
    matter_type, created = MatterType.objects.get_or_create(name_ru=LITIGATION[0], defaults={"name_en": LITIGATION[1]})
    if created:
        Stage.objects.bulk_create(
            Stage(matter_type=matter_type, order=order, name_ru=ru, name_en=en)
            for order, (ru, en) in enumerate(STAGES, start=1)
        )


# A part of a client's name («Самоцв») is matched as text: `UPPER(name) LIKE UPPER('%…%')`, Django's icontains.
TRIGRAM = [
    ("client_name_upper_trgm", "clients_client", "name"),
    ("client_short_name_upper_trgm", "clients_client", "short_name"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({_expression(columns)})")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_rest in INDEXES + TRIGRAM:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0005_agreement_document"),
        ("matters", "0006_messages_risk"),
    ]

    operations = [
        migrations.RunPython(add_default_type, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
