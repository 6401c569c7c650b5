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

ensure_venv() {  # $1: the extras to install, e.g. "test" or ""
  local extras="$1" py stamp want
  py=$(find_python)
  if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv with $py"
    "$py" -m venv .venv
  fi
  want="$(sha256sum pyproject.toml | cut -c1-16)-${extras:-base}"
  stamp=.venv/.communities-installed
  if [ ! -f "$stamp" ] || ! grep -qx -- "$want" "$stamp"; then
    echo "Installing Python packages (first run takes a minute or two)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    if [ -n "$extras" ]; then
      .venv/bin/python -m pip install --quiet -e ".[$extras]"
    else
      .venv/bin/python -m pip install --quiet -e .
    fi
    # Keep whichever installs have happened: a base install does not undo a test install.
    { [ -f "$stamp" ] && cat "$stamp"; echo "$want"; } | sort -u > "$stamp.new" && mv "$stamp.new" "$stamp"
  fi
}
