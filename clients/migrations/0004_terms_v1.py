"""Publish version 1 of the engagement terms from clients/terms/v1.*.html."""

from pathlib import Path

from django.db import migrations

TERMS = Path(__file__).resolve().parent.parent / "terms"


def publish(apps, schema_editor):
    TermsVersion = apps.get_model("clients", "TermsVersion")
    if not TermsVersion.objects.filter(number=1).exists():
        TermsVersion.objects.create(
            number=1,
            text_ru=(TERMS / "v1.ru.html").read_text(encoding="utf-8"),
            text_en=(TERMS / "v1.en.html").read_text(encoding="utf-8"),
        )


class Migration(migrations.Migration):
    dependencies = [("clients", "0003_trigram_search")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
