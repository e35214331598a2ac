"""A meeting source's name as visitors read it (the data sources page names every source)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_meeting_sources_registry'),
    ]

    operations = [
        migrations.AddField(
            model_name='feedsource',
            name='title',
            field=models.CharField(blank=True, help_text='For example: Southeastern Pennsylvania Intergroup (AA). Empty: the name.', max_length=200, verbose_name='name shown to visitors'),
        ),
    ]
