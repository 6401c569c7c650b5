"""The lock files are the only source of what gets installed (docs/adr/0007-locked-dependencies.md).

These tests fail when pyproject.toml changes without ``scripts/lock``, when a pin no longer satisfies what
pyproject.toml asks for, when a pin has no hash, when the two locks disagree, or when the environment the tests run
in is not the one the lock describes.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"test": ROOT / "requirements" / "test.txt", "base": ROOT / "requirements" / "base.txt"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^ ;\\]+)(?: *; *(?P<marker>[^\\]+?))? *\\?$")


def _lock_inputs_module():
    spec = importlib.util.spec_from_file_location("lock_inputs", ROOT / "scripts" / "lock_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_lock(path: Path) -> dict[str, list[tuple[Version, Marker | None, int]]]:
    """{name: [(version, marker, number of hashes)]}; a universal lock may pin a package once per marker."""
    pins: dict[str, list] = {}
    current = None
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            marker = Marker(match["marker"]) if match["marker"] else None
            current = [Version(match["version"]), marker, 0]
            pins.setdefault(canonicalize_name(match["name"]), []).append(current)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[2] += 1
        elif line.strip() and not line.startswith((" ", "#")):
            pytest.fail(f"{path.name}: a line that is not a pin: {line!r}")
    return {name: [tuple(p) for p in entries] for name, entries in pins.items()}


def _applies(marker: Marker | None, extra: str = "") -> bool:
    return marker is None or marker.evaluate({"extra": extra})


def _requirements(pyproject: dict, extras: list[str]) -> list[Requirement]:
    specs = list(pyproject["project"]["dependencies"]) + list(pyproject["build-system"]["requires"])
    for extra in extras:
        specs += pyproject["project"]["optional-dependencies"][extra]
    build_in = (ROOT / "requirements" / "build.in").read_text().splitlines()
    specs += [line.strip() for line in build_in if line.strip() and not line.startswith("#")]
    return [Requirement(spec) for spec in specs]


@pytest.fixture(scope="module")
def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_was_made_from_this_pyproject(lock):
    header = LOCKS[lock].read_text().splitlines()[:5]
    recorded = next((line.split(":", 1)[1].strip() for line in header if line.startswith("# inputs-sha256:")), None)
    assert recorded == _lock_inputs_module().inputs_digest(ROOT), (
        f"requirements/{lock}.txt was not made from the current pyproject.toml: run scripts/lock and commit both files"
    )


@pytest.mark.parametrize(("lock", "extras"), [("test", ["test", "bench"]), ("base", [])])
def test_every_requirement_is_pinned_within_its_range(lock, extras, pyproject):
    pins = parse_lock(LOCKS[lock])
    problems = []
    for requirement in _requirements(pyproject, extras):
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        candidates = [version for version, marker, _ in pins.get(canonicalize_name(requirement.name), [])
                      if _applies(marker)]
        if not candidates:
            problems.append(f"{requirement.name} is not in requirements/{lock}.txt")
        elif not all(requirement.specifier.contains(v, prereleases=True) for v in candidates):
            problems.append(f"{requirement} but requirements/{lock}.txt pins {candidates}")
    assert problems == [], "run scripts/lock:\n" + "\n".join(problems)


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_pin_has_a_hash(lock):
    unhashed = [name for name, entries in parse_lock(LOCKS[lock]).items() for _, _, hashes in entries if not hashes]
    assert unhashed == []


def test_base_lock_pins_the_same_versions_as_the_full_lock():
    full, base = parse_lock(LOCKS["test"]), parse_lock(LOCKS["base"])
    differ = {name: (entries, full.get(name)) for name, entries in base.items()
              if {(v, str(m)) for v, m, _ in entries} - {(v, str(m)) for v, m, _ in full.get(name, [])}}
    assert differ == {}


def test_installs_use_the_lock_with_hashes_only():
    setup = (ROOT / "scripts" / "_setup.sh").read_text()
    assert "--require-hashes --no-deps -r" in setup
    assert "--no-deps --no-build-isolation -e ." in setup
    installs = [line for line in setup.splitlines() if "pip install" in line]
    assert all("--no-deps" in line for line in installs), installs


def test_this_environment_is_the_locked_one():
    """The suite runs in what the lock describes: an upstream release cannot have slipped in."""
    drift = []
    for name, entries in parse_lock(LOCKS["test"]).items():
        wanted = [version for version, marker, _ in entries if _applies(marker)]
        if not wanted:
            continue
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            drift.append(f"{name}: locked {wanted[0]}, not installed")
            continue
        if installed not in wanted:
            drift.append(f"{name}: locked {wanted[0]}, installed {installed}")
    assert drift == [], "the test environment differs from requirements/test.txt:\n" + "\n".join(drift)
