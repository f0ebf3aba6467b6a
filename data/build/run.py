"""`python -m data.build`: raw publisher files (data/raw/) → validated curated tables (data/curated/*.csv).

All tables built, checked against the committed ones (lost rows) and the expected coverage, written to a temporary
folder, validated as the app will load them, and only then moved into place."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from data import catalog, plausibility
from data.build.codes import CountryCodes
from data.build.corridors import build_corridors
from data.build.countries import add_comparisons, build_countries, meta_tables, read_key_figures, statements_ru
from data.build.derived import build_indicators, undesa_2020_totals
from data.build.frames import INDICATOR_KEY
from data.catalog import CURATED_DIR, RAW_DIR
from data.validate.curated import load_curated
from data.validate.errors import DataValidationError
from data.validate.formats import format_number, format_numbers
from data.validate.manifest import MANIFEST, manifest_entries
from data.validate.schema import TABLE_COLUMNS


def build_tables(raw_dir: Path, exceptions_file: Path = plausibility.EXCEPTIONS_FILE
                 ) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    codes = CountryCodes(raw_dir)
    key_figures, key_figures_path = read_key_figures(raw_dir, codes)
    indicators, indicator_stats = build_indicators(raw_dir, codes)
    corridors, corridor_stats = build_corridors(raw_dir, codes, key_figures, key_figures_path)
    plausibility.check_all(indicators, corridors, plausibility.read_exceptions(exceptions_file))
    totals = {indicator: indicators[(indicators["indicator"] == indicator) & (indicators["source"] == "undesa_ims_2024")]
              .assign(total=lambda frame: frame["value"]) for indicator in ("SM.POP.TOTL", "CAMR.EMIG.TOTL")}
    undesa_2020_totals(raw_dir, codes, totals["SM.POP.TOTL"], totals["CAMR.EMIG.TOTL"], check=True)
    meta_indicators, meta_sources = meta_tables(raw_dir)
    priorities = {item.id: item.source_priority for item in catalog.indicators(raw_dir)}
    used = set(indicators["iso3"]) | set(corridors["origin"]) | set(corridors["destination"])
    tables = {
        "indicators": indicators[TABLE_COLUMNS["indicators"]].sort_values(INDICATOR_KEY, ignore_index=True),
        "corridors": corridors[TABLE_COLUMNS["corridors"]].sort_values(
            ["origin", "destination", "year", "period", "measure", "source"], ignore_index=True),
        "meta_indicators": meta_indicators,
        "meta_sources": meta_sources,
        "countries": build_countries(raw_dir, codes, used),
        "key_figures": statements_ru(add_comparisons(key_figures, indicators, corridors, priorities)),
    }
    return tables, {**indicator_stats, **corridor_stats}


def to_csv_text(table: pd.DataFrame) -> str:
    """CSV text with numbers in their shortest exact form (byte-identical for identical data)."""
    columns = []
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_float_dtype(values):
            columns.append(format_numbers(values))
        elif pd.api.types.is_integer_dtype(values):
            columns.append(values.astype(str).tolist())
        elif values.isna().any():
            columns.append([format_number(value) for value in values])
        else:
            columns.append(values.astype(str).tolist())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(zip(*columns))
    return buffer.getvalue()


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[str]:
    """Write to a temporary folder, validate as the app would load it, then move changed files into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        for name, table in tables.items():
            (staging / f"{name}.csv").write_text(to_csv_text(table), encoding="utf-8", newline="")
        try:
            load_curated(staging)
        except DataValidationError as error:
            raise DataValidationError(out_dir / error.path.name, error.row, error.column,
                                      f"{error.problem} (in the newly built table; nothing was written)") from None
        manifest = {"written_by": "python -m data.build",
                    "files": manifest_entries(staging, tables)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        changed = []
        for name in [*(f"{name}.csv" for name in tables), MANIFEST]:  # the manifest last: it vouches for the rest
            new, target = staging / name, out_dir / name
            if not target.exists() or target.read_bytes() != new.read_bytes():
                os.replace(new, target)
                changed.append(target.name)
        return changed
    finally:
        shutil.rmtree(staging, ignore_errors=True)


LOST_ROW_KEYS = {"indicators": ["source", "indicator", "iso3", "year"],
                 "corridors": ["source", "measure", "origin", "destination", "period"]}


def check_lost_rows(tables: dict[str, pd.DataFrame], out_dir: Path, raw_dir: Path) -> None:
    """A raw file that lost rows the committed curated data has is refused, naming the raw file and what went
    missing (a deleted corridor, a cut year). Intended removals are accepted with --accept-lost-rows."""
    files = {s.id: s.raw_files for s in catalog.sources(raw_dir)}
    for name, key in LOST_ROW_KEYS.items():
        path = out_dir / f"{name}.csv"
        if not path.exists():
            continue
        old = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=key)[key]
        new = tables[name][key].astype(str)
        if name == "indicators":
            new = new.assign(year=tables[name]["year"].astype(int).astype(str))
        old_keys = pd.MultiIndex.from_frame(old)
        lost = old[~old_keys.isin(pd.MultiIndex.from_frame(new))]
        lost = lost[lost["source"].isin(files)]  # a source dropped from the catalog is a decision, not a loss
        if lost.empty:
            continue
        first = lost.iloc[0]
        raw = raw_file_of(first, files, name)
        what = ", ".join(f"{k}={first[k]}" for k in key[1:])
        raise DataValidationError(raw_dir / raw, None, None,
                                  f"{len(lost)} row(s) of {first['source']} that data/curated/{name}.csv has are "
                                  f"missing from the raw file, e.g. {what}; if the removal is intended, build with "
                                  "--accept-lost-rows")


