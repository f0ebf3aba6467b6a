#!/usr/bin/env bash
# The project's run command: installs the runtime requirements and serves the app
# (http://127.0.0.1:8050; PORT and HOST are honoured by app.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore -r requirements.txt
exec "$PYTHON" app.py
