"""Shared checks for the room's actions."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied


def require(user, perm: str) -> None:
    if not rules.has_perm(perm, user):
        raise PermissionDenied(f"You cannot do this ({perm})")
