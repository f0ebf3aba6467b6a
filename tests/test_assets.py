"""assets/: the vendored partial plotly.js bundle and the offline rule.

- assets/vendor/plotly-custom.min.js (built by scripts/build_plotly_bundle.sh) exists, is the plotly.js version
  the `plotly` Python package ships, is the file PLOTLY_BUNDLE.md describes (sha256), and registers exactly the
  trace types that figures/, layouts/ and callbacks/ build (a missing one draws nothing, silently: plotly.js
  makes it an invisible scatter; an extra one is dead weight on every page load);
- scripts/plotly-bundle pins exact versions (package.json and package-lock.json agree);
- nothing under assets/ points the browser off the host: no http(s):// or protocol-relative URL in
  src=/href=/url()/@import, licence comments aside.

The browser side (dash's own plotly.min.js never requested, window.Plotly is this bundle, every page draws) is
tests/browser/test_offline_assets.py.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "assets"
BUNDLE = ASSETS / "vendor" / "plotly-custom.min.js"
BUNDLE_DOC = ASSETS / "vendor" / "PLOTLY_BUNDLE.md"
BUNDLE_SRC = REPO / "scripts" / "plotly-bundle"
BUNDLE_MARKER = "central-asia-custom"
FIGURE_DIRS = ("figures", "layouts", "callbacks")

# ---------------------------------------------------------------------------------------------------------------
# Which plotly.js trace types the app's Python code builds
# ---------------------------------------------------------------------------------------------------------------

# Every trace type plotly (Python) knows: go.Scattergeo -> "scattergeo", go.Choroplethmap -> "choroplethmap", ...
GO_TRACES: dict[str, str] = {
    name: getattr(go, name)().type
    for name in dir(go)
    if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
}
TRACE_NAMES = frozenset(GO_TRACES.values())

# plotly express functions -> the trace type they draw (extend when a view starts using another one).
PX_TRACES = {
    "scatter": "scatter", "line": "scatter", "area": "scatter", "bar": "bar", "histogram": "histogram",
    "box": "box", "violin": "violin", "strip": "box", "pie": "pie", "sunburst": "sunburst", "treemap": "treemap",
    "icicle": "icicle", "funnel": "funnel", "density_heatmap": "histogram2d", "imshow": "heatmap",
    "choropleth": "choropleth", "scatter_geo": "scattergeo", "line_geo": "scattergeo",
    "choropleth_map": "choroplethmap", "scatter_map": "scattermap", "line_map": "scattermap",
    "density_map": "densitymap", "timeline": "bar", "parallel_categories": "parcats",
    "parallel_coordinates": "parcoords",
}

# go.Bar(...), or kit.Bar(...) in a builder written against a kit of plotly's names (figures/plain.py)
_GO_CALL = re.compile(r"\b(?:go|kit)\.([A-Z][A-Za-z0-9]*)\s*\(")
_PX_CALL = re.compile(r"\bpx\.([a-z_0-9]+)\s*\(")
# dict(type="scattergeo", ...) and {"type": "scattergeo", ...}; other `type` values (axis "log", shape "line")
# are not trace names and are ignored.
_TYPE_KWARG = re.compile(r"""\btype\s*=\s*["']([a-z0-9]+)["']|["']type["']\s*:\s*["']([a-z0-9]+)["']""")


def trace_types_in(source: str) -> set[str]:
    """plotly.js trace types that Python source text builds (go.X(...) or kit.X(...), px.x(...), dict(type="x"))."""
    found: set[str] = set()
    for name in _GO_CALL.findall(source):
        if name in GO_TRACES:  # go.Figure, go.Layout, ... are not traces
            found.add(GO_TRACES[name])
    for func in _PX_CALL.findall(source):
        if func not in PX_TRACES:
            raise AssertionError(f"px.{func}(...) is used: add the trace type it draws to PX_TRACES in {__file__}")
        found.add(PX_TRACES[func])
    for a, b in _TYPE_KWARG.findall(source):
        if (a or b) in TRACE_NAMES:
            found.add(a or b)
    return found


def used_trace_types() -> dict[str, set[str]]:
    """{trace type: {files that build it}} over the app's figure, layout and callback modules."""
    used: dict[str, set[str]] = {}
    for folder in FIGURE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            for trace in trace_types_in(path.read_text(encoding="utf-8")):
                used.setdefault(trace, set()).add(str(path.relative_to(REPO)))
    return used


_REGISTERED = re.compile(r'moduleType:\s*"trace",\s*name:\s*"([a-z0-9]+)"')


