"""The ImportRun columns the previous migration copied into the shared vocabulary. `status`
gets a default first, so the way back can add the column to rows that have none."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_import_run_in_the_shared_vocabulary")]

    operations = [
        migrations.AlterField(
            model_name="importrun",
            name="status",
            field=models.CharField(default="failed", max_length=10, verbose_name="status"),
        ),
        migrations.RemoveField(model_name="importrun", name="status"),
        migrations.RemoveField(model_name="importrun", name="message"),
        migrations.RemoveField(model_name="importrun", name="rejections"),
    ]
