#!/usr/bin/env bash
# The project's test command: installs what the tests need on a fresh Debian 12 + Python 3.11 machine and
# runs the whole suite. Arguments are passed to pytest, e.g. `bash scripts/test.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

if [ ! -x /usr/bin/chromium ]; then
    echo "scripts/test.sh: /usr/bin/chromium missing: installing Debian chromium + chromium-driver" >&2
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        chromium chromium-driver
fi

"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore -r requirements-dev.txt

# Not `exec`-ed through anything that could swallow the status: pytest's exit code (1 failures,
# 2 interrupted, 3 internal error, 4 usage error, 5 no tests collected) is this script's exit code.
exec "$PYTHON" -m pytest -q "$@"
