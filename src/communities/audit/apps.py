from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "communities.audit"
    label = "audit"
    verbose_name = "Audit trail"