def raw_file_of(row: pd.Series, files: dict[str, tuple[str, ...]], table: str) -> str:
    """The raw file a curated row comes from (the source's file for its indicator where it has several)."""
    candidates = files[row["source"]]
    if table == "indicators" and row["source"] == "wdi_2023_05":
        return catalog.WDI_2023_FILES.get(row["indicator"], candidates[0])
    return candidates[0] if candidates else "?"


def check_coverage(tables: dict[str, pd.DataFrame], raw_dir: Path) -> None:
    """Each source's expected coverage (data/catalog.py EXPECTED_COVERAGE) must be there."""
    files = {s.id: s.raw_files for s in catalog.sources(raw_dir)}
    for expected in catalog.EXPECTED_COVERAGE:
        table = tables[expected.table]
        id_column = "indicator" if expected.table == "indicators" else "measure"
        rows = table[(table["source"] == expected.source) & (table[id_column] == expected.measure)]
        code = "iso3" if expected.table == "indicators" else "origin"
        present = set(zip(rows[code].astype(str), rows["destination"].astype(str) if code == "origin"
                          else [""] * len(rows), rows["year"].astype(int)))
        for iso3 in expected.countries:
            for year in expected.years:
                if (iso3, expected.destination, year) not in present:
                    raw = raw_file_of(pd.Series({"source": expected.source, "indicator": expected.measure}), files,
                                      expected.table)
                    pair = f"{iso3}" + (f"→{expected.destination}" if expected.destination else "")
                    raise DataValidationError(raw_dir / raw, None, None,
                                              f"expected coverage missing: {expected.measure} {pair} {year} "
                                              f"({expected.source}); the raw file lost rows or columns")


def build(raw_dir: Path = RAW_DIR, out_dir: Path = CURATED_DIR, *,
          accept_lost_rows: bool = False) -> tuple[list[str], dict[str, int]]:
    """Raw → curated. Returns the names of the files that changed and a few counts. Raises DataValidationError."""
    tables, stats = build_tables(Path(raw_dir))
    check_coverage(tables, Path(raw_dir))
    if not accept_lost_rows:
        check_lost_rows(tables, Path(out_dir), Path(raw_dir))
    changed = write_tables(tables, Path(out_dir))
    stats.update({f"{name} rows": len(table) for name, table in tables.items()})
    return changed, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.build", description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=RAW_DIR)
    parser.add_argument("--out-dir", type=Path, default=CURATED_DIR)
    parser.add_argument("--accept-lost-rows", action="store_true",
                        help="accept that rows the committed curated files have are gone (an intended removal)")
    args = parser.parse_args(argv)
    try:
        changed, stats = build(args.raw_dir, args.out_dir, accept_lost_rows=args.accept_lost_rows)
    except DataValidationError as error:
        print(f"Build stopped, curated files unchanged: {error}", file=sys.stderr)
        return 1
    for name, count in stats.items():
        print(f"{name}: {count}")
    print("Changed: " + (", ".join(changed) if changed else "nothing (curated files already up to date)"))
    return 0
