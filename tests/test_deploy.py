"""Production settings: check --deploy is clean, and the service refuses to start without real secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "x" * 20 + "-production-test-secret-key-that-is-long-enough-0123456789"
MFA_KEY = "fbP8sQwO0V4f0m6O0Y2n7WQk3m2mZr2y8a3H7n3L1qE="  # a Fernet key for these checks only


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEMO_MODE", "DEBUG", "SECRET_KEY")}
    environment.update({"DJANGO_SETTINGS_MODULE": "communities.settings.production", **env})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True, env=environment, cwd=ROOT
    )


def test_check_deploy_is_clean():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=SECRET, ALLOWED_HOSTS="example.org",
        MFA_ENCRYPTION_KEYS=MFA_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_demo_mode():
    result = run_manage("check", SECRET_KEY=SECRET, DEMO_MODE="1")
    assert result.returncode != 0
    assert "DEMO_MODE must not be on in production" in result.stderr


def test_booleans_are_parsed_strictly():
    result = run_manage("check", SECRET_KEY=SECRET, DEMO_MODE="maybe")
    assert result.returncode != 0
    assert "DEMO_MODE must be one of" in result.stderr
