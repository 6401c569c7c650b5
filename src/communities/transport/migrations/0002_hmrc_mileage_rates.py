"""The HMRC approved mileage allowance payment rates shipped with the product, with their source.

Cars and vans 45p a mile for the first 10,000 business miles of the tax year, 25p after; 5p per passenger per
business mile (HMRC, "Expenses and benefits: business travel mileage for employees' own vehicles" and 480 Appendix 3;
unchanged since 6 April 2011). Later changes are added by an administrator as new dated rows, never here.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

SHIPPED = {
    "applies_from": date(2011, 4, 6),
    "car_pence_per_mile": Decimal("45"),
    "car_pence_after_band": Decimal("25"),
    "band_miles": 10000,
    "passenger_pence_per_mile": Decimal("5"),
    "source": "HMRC 480 (Expenses and benefits: a tax guide), Appendix 3: approved mileage allowance payments",
    "source_url": "https://www.gov.uk/government/publications/480-expenses-and-benefits-a-tax-guide",
    "source_read_on": date(2026, 12, 7),
}


def ship_rates(apps, schema_editor):
    MileageRate = apps.get_model("transport", "MileageRate")
    MileageRate.objects.get_or_create(applies_from=SHIPPED["applies_from"], defaults=SHIPPED)


def remove_rates(apps, schema_editor):
    apps.get_model("transport", "MileageRate").objects.filter(applies_from=SHIPPED["applies_from"],
                                                               added_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("transport", "0001_initial")]
    operations = [migrations.RunPython(ship_rates, remove_rates)]
