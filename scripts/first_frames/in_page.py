"""The JavaScript the drawing runs in Chromium's pages (page.evaluate): one function per .js file beside this one."""
from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def script(name: str) -> str:
    """The function in `name`.js as page.evaluate takes it: the file without its leading // comment."""
    lines = (HERE / f"{name}.js").read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "".join(lines).rstrip("\n")
