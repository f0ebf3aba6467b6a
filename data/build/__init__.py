"""`python -m data.build`: raw publisher files (data/raw/) → validated curated tables (data/curated/*.csv).

Every raw file is read strictly (see data/validate/); a fault stops the build with one message naming file, row
and column, and leaves the curated files untouched: all tables are written to a temporary folder, validated as the
app will load them, and only then moved into place (os.replace, one file at a time, unchanged files left alone).

One module per part: `codes` (the country codes raw files may name), `frames` (helpers for long frames that keep
each value's raw file, row and column), `indicators` (indicator readers), `releases` (the newer World Bank
releases' readers), `derived` (derived indicators; the indicators table), `corridors` (the corridors table),
`countries` (countries, key figures, metadata), `run` (`build`, `main`: build, check and write). Callers import
from those modules; this package exports nothing.
"""
