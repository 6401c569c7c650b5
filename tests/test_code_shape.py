"""Tests about the code's shape (after GOV.UK Notify and NHS Manage Breast Screening)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.core.management import call_command

SRC = Path(__file__).resolve().parent.parent / "src" / "communities"
PURE_CORES = ["stats", "scheduling", "benefits"]


def view_modules():
    for path in SRC.rglob("*.py"):
        if path.name == "views.py" or "views" in path.parent.name.split("/")[-1:]:
            yield path


def personal_data_models() -> set[str]:
    """Models holding personal data: their reads are audited or their querysets are scoped with visible_to()."""
    from django.apps import apps

    names = set()
    for model in apps.get_models():
        if getattr(model, "AUDIT_READS", False) or hasattr(model._default_manager, "visible_to"):
            names.add(model.__name__)
    return names


def test_views_never_query_personal_data_directly():
    """Views reach personal data only through the scoping helpers or services (MBS's model-usage lint)."""
    guarded = personal_data_models()
    assert {"Person", "Membership", "AuditEvent"} <= guarded
    offenders = []
    for path in view_modules():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for name in re.findall(r"\b([A-Z]\w*)\.objects\b", line):
                if name in guarded:
                    offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == [], "Use visible()/get_visible_or_404() or a service function:\n" + "\n".join(offenders)


def test_pure_cores_do_not_import_django():
    offenders = []
    for core in PURE_CORES:
        for path in (SRC / core).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path.relative_to(SRC)} imports {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_migrations_are_up_to_date(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
