# Sourced by scripts/run.sh and scripts/test.sh: the project's own virtual environment.
#
#   ensure_venv requirements.txt      # → sets VENV_PYTHON; creates .venv if needed, pip only when requirements changed
#
# Never installs into the interpreter that created the venv: a stock Debian 12 refuses that (PEP 668), and a CI
# image's interpreter may not be writable. pip runs only as `.venv/bin/python -m pip`, with PIP_REQUIRE_VIRTUALENV set.
# CAMR_VENV moves the venv (default: .venv in the repository); PYTHON chooses the interpreter that creates it.

_venv_log() { echo "scripts: $*" >&2; }

_sudo() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        _venv_log "need root for: $*"; return 1; fi
}

# Debian packages, installed only when missing (apt-get update once per run).
apt_install() {
    if [ -z "${_APT_UPDATED:-}" ]; then
        _sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
        _APT_UPDATED=1
    fi
    _sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
}

# The first Python ≥ 3.11 among $PYTHON, python3.11, python3, python.
find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3 python; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    _venv_log "no Python 3.11 or newer found (set PYTHON=/path/to/python3.11)"
    return 1
}

# A hash of every requirements file and the Python version: when it matches the stamp in the venv, pip is skipped.
_requirements_hash() {
    { "$VENV_PYTHON" -c 'import sys; print(sys.version)'; cat requirements*.txt; } | sha256sum | cut -d' ' -f1
}

ensure_venv() {
    local requirements="$1" venv="${CAMR_VENV:-.venv}" python stamp
    export PIP_REQUIRE_VIRTUALENV=1 PIP_DISABLE_PIP_VERSION_CHECK=1
    # A venv whose pip does not work (created without ensurepip, or its interpreter gone) is made anew.
    if [ -d "$venv" ] && ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
        _venv_log "$venv is broken: creating it anew"
        rm -rf "$venv"
    fi
    if [ ! -x "$venv/bin/python" ]; then
        python="$(find_python)"
        # Debian keeps ensurepip (which venv needs) in a separate package.
        if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
            _venv_log "$python cannot create a venv: installing Debian's python3-venv"
            apt_install python3-venv
        fi
        _venv_log "creating $venv with $python ($("$python" --version 2>&1))"
        "$python" -m venv "$venv"
    fi
    VENV_PYTHON="$venv/bin/python"
    stamp="$venv/.installed-$(basename "$requirements")"
    local wanted
    wanted="$(_requirements_hash)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        _venv_log "$requirements unchanged since the last install: skipping pip"
        return 0
    fi
    _venv_log "installing $requirements into $venv"
    "$VENV_PYTHON" -m pip install -q -r "$requirements"
    echo "$wanted" > "$stamp"
}
