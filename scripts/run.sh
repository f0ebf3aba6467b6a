#!/usr/bin/env bash
# The project's run command: creates (or reuses) the project venv .venv with the runtime requirements and serves
# the app on http://127.0.0.1:8050 (PORT and HOST are honoured by app.py). Works on a stock Debian 12 (installs
# python3-venv if missing) and on any Python ≥ 3.11; never installs into the system interpreter.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/venv.sh

ensure_venv requirements.txt
exec "$VENV_PYTHON" app.py "$@"
