# Sourced by scripts/demo and scripts/test: find Python >= 3.11, create .venv, install what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Communities needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2
  return 1
}

ensure_venv() {  # $1: "test" (the app, tests and benchmarks) or "" (the app alone)
  # Installs exactly requirements/<lock>.txt (hash-checked, nothing else resolved), then the project itself.
  local lock="requirements/${1:-base}.txt" py stamp want
  py=$(find_python)
  if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv with $py"
    "$py" -m venv .venv
  fi
  want="$(cat "$lock" pyproject.toml | sha256sum | cut -c1-16)-$(basename "$lock" .txt)"
  stamp=.venv/.communities-installed
  if [ ! -f "$stamp" ] || ! grep -qx -- "$want" "$stamp"; then
    echo "Installing the Python packages locked in $lock (first run takes a minute or two)"
    .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r "$lock"
    .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
    # A test install holds everything a base install does: keep both stamps then, but a new lock starts afresh.
    { if [ -f "$stamp" ]; then grep -v -- "-$(basename "$lock" .txt)\$" "$stamp" || true; fi; echo "$want"; } | sort -u > "$stamp.new"
    mv "$stamp.new" "$stamp"
  fi
}
