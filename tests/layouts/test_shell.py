"""The shell: what a notice calls each URL parameter."""
from __future__ import annotations

import re
from pathlib import Path

from layouts.shell import PARAM_KEYS

ROOT = Path(__file__).resolve().parents[2]


def test_every_url_parameter_has_a_name_for_notices():
    """Every Param("name", …) of a view or an embed (and the language) has its key in layouts/shell.py."""
    names = {name for folder in ("layouts", "embed") for path in (ROOT / folder).rglob("*.py")
             for name in re.findall(r"""\bParam\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8"))}
    names |= {name for name in re.findall(r"""\bParam\(\s*["']([a-z_]+)["']""",
                                          (ROOT / "state.py").read_text(encoding="utf-8"))}
    assert "lang" in names and "countries" in names, "the scan found too few parameters"
    assert names - set(PARAM_KEYS) == set()
