"""Issue 9: the search key now cuts legal forms spelt out in English, in Latin letters or over odd
whitespace, and gives a company of several words its words written together too ("samotsvet ural
uralsamotsvet"). The keys are stored beside every client and party (and trigram-indexed): recompute
them. The same is `manage.py reindex_conflict_keys`."""

from django.db import migrations


def recompute(apps, schema_editor):
    from clients.services.conflicts import reindex_search_keys

    reindex_search_keys(apps.get_model("clients", "Client"), apps.get_model("clients", "Party"))


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0006_client_upload_quota"),
    ]

    operations = [
        migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True),
    ]
