"""TimelineEvent now lives in the timeline app (see timeline.0001): matters forgets it, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('matters', '0010_signed_language'),
        ('timeline', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name='timelineevent', name='timeline_matter_idx'),
                migrations.RemoveIndex(model_name='timelineevent', name='timeline_matter_kind_idx'),
                migrations.DeleteModel(name='TimelineEvent'),
            ],
            database_operations=[],
        ),
    ]
