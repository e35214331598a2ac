"""Meetings' ImportRun in the vocabulary every import of ours keeps (STYLE.md, the
directory's ImportRun): started/finished, succeeded, errors and notes as lists.

Nothing stored is lost: `status` becomes `succeeded`; a failed run's `message` (why nothing
changed) becomes its `errors`; a successful run's `rejections` (one per line) become its
`errors`, and its `message` (the summary line, then the notes) its `notes`, line by line.
The reverse migration puts them back. The old columns go in the next migration: PostgreSQL
will not alter a table with rows updated earlier in the same transaction."""

from django.db import migrations, models
from django.utils.timezone import now


def forwards(apps, schema_editor) -> None:
    ImportRun = apps.get_model("meetings", "ImportRun")
    for run in ImportRun.objects.iterator(chunk_size=500):
        run.succeeded = run.status == "success"
        if run.succeeded:
            run.errors = run.rejections.splitlines()
            run.notes = run.message.splitlines()
        else:
            run.errors = [run.message, *run.rejections.splitlines()] if run.message else []
            run.notes = []
        run.save(update_fields=["succeeded", "errors", "notes"])


def backwards(apps, schema_editor) -> None:
    ImportRun = apps.get_model("meetings", "ImportRun")
    for run in ImportRun.objects.iterator(chunk_size=500):
        run.status = "success" if run.succeeded else "failed"
        if run.succeeded:
            run.message = "\n".join(run.notes)
            run.rejections = "\n".join(run.errors)
        else:
            run.message = run.errors[0] if run.errors else ""
            run.rejections = "\n".join(run.errors[1:])
        run.save(update_fields=["status", "message", "rejections"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_problem_reports_like_the_directorys")]

    operations = [
        migrations.RenameField("importrun", "started_at", "started"),
        migrations.RenameField("importrun", "finished_at", "finished"),
        migrations.AlterModelOptions(
            name="importrun",
            options={
                "get_latest_by": "started",
                "ordering": ["-started"],
                "verbose_name": "import run",
                "verbose_name_plural": "import runs",
            },
        ),
        migrations.AlterField(
            model_name="importrun",
            name="started",
            field=models.DateTimeField(default=now, verbose_name="started"),
        ),
        migrations.AddField(
            model_name="importrun",
            name="succeeded",
            field=models.BooleanField(default=False, verbose_name="succeeded"),
        ),
        migrations.AddField(
            model_name="importrun",
            name="errors",
            field=models.JSONField(blank=True, default=list, verbose_name="errors"),
        ),
        migrations.AddField(
            model_name="importrun",
            name="notes",
            field=models.JSONField(blank=True, default=list, verbose_name="notes"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
