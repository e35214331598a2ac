"""The box index near a place holds the fellowship too, and on PostgreSQL includes the
meeting's id: a plain search near a place (with or without a fellowship) reads the index
alone. SQLite's indexes hold the row id anyway; PostgreSQL read a table page for every
meeting in the box without it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0010_import_run_old_columns_removed'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='meeting',
            name='meeting_lat_lon_attendance',
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['latitude', 'longitude', 'attendance', 'fellowship'], include=('id',), name='meeting_box'),
        ),
    ]
