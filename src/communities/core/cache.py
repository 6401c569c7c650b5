"""The shared folder cache, with counters that every server process can share.

Django's folder cache (``FileBasedCache``) writes each entry atomically, but its ``add`` is "look, then write" and
its ``incr`` is "read, then write": two processes adding one at the same moment both read 4 and both write 5. Here
both take an exclusive lock (``flock``) on one of a fixed set of lock files, chosen by the key, so a count made by
four gunicorn workers is one count. ``incr`` keeps the entry's expiry rather than starting it again, so a counter
for a time window disappears when its window has passed. Redis (``CACHE_URL=redis://…``) needs none of this: its
``SET NX`` and ``INCR`` are atomic already.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import zlib

from django.core.cache.backends import filebased
from django.core.files import locks
from django.core.files.move import file_move_safe

LOCK_STRIPES = 64


class FileBasedCache(filebased.FileBasedCache):
    """Django's folder cache with ``add`` and ``incr`` atomic across processes (see the module's docstring)."""

    @contextlib.contextmanager
    def _locked(self, key, version):
        name = os.path.basename(self._key_to_file(key, version))  # an md5 in hex
        folder = os.path.join(self._dir, "locks")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{int(name[:8], 16) % LOCK_STRIPES}.lock"), "ab") as handle:
            locks.lock(handle, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(handle)

    def add(self, key, value, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        with self._locked(key, version):
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked(key, version):
            fname = self._key_to_file(key, version)
            try:
                with open(fname, "rb") as handle:
                    if self._is_expired(handle):  # closes and deletes it
                        raise ValueError(f"Key '{key}' not found.")
                    handle.seek(0)
                    # The cache's own folder, written only by this service, as Django's backend reads it.
                    expiry = pickle.load(handle)  # noqa: S301
                    value = pickle.loads(zlib.decompress(handle.read()))  # noqa: S301
            except FileNotFoundError as exc:
                raise ValueError(f"Key '{key}' not found.") from exc
            value += delta
            fd, tmp_path = tempfile.mkstemp(dir=self._dir)
            try:
                with open(fd, "wb") as out:
                    out.write(pickle.dumps(expiry, self.pickle_protocol))
                    out.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                file_move_safe(tmp_path, fname, allow_overwrite=True)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(tmp_path)
                raise
            return value
