"""Checks in progress live in the adviser's session (answers and result), until saved to a person's record."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.http import Http404

SESSION_KEY = "money_checks"
KEEP = 10


def store(request, *, answers: dict, result: dict, person_id: str | None = None, person_label: str = "") -> str:
    checks = request.session.get(SESSION_KEY, {})
    check_id = uuid.uuid4().hex
    checks[check_id] = {
        "id": check_id,
        "answers": answers,
        "result": result,
        "person_id": person_id,
        "person_label": person_label,
        "created": datetime.now(UTC).isoformat(),
    }
    if len(checks) > KEEP:
        for old in sorted(checks, key=lambda k: checks[k]["created"])[: len(checks) - KEEP]:
            checks.pop(old)
    request.session[SESSION_KEY] = checks
    return check_id


def load(request, check_id: str) -> dict:
    check = request.session.get(SESSION_KEY, {}).get(check_id)
    if check is None:
        raise Http404("No such check in this session")
    return check


def update(request, check_id: str, **changes) -> None:
    checks = request.session.get(SESSION_KEY, {})
    if check_id in checks:
        checks[check_id].update(changes)
        request.session[SESSION_KEY] = checks
