"""The README's two commands: scripts/run.sh and scripts/test.sh create and reuse the project venv and never
install into the system interpreter (a stock Debian 12 refuses that, PEP 668).

Exercised on a copy of scripts/ in a scratch repository with a requirements file that needs no download, so the
test is cheap (one `python -m venv`, about 3 s) and says nothing about the network."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BASE_PYTHON = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"

# Stands in for every system Python on PATH: records how it was called and refuses `-m pip` (as Debian does).
SHIM = """#!/bin/sh
echo "$*" >> "{log}"
case " $* " in *" -m pip "*|*" -mpip "*) echo "system pip refused" >&2; exit 97;; esac
exec "{python}" "$@"
"""

FAKE_APP = """import os, sys
print("serving", os.environ.get("HOST"), os.environ.get("PORT"), sys.prefix, *sys.argv[1:])
"""


def scratch_repo(tmp_path: Path) -> tuple[Path, dict[str, str], Path]:
    repo = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "scripts", repo / "scripts", ignore=shutil.ignore_patterns("plotly-bundle"))
    (repo / "requirements.txt").write_text("# nothing to download\n")
    (repo / "requirements-dev.txt").write_text("-r requirements.txt\n")
    (repo / "app.py").write_text(FAKE_APP)
    shims, log = tmp_path / "bin", tmp_path / "system-python.log"
    shims.mkdir()
    for name in ("python", "python3", "python3.11"):
        shim = shims / name
        shim.write_text(SHIM.format(log=log, python=BASE_PYTHON))
        shim.chmod(0o755)
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHON", "VIRTUAL_ENV", "CAMR_VENV", "PIP_REQUIRE_VIRTUALENV")}
    env.update(PATH=f"{shims}:{os.environ['PATH']}", HOST="127.0.0.9", PORT="18123")
    return repo, env, log


def run(repo: Path, env: dict[str, str], script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", f"scripts/{script}", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


def test_run_creates_the_venv_then_reuses_it_without_pip_and_never_touches_the_system_python(tmp_path):
    repo, env, log = scratch_repo(tmp_path)

    first = run(repo, env, "run.sh", "--flag")
    assert first.returncode == 0, first.stderr
    venv = repo / ".venv"
    assert f"serving 127.0.0.9 18123 {venv}" in first.stdout  # the venv's Python serves, HOST/PORT honoured
    assert first.stdout.strip().endswith("--flag")
    assert "installing requirements.txt" in first.stderr
    stamp = venv / ".installed-requirements.txt"
    assert stamp.is_file()

    second = run(repo, env, "run.sh")
    assert second.returncode == 0, second.stderr
    assert "unchanged since the last install: skipping pip" in second.stderr
    assert "creating" not in second.stderr

    (repo / "requirements.txt").write_text("# nothing to download, but changed\n")
    third = run(repo, env, "run.sh")
    assert third.returncode == 0, third.stderr
    assert "installing requirements.txt" in third.stderr

    calls = log.read_text()
    assert "-m venv" in calls
    assert "-m pip" not in calls  # pip only ever ran as .venv/bin/python -m pip
    assert "system pip refused" not in first.stderr + second.stderr + third.stderr


def test_a_broken_venv_is_made_anew(tmp_path):
    repo, env, _ = scratch_repo(tmp_path)
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "python").symlink_to("/nonexistent/python")
    result = run(repo, env, "run.sh")
    assert result.returncode == 0, result.stderr
    assert "broken: creating it anew" in result.stderr
    assert (repo / ".venv" / ".installed-requirements.txt").is_file()


def test_scripts_only_ever_install_with_the_venvs_pip():
    for name in ("run.sh", "test.sh"):
        text = (REPO_ROOT / "scripts" / name).read_text()
        assert "ensure_venv" in text and "pip install" not in text
    lib = (REPO_ROOT / "scripts" / "lib" / "venv.sh").read_text()
    assert '"$VENV_PYTHON" -m pip install' in lib and "PIP_REQUIRE_VIRTUALENV=1" in lib
    assert 'exec bash scripts/test.sh' in (REPO_ROOT / ".ci" / "run").read_text()
