from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="apply_first",
            field=models.BooleanField(
                default=True,
                help_text="Volunteers apply and an organiser approves before they sign up to sessions (off: anyone "
                          "who meets the requirements signs up straight away, e.g. a litter pick)",
            ),
        ),
    ]
