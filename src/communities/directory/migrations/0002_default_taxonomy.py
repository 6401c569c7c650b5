"""Load the default needs and activities taxonomy (data/needs_taxonomy.json; see data/README.md for its source)."""

from django.db import migrations


def load(apps, schema_editor):
    from communities.directory.services.taxonomy import load_default_taxonomy

    load_default_taxonomy(apps.get_model("directory", "Taxonomy"), apps.get_model("directory", "TaxonomyTerm"))


def unload(apps, schema_editor):
    from communities.directory.services.taxonomy import DEFAULT_TAXONOMY_ID

    apps.get_model("directory", "Taxonomy").objects.filter(pk=DEFAULT_TAXONOMY_ID).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
