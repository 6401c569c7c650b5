"""Residents' requests are not in the Django admin site: they name people, and are reached only through the
organisation that received them (dataprotection views, scoped and audited). The schedule is data:
data/schedule.yaml."""
