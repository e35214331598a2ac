"""Meeting problem reports take the directory's shape (core.models.ProblemReportBase): message
→ details, created_at → created, status done → resolved, and a kind (stored reports, which had
none, become "other"). Every stored report is kept, and the way back restores each one."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def done_to_resolved(apps, schema_editor) -> None:
    reports = apps.get_model("meetings", "ProblemReport").objects
    reports.filter(status="done").update(status="resolved")


def resolved_to_done(apps, schema_editor) -> None:
    reports = apps.get_model("meetings", "ProblemReport").objects
    reports.filter(status__in=["resolved", "dismissed"]).update(status="done")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_source_title_for_visitors"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("problemreport", "message", "details"),
        migrations.RenameField("problemreport", "created_at", "created"),
        migrations.AlterField(
            model_name="problemreport",
            name="details",
            field=models.TextField(blank=True, max_length=2000, verbose_name="details"),
        ),
        migrations.AlterField(
            model_name="problemreport",
            name="created",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="reported"
            ),
        ),
        migrations.AddField(
            model_name="problemreport",
            name="kind",
            field=models.CharField(
                choices=[
                    ("closed", "It no longer meets"),
                    ("moved", "It has moved"),
                    ("wrong_time", "The day or time is wrong"),
                    ("no_answer", "The online link or phone number does not work"),
                    ("other", "Something else"),
                ],
                default="other",
                max_length=20,
                verbose_name="problem",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="problemreport",
            name="resolved",
            field=models.DateTimeField(blank=True, null=True, verbose_name="resolved"),
        ),
        migrations.AddField(
            model_name="problemreport",
            name="resolved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="resolved by",
            ),
        ),
        migrations.AlterField(
            model_name="problemreport",
            name="status",
            field=models.CharField(
                choices=[("new", "New"), ("resolved", "Resolved"), ("dismissed", "Dismissed")],
                default="new",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(done_to_resolved, resolved_to_done),
        migrations.AlterModelOptions(
            name="problemreport",
            options={
                "ordering": ["-created"],
                "verbose_name": "problem report",
                "verbose_name_plural": "problem reports",
            },
        ),
        migrations.AddIndex(
            model_name="problemreport",
            index=models.Index(fields=["status", "created"], name="meeting_report_status_created"),
        ),
    ]
