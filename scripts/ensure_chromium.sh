#!/usr/bin/env bash
# Make sure Debian's Chromium (and its chromedriver) is installed for the browser tests (tests/browser).
# Idempotent: does nothing when /usr/bin/chromium is already there. Playwright's own browser download is not
# used (it needs a host outside the package registries); the tests drive Debian's build with executable_path.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "ensure_chromium: $CHROMIUM is already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')); nothing to do."
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "ensure_chromium: $CHROMIUM is missing, and installing it needs root (run as root, or install sudo)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure_chromium: $CHROMIUM is missing; running apt-get update"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "ensure_chromium: installing Debian's chromium, chromium-driver and fonts-liberation (Arial metrics, the GOV.UK fallback typeface)"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-liberation

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure_chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure_chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