def registered_trace_types(bundle_text: str) -> set[str]:
    """Trace modules compiled into a plotly.js bundle (each module object reads `moduleType:"trace",name:"x"`)."""
    return set(_REGISTERED.findall(bundle_text))


@pytest.fixture(scope="module")
def bundle_text() -> str:
    if not BUNDLE.is_file():
        pytest.fail(f"{BUNDLE.relative_to(REPO)} is missing: run `bash scripts/build_plotly_bundle.sh`",
                    pytrace=False)
    return BUNDLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(("source", "expected"), [
    ("go.Figure(go.Scatter(x=[1]))", {"scatter"}),
    ("fig = go.Figure([go.Choropleth(z=z), go.Heatmap(z=z)]); fig.update_layout(go.Layout())",
     {"choropleth", "heatmap"}),
    ('dict(type="scattergeo", lon=[]); dict(type="log"); {"type": "sankey"}; dict(type="line", x0=1)',
     {"scattergeo", "sankey"}),
    ("px.choropleth(df); px.line(df)", {"choropleth", "scatter"}),
    ("go.layout.Annotation(text='x'); go.Figure()", set()),
], ids=["go-trace", "go-traces-not-layout", "dict-type", "px", "no-trace"])
def test_trace_type_scanner(source, expected):
    assert trace_types_in(source) == expected


def test_trace_type_scanner_sees_the_app_figures():
    used = used_trace_types()
    assert {"choropleth", "scatter"} <= set(used), f"the scan of {FIGURE_DIRS} found only {sorted(used)}"


def test_bundle_registers_exactly_the_trace_types_the_app_uses(bundle_text):
    used = used_trace_types()
    registered = registered_trace_types(bundle_text)
    missing = {t: sorted(files) for t, files in used.items() if t not in registered}
    assert not missing, (f"trace types built by the app but not in {BUNDLE.relative_to(REPO)} (they would draw "
                         f"nothing): {missing}; add them to "
                         f"scripts/plotly-bundle/entry.js and rebuild")
    unused = registered - set(used)
    assert not unused, (f"{BUNDLE.relative_to(REPO)} registers trace types no figure uses: {sorted(unused)}; "
                        f"drop them from scripts/plotly-bundle/entry.js and rebuild")


def test_registered_trace_scan_reads_plotly_builds():
    assert registered_trace_types('x={moduleType:"trace",name:"bar",basePlotModule:y}') == {"bar"}
    assert registered_trace_types("moduleType: 'component', name: 'legend'") == set()


# ---------------------------------------------------------------------------------------------------------------
# The bundle file: version, marker, provenance
# ---------------------------------------------------------------------------------------------------------------

def test_bundle_is_the_plotlyjs_version_plotly_python_ships(bundle_text):
    header = bundle_text[:400]
    version = get_plotlyjs_version()
    assert f"plotly.js v{version} " in header, (
        f"the plotly Python package ships plotly.js {version}, the bundle header says: {header[:160]!r}; "
        f"update scripts/plotly-bundle/package.json and rebuild")


def test_bundle_is_a_partial_minified_build_with_its_marker(bundle_text):
    code = _LICENCE_BLOCK.sub(" ", bundle_text)  # the banner names the marker too: look in the code only
    assert f'"{BUNDLE_MARKER}"' in code and "__bundle=" in code, (
        "the window.Plotly.__bundle marker the browser tests check is missing")
    size = BUNDLE.stat().st_size
    full = Path(go.__file__).resolve().parents[1] / "package_data" / "plotly.min.js"
    assert size < 0.5 * full.stat().st_size, f"{size:,} B: not much of a partial bundle"
    assert bundle_text.count("\n") < 100, "not minified"
    assert "sourceMappingURL" not in bundle_text, "points to a source map that is not shipped"


def test_bundle_doc_records_version_and_sha256():
    assert BUNDLE_DOC.is_file(), f"{BUNDLE_DOC.relative_to(REPO)} is missing"
    doc = BUNDLE_DOC.read_text(encoding="utf-8")
    sha = hashlib.sha256(BUNDLE.read_bytes()).hexdigest()
    assert sha in doc, (f"{BUNDLE_DOC.relative_to(REPO)} does not record the sha256 of the committed bundle "
                        f"({sha}): rebuilt without updating it, or edited by hand?")
    assert get_plotlyjs_version() in doc
    for trace in sorted(registered_trace_types(BUNDLE.read_text(encoding="utf-8"))):
        assert f"`{trace}`" in doc, f"PLOTLY_BUNDLE.md does not list the trace type `{trace}`"


