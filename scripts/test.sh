#!/usr/bin/env bash
# The project's test command: installs what the tests need on a fresh Debian 12 + Python 3.11 machine and
# runs the whole suite. Arguments are passed to pytest, e.g. `bash scripts/test.sh -m "not browser"`.
# Python packages go into the project venv .venv (created or reused, pip skipped when requirements are unchanged);
# Debian's Chromium (browser tests) and redis-server (shared cache test) are installed with apt if missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/venv.sh

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "scripts/test.sh: installing Debian packages: ${missing[*]}" >&2
    apt_install "${missing[@]}"
fi

ensure_venv requirements-dev.txt

# Nothing between pytest and the caller that could swallow the status: pytest's exit code (1 failures,
# 2 interrupted, 3 internal error, 4 usage error, 5 no tests collected) is this script's exit code.
exec "$VENV_PYTHON" -m pytest -q "$@"
