"""Accounts' personal data in the data-protection registry (dataprotection).

Staff and volunteers' accounts are deactivated, never deleted, because the audit trail refers to them (by account and
by an email label that pseudonymisation keeps, so the trail still says which member acted).
"""

from __future__ import annotations

from communities.dataprotection.registry import register

register(
    "accounts.User", record_type="staff_account", subject=None, order=600, describe="Accounts",
    export_fields=("email", "full_name", "date_joined", "last_login", "is_active"),
)
