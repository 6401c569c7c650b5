"""Settings for the test suite: fast hashing, in-memory outbox, the database from DATABASE_URL or SQLite."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("COMMUNITIES_VAR_DIR", tempfile.mkdtemp(prefix="communities-test-"))

from .base import *  # noqa: E402,F403
from .base import DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
NOTIFY_BACKEND = "memory"
OUTBOX_DIR = Path(VAR_DIR) / "outbox"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(Path(VAR_DIR) / "test.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = Path(VAR_DIR) / "static"  # WhiteNoise warns when STATIC_ROOT does not exist
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Each test's own cache (cleared between tests in tests/conftest.py), and the directory's revision read on every
# request, so a change made by a test shows in the very next request.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "communities-test"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "communities-test-local"},
}
DIRECTORY_REVISION_CHECK_SECONDS = 0
