"""The registry of meeting sources (kind, BMLT filters, zone rule, snapshot date, counts, last
error), the canonical fellowships, and format names that have no Meeting Guide code."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count


def count_meetings(apps, schema_editor) -> None:
    """Sources keep their meeting count (the data sources page and the admin list it)."""
    FeedSource = apps.get_model("meetings", "FeedSource")
    for source in FeedSource.objects.annotate(total=Count("meetings")):
        FeedSource.objects.filter(pk=source.pk).update(meeting_count=source.total)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_keyword_text_index"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="feedsource",
            options={
                "ordering": ["name"],
                "verbose_name": "meeting source",
                "verbose_name_plural": "meeting sources",
            },
        ),
        migrations.AddField(
            model_name="feedsource",
            name="data_as_of",
            field=models.DateField(
                blank=True,
                help_text="For a snapshot: when its listings were current. Empty: the last successful sync is the date shown.",
                null=True,
                verbose_name="data as of",
            ),
        ),
        migrations.AddField(
            model_name="feedsource",
            name="filters",
            field=models.CharField(
                blank=True,
                help_text="BMLT only: GetSearchResults parameters that choose the meetings, for example services[]=1005&services[]=1006&recursive=1. An aggregator needs at least one.",
                max_length=500,
                verbose_name="BMLT search filters",
            ),
        ),
        migrations.AddField(
            model_name="feedsource",
            name="kind",
            field=models.CharField(
                choices=[
                    ("meeting_guide", "Meeting Guide JSON feed"),
                    ("bmlt", "BMLT root server or aggregator"),
                ],
                default="meeting_guide",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="feedsource",
            name="last_error",
            field=models.TextField(blank=True, verbose_name="last error"),
        ),
        migrations.AddField(
            model_name="feedsource",
            name="last_error_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last error at"),
        ),
        migrations.AddField(
            model_name="feedsource",
            name="meeting_count",
            field=models.PositiveIntegerField(default=0, verbose_name="meetings"),
        ),
        migrations.AddField(
            model_name="feedsource",
            name="zone_from_place",
            field=models.BooleanField(
                default=True,
                help_text="Untick when the source writes every time in its default zone (as a national online list often does) even for meetings elsewhere.",
                verbose_name="time zone from each meeting's ZIP code",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="address_approximate",
            field=models.BooleanField(blank=True, null=True, verbose_name="approximate address"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="other_formats",
            field=models.JSONField(blank=True, null=True, verbose_name="other formats"),
        ),
        migrations.AlterField(
            model_name="feedsource",
            name="fellowship",
            field=models.CharField(
                blank=True,
                choices=[
                    ("aa", "Alcoholics Anonymous (AA)"),
                    ("na", "Narcotics Anonymous (NA)"),
                    ("ca", "Cocaine Anonymous (CA)"),
                    ("cma", "Crystal Meth Anonymous (CMA)"),
                    ("smart", "SMART Recovery"),
                    ("al-anon", "Al-Anon and Alateen (family and friends)"),
                    ("nar-anon", "Nar-Anon (family and friends)"),
                    ("other", "Other mutual-help groups"),
                ],
                max_length=10,
                verbose_name="fellowship",
            ),
        ),
        migrations.AlterField(
            model_name="feedsource",
            name="url",
            field=models.CharField(
                blank=True,
                help_text="Meeting Guide: the https:// address of the JSON feed. BMLT: the root server's or aggregator's address (https://…/main_server/). Or a file on the server; bundled:NAME for a file that comes with Recovery Navigator.",
                max_length=500,
                verbose_name="URL or file",
            ),
        ),
        migrations.AlterField(
            model_name="importrun",
            name="source",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="runs",
                to="meetings.feedsource",
                verbose_name="source",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="fellowship",
            field=models.CharField(
                choices=[
                    ("aa", "Alcoholics Anonymous (AA)"),
                    ("na", "Narcotics Anonymous (NA)"),
                    ("ca", "Cocaine Anonymous (CA)"),
                    ("cma", "Crystal Meth Anonymous (CMA)"),
                    ("smart", "SMART Recovery"),
                    ("al-anon", "Al-Anon and Alateen (family and friends)"),
                    ("nar-anon", "Nar-Anon (family and friends)"),
                    ("other", "Other mutual-help groups"),
                ],
                max_length=10,
                verbose_name="fellowship",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="source",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meetings",
                to="meetings.feedsource",
                verbose_name="source",
            ),
        ),
        migrations.RunPython(count_meetings, migrations.RunPython.noop),
    ]
