from django.db import migrations, models


class Migration(migrations.Migration):
    """Whether the word to text first is confirmed, apart from the number (Text About It's
    number is confirmed, its keyword is not)."""

    dependencies = [
        ("hotlines", "0003_spanish_columns_and_file_values"),
    ]

    operations = [
        migrations.AddField(
            model_name="hotline",
            name="text_keyword_status",
            field=models.CharField(
                choices=[("confirmed", "Confirmed"), ("needs-verification", "Needs verification")],
                default="confirmed",
                help_text="Needs verification: the site offers the text number without the keyword and says it could not confirm the keyword.",
                max_length=20,
                verbose_name="text keyword status",
            ),
        ),
    ]
