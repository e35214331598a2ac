from django.db import migrations, models


class Migration(migrations.Migration):
    """Hours and languages in English and Spanish, how to reach help in Spanish, an email
    address, and what the data file last said (so a reload keeps edits made in the admin)."""

    dependencies = [
        ("hotlines", "0002_updated_timestamps"),
    ]

    operations = [
        migrations.RenameField(model_name="hotline", old_name="hours", new_name="hours_en"),
        migrations.AlterField(
            model_name="hotline",
            name="hours_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="hours (English)"),
        ),
        migrations.RenameField(
            model_name="hotline", old_name="languages", new_name="languages_en"
        ),
        migrations.AlterField(
            model_name="hotline",
            name="languages_en",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="languages (English)"
            ),
        ),
        migrations.AddField(
            model_name="hotline",
            name="hours_es",
            field=models.CharField(blank=True, max_length=200, verbose_name="hours (Spanish)"),
        ),
        migrations.AddField(
            model_name="hotline",
            name="languages_es",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="languages (Spanish)"
            ),
        ),
        migrations.AddField(
            model_name="hotline",
            name="text_keyword_es",
            field=models.CharField(
                blank=True,
                help_text="Used instead of the text keyword on Spanish pages, e.g. AYUDA.",
                max_length=40,
                verbose_name="text keyword for help in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="hotline",
            name="spanish_help_es",
            field=models.TextField(
                blank=True,
                help_text="In Spanish, shown on Spanish pages, e.g. which option to choose.",
                verbose_name="how to reach help in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="hotline",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.AddField(
            model_name="hotline",
            name="file_values",
            field=models.JSONField(
                default=dict, editable=False, verbose_name="values from the data file"
            ),
        ),
        migrations.AddField(
            model_name="country",
            name="file_values",
            field=models.JSONField(
                default=dict, editable=False, verbose_name="values from the data file"
            ),
        ),
    ]
