"""Who manages the Volunteer Driver Service: the one predicate the room's querysets share."""

from __future__ import annotations

import rules


def manages_scheme(user) -> bool:
    """Transport coordinators, and the organisation's administrators and council officers (rules.py)."""
    return rules.has_perm("transport.manage_scheme", user)
