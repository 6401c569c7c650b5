"""Print the digest of what the lock files are made from: pyproject.toml's dependencies, optional dependencies and
build requirements, and requirements/build.in. scripts/lock writes it into each lock's header; the test
tests/test_lock.py recomputes it, so a change to pyproject.toml that was not followed by scripts/lock fails."""

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lock_inputs(root: Path = ROOT) -> dict:
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    build_in = [
        line.strip()
        for line in (root / "requirements" / "build.in").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    extras = pyproject["project"].get("optional-dependencies", {})
    return {
        "requires-python": pyproject["project"].get("requires-python", ""),
        "dependencies": sorted(pyproject["project"]["dependencies"]),
        "optional-dependencies": {
            extra: sorted(specs) for extra, specs in sorted(extras.items())
        },
        "build-system": sorted(pyproject["build-system"]["requires"]),
        "build.in": sorted(build_in),
    }


def inputs_digest(root: Path = ROOT) -> str:
    canonical = json.dumps(lock_inputs(root), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


if __name__ == "__main__":
    sys.stdout.write(inputs_digest() + "\n")
