"""TimelineEvent moves from matters to its own app: the model's state moves, the table does not.

The table keeps its name (Meta.db_table = "matters_timelineevent"), so no row moves and no index is
rebuilt; matters.0011 drops the model from matters' state. The content type (and with it the admin's
permissions and log entries) is renamed to the new app.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _content_type(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="timelineevent").exists():
        ContentType.objects.filter(app_label=old, model="timelineevent").update(app_label=new)


def forwards(apps, schema_editor):
    _content_type(apps, schema_editor, "matters", "timeline")


def backwards(apps, schema_editor):
    _content_type(apps, schema_editor, "timeline", "matters")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('matters', '0010_signed_language'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='TimelineEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('matter', 'matter'), ('stage', 'stage'), ('task', 'task'), ('deliverable', 'result of work'), ('delivery', 'delivery'), ('message', 'message'), ('hearing', 'hearing'), ('document', 'document'), ('work', 'work done'), ('advance', 'advance'), ('recommendation', 'recommendation'), ('risk', 'risk'), ('disclosure', 'disclosure'), ('power', 'power of attorney'), ('report', 'report')], max_length=16, verbose_name='kind')),
                        ('occurred_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                        ('summary', models.CharField(max_length=500, verbose_name='what happened')),
                        ('params', models.JSONField(blank=True, default=dict, verbose_name='values')),
                        ('detail', models.TextField(blank=True, verbose_name='details')),
                        ('search_text', models.TextField(blank=True, editable=False, verbose_name='text for search')),
                        ('client_visible', models.BooleanField(default=True, verbose_name='the client sees it')),
                        ('ref_type', models.CharField(blank=True, max_length=32, verbose_name='object type')),
                        ('ref_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='object')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who')),
                        ('matter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='timeline', to='matters.matter', verbose_name='matter')),
                    ],
                    options={
                        'verbose_name': 'timeline event',
                        'verbose_name_plural': 'timeline',
                        'db_table': 'matters_timelineevent',
                        'ordering': ['-occurred_at', '-id'],
                        'indexes': [models.Index(fields=['matter', '-occurred_at', '-id'], name='timeline_matter_idx'), models.Index(fields=['matter', 'kind', '-occurred_at'], name='timeline_matter_kind_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
