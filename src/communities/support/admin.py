"""Nothing of support plans or carers' records is in the Django admin site: they are personal (often health) data,
read only through the support pages, where every read is scoped and audited (see people/admin.py)."""
