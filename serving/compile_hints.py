"""The first page's scripts are compiled ahead of their first call, off the main thread (issue #14).

V8 compiles a function the first time it is called, on the main thread, unless it was told otherwise. A trace of
a cold load of /map (bench/profile_page.py) showed ~200 ms of the main thread's ~450 ms before the first map was
such lazy compilation: the plotly.js build, the renderer's start, React's first render and the map's draw, each
stopping to compile the functions it calls. Chrome (136+) reads the magic comment `//# allFunctionsCalledOnLoad`
on a script's first line as an explicit compile hint: every function of the file is compiled eagerly, by the
background thread that already parses the script while it downloads (script streaming), in parallel with the
main thread. Other browsers ignore the comment.

The files below (those of the first page whose code mostly runs during the load) are served with that line
put before their first byte, so the main thread compiles ~80 % less (measured: main-thread CPU to the painted map
-30 %, background parsing ~2-3x). The files themselves are untouched (the vendored plotly bundle keeps its
sha256). A source map of a hinted file gets one empty line first (`;` in its mappings), so it still maps each
line to its source.
"""
from __future__ import annotations

import json
from pathlib import Path

HINT = b"//# allFunctionsCalledOnLoad\n"

# (package, path in the package) suffixes for Dash's component suites; the app's plotly bundle under assets/.
PACKAGE_FILES = {
    "dash": ("deps/react-dom@", "dash-renderer/build/dash_renderer.min.js", "dcc/dash_core_components.js",
             "html/dash_html_components.min.js", "dcc/async-graph.js", "dcc/async-slider.js",
             "dcc/async-dropdown.js"),
    "dash_bootstrap_components": ("_components/dash_bootstrap_components.min.js",),
}
ASSETS = Path(__file__).resolve().parents[1] / "assets"
ASSET_FILES = frozenset({ASSETS / "vendor" / "plotly-custom.min.js"})  # also what the "full" embeds load


def _package_hinted(package: str, path_in_package: str) -> bool:
    name = path_in_package
    return name.endswith(".js") and any(
        name.startswith(part) if part.endswith("@") else name == part for part in PACKAGE_FILES.get(package, ()))


def _hinted(raw: bytes, name: str, hinted) -> bytes:
    if hinted(name):
        return HINT + raw
    if name.endswith(".js.map") and hinted(name[:-len(".map")]):
        return shifted_map(raw)
    return raw


def package_file(raw: bytes, package: str, path_in_package: str) -> bytes:
    """The bytes to serve for a file of a component suite (see the module's docstring)."""
    return _hinted(raw, path_in_package, lambda name: _package_hinted(package, name))


def local_file(raw: bytes, path: Path) -> bytes:
    """The bytes to serve for a file of the repository (assets/, embed/static/; see the module's docstring)."""
    return _hinted(raw, str(Path(path).resolve()), lambda name: Path(name) in ASSET_FILES)


def shifted_map(raw: bytes) -> bytes:
    """A source map for its script with one line put before it: an empty first line in `mappings`."""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(data, dict) or not isinstance(data.get("mappings"), str):
        return raw
    data["mappings"] = ";" + data["mappings"]
    return json.dumps(data, separators=(",", ":")).encode()