def test_bundle_sources_pin_exact_versions():
    package = json.loads((BUNDLE_SRC / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((BUNDLE_SRC / "package-lock.json").read_text(encoding="utf-8"))
    pins = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    assert set(pins) >= {"plotly.js", "esbuild"}
    for name, spec in pins.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name}@{spec!r} in package.json is not an exact version"
        locked = lock["packages"].get(f"node_modules/{name}", {}).get("version")
        assert locked == spec, f"package-lock.json has {name} {locked}, package.json pins {spec}: run npm install"
    assert pins["plotly.js"] == get_plotlyjs_version(), (
        f"scripts/plotly-bundle pins plotly.js {pins['plotly.js']}, the plotly Python package ships "
        f"{get_plotlyjs_version()}")
    assert (BUNDLE_SRC / "entry.js").is_file()
    assert (REPO / "scripts" / "build_plotly_bundle.sh").is_file()


# ---------------------------------------------------------------------------------------------------------------
# Nothing under assets/ sends the browser off the host
# ---------------------------------------------------------------------------------------------------------------

TEXT_SUFFIXES = {".css", ".js", ".mjs", ".json", ".html", ".htm", ".svg", ".txt", ".map", ".webmanifest", ".xml"}
# Licence/banner comments: /*! ... */ (kept by minifiers), and /* ... */ or // lines naming a licence/copyright.
_LICENCE_BLOCK = re.compile(r"/\*!.*?\*/|/\*(?:(?!\*/).)*?(?:licen[cs]e|copyright|@preserve)(?:(?!\*/).)*?\*/",
                            re.S | re.I)
_OFF_HOST = r"(?:https?:)?//(?!(?:localhost|127\.0\.0\.1|\[::1\])[:/])"
_REFERENCES = [
    ("url()", re.compile(r"""url\(\s*\\?["']?\s*(""" + _OFF_HOST + r"""[^"')\s\\]*)""", re.I)),
    ("@import", re.compile(r"""@import\s+(?:url\(\s*)?["']?\s*(""" + _OFF_HOST + r"""[^"')\s;]*)""", re.I)),
    ("src/href attribute", re.compile(r"""\b(?:src|href|srcset)\s*=\s*\\?["']?\s*(""" + _OFF_HOST
                                      + r"""[^"'\s>\\]*)""", re.I)),
]
# Off-host references that are not requests, each with the reason it is allowed.
# None since the bundle build rewrites plotly's logo link and default topojson URL (scripts/build_plotly_bundle.sh).
ALLOWED: dict[tuple[str, str], str] = {}


def off_host_references(text: str) -> list[tuple[str, str]]:
    """(kind, url) of every off-host URL a browser would load from this CSS/JS/HTML text, licences aside."""
    text = _LICENCE_BLOCK.sub(" ", text)
    return [(kind, m.group(1)) for kind, pattern in _REFERENCES for m in pattern.finditer(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("a{background:url(https://cdn.example.com/x.png)}", [("url()", "https://cdn.example.com/x.png")]),
    ("@font-face{src:url('//fonts.gstatic.com/f.woff2')}", [("url()", "//fonts.gstatic.com/f.woff2")]),
    ('@import "https://fonts.googleapis.com/css?family=Roboto";',
     [("@import", "https://fonts.googleapis.com/css?family=Roboto")]),
    ('s.src="https://cdn.plot.ly/plotly.min.js"', [("src/href attribute", "https://cdn.plot.ly/plotly.min.js")]),
    ("<link href='http://example.com/a.css'>", [("src/href attribute", "http://example.com/a.css")]),
    ("/*! Bootstrap (https://getbootstrap.com/) MIT */ .a{}", []),
    ("/* Licensed under MIT (https://github.com/x/y/blob/main/LICENSE) */", []),
    ("a{background:url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\")}", []),
    ("a{background:url(/assets/x.png)} b{src:url(fonts/a.woff)}", []),
    ('s.href="http://127.0.0.1:8050/x"', []),
], ids=["css-url", "css-url-protocol-relative", "css-import", "js-src", "html-href", "licence-banner",
        "licence-comment", "data-uri", "local-urls", "loopback"])
def test_off_host_scanner(text, expected):
    assert off_host_references(text) == expected


def _asset_files() -> list[Path]:
    return sorted(p for p in ASSETS.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def test_assets_are_scanned():
    names = {p.relative_to(ASSETS).as_posix() for p in _asset_files()}
    assert {"vendor/plotly-custom.min.js", "vendor/bootstrap.min.css"} <= names, sorted(names)


@pytest.mark.parametrize("path", _asset_files(), ids=lambda p: p.relative_to(ASSETS).as_posix())
def test_no_asset_references_an_off_host_url(path):
    rel = path.relative_to(ASSETS).as_posix()
    found = [(kind, url) for kind, url in off_host_references(path.read_text(encoding="utf-8", errors="replace"))
             if (rel, url) not in ALLOWED]
    assert not found, f"assets/{rel} makes the browser leave the host (the app must work offline): {found}"


def test_allowed_off_host_references_still_exist():
    """An allowance whose reference is gone is stale: drop it, so it cannot excuse something else later."""
    for (rel, url), _reason in ALLOWED.items():
        path = ASSETS / rel
        assert path.is_file() and (rel, url) in {
            (rel, u) for _, u in off_host_references(path.read_text(encoding="utf-8", errors="replace"))}, (
            f"ALLOWED lists {url} in assets/{rel}, which no longer references it")


def test_bundle_default_topojson_is_on_the_host():
    """A graph that forgets `topojsonURL` in its config must still not reach plotly's CDN."""
    text = BUNDLE.read_text(encoding="utf-8")
    assert 'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/topojson/"' in text
    assert "cdn.plot.ly" not in text


# ---------------------------------------------------------------------------------------------------------------
# The embeds' own bundles (embed/static/vendor/, built by the same script; embed/page.py picks one per embed)
# ---------------------------------------------------------------------------------------------------------------

EMBED_BUNDLES = {
    "geo": (REPO / "embed" / "static" / "vendor" / "plotly-embed-geo.min.js", "central-asia-embed-geo"),
    "cartesian": (REPO / "embed" / "static" / "vendor" / "plotly-embed-cartesian.min.js",
                  "central-asia-embed-cartesian"),
}


@pytest.mark.parametrize("name", EMBED_BUNDLES)
def test_each_embed_bundle_is_a_smaller_build_of_the_same_plotlyjs_registering_what_the_page_expects(name):
    from embed import PLOTLY_FILES, page

    path, marker = EMBED_BUNDLES[name]
    assert PLOTLY_FILES[name] == path
    text = path.read_text(encoding="utf-8")
    assert f"plotly.js v{get_plotlyjs_version()} partial bundle '{marker}'" in text[:400]
    code = _LICENCE_BLOCK.sub(" ", text)
    assert f'"{marker}"' in code and "__bundle=" in code
    assert registered_trace_types(text) == page.PLOTLY_BUNDLES[name]
    assert registered_trace_types(text) < registered_trace_types(BUNDLE.read_text(encoding="utf-8"))
    assert path.stat().st_size < 0.9 * BUNDLE.stat().st_size
    assert text.count("\n") < 100 and "sourceMappingURL" not in text
    assert "Copyright 2012-2026, Plotly, Inc. MIT license" in text[:400] and "@license" in text  # licences kept
    assert not off_host_references(text), off_host_references(text)
    doc = BUNDLE_DOC.read_text(encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert sha in doc, f"PLOTLY_BUNDLE.md does not record the sha256 of {path.relative_to(REPO)} ({sha})"
    assert f"`{path.relative_to(REPO).as_posix()}`" in doc


def test_the_page_knows_the_apps_bundle_traces_too():
    from embed import page

    assert page.PLOTLY_BUNDLES["full"] == registered_trace_types(BUNDLE.read_text(encoding="utf-8"))


def test_the_geo_bundles_look_countries_up_lazily_but_still_carry_the_lookup():
    """scripts/plotly-bundle/lazy-country-iso-search.js stands in for the package in the app's bundle and the geo
    embed bundle (COUNTRIES empty at start, the package's own list and lookup loaded on first use): the package's
    data is still in both; the cartesian embed bundle has no geo traces, so neither."""
    for bundle in (EMBED_BUNDLES["geo"][0], BUNDLE):
        text = bundle.read_text(encoding="utf-8")
        assert re.search(r"\.COUNTRIES=\[\]", text), bundle.name
        assert "country of aruba" in text, bundle.name
    assert "country of aruba" not in EMBED_BUNDLES["cartesian"][0].read_text(encoding="utf-8")
    assert (BUNDLE_SRC / "lazy-country-iso-search.js").is_file()
    for entry in ("entry-embed-geo.js", "entry-embed-cartesian.js"):
        assert (BUNDLE_SRC / entry).is_file()
