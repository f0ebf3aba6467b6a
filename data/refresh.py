"""`python -m data.refresh`: newer WDI values from the World Bank API, then a rebuild.

Pulls the WDI series the dashboard uses (all economies, all years) with wbgapi into a new dated raw file,
`data/raw/worldbank_wdi/WDI_api_<YYYY-MM-DD>.csv` (long: iso3, indicator, year, value), adds a line to
data/raw/PROVENANCE.md, and rebuilds. The file name registers it as source `wdi_api_<YYYY_MM_DD>`, which the catalog
puts first in the priority of every series it covers (newest vintage first). If the API cannot be reached, or the
rebuild fails, nothing is changed.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pandas as pd
import wbgapi

from data import catalog
from data.build.codes import CountryCodes
from data.build.run import build
from data.catalog import CURATED_DIR, RAW_DIR
from data.validate.errors import DataValidationError
from data.validate.formats import format_number

PROVENANCE_FILE = "PROVENANCE.md"
COLUMNS = ["iso3", "indicator", "year", "value"]


class ApiUnreachable(Exception):
    """The World Bank API could not be reached or answered with an error; nothing was changed."""


def fetch_rows(series: Iterable[str]) -> list[dict]:
    """The API's rows for every economy and year (network). Raises OSError / wbgapi.APIError when unreachable."""
    return list(wbgapi.data.fetch(list(series), economy="all", time="all", skipBlanks=True))


def rows_to_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """wbgapi rows ({'series', 'economy', 'time': 'YR2023', 'value', …}) → long frame; blank values dropped."""
    records = [(row["economy"], row["series"], row["time"], row["value"]) for row in rows
               if row.get("value") is not None]
    frame = pd.DataFrame(records, columns=["iso3", "indicator", "time", "value"])
    years = frame["time"].str.extract(r"^YR(\d{4})$")[0]
    frame = frame[years.notna()].assign(year=years.dropna().astype(int))
    frame = frame[frame["indicator"].isin(catalog.REFRESH_SERIES)]
    return frame[COLUMNS].sort_values(["iso3", "indicator", "year"], ignore_index=True)


def provenance_line(relative: str, source_id: str, day: date, frame: pd.DataFrame, skipped: list[str]) -> str:
    years = f"{frame['year'].min()}–{frame['year'].max()}" if len(frame) else "none"
    line = (f"- `{relative}` [`{source_id}`]: retrieved {day.isoformat()} from the World Bank API "
            f"(api.worldbank.org v2, wbgapi {wbgapi.__version__}), series {', '.join(catalog.REFRESH_SERIES)}; "
            f"{len(frame)} values, years {years}. Licence CC BY 4.0.")
    if skipped:
        line += f" Economies skipped (not in the 2023-05 World Bank country list): {', '.join(skipped)}."
    return line + "\n"


def refresh(raw_dir: Path = RAW_DIR, out_dir: Path = CURATED_DIR, *, day: date | None = None,
            fetch: Callable[[Iterable[str]], list[dict]] | None = None) -> tuple[Path, list[str]]:
    """Fetch, write the raw file and provenance line, rebuild. Returns (raw file, changed curated files).
    Raises ApiUnreachable before touching anything, and DataValidationError after undoing its own changes."""
    raw_dir, out_dir, day = Path(raw_dir), Path(out_dir), day or date.today()
    try:
        rows = (fetch or fetch_rows)(catalog.REFRESH_SERIES)
    except OSError as error:  # requests' ConnectionError and Timeout are OSErrors
        raise ApiUnreachable(f"Could not reach the World Bank API ({type(error).__name__}); "
                             "nothing was changed.") from error
    except wbgapi.APIError as error:
        raise ApiUnreachable(f"The World Bank API answered with an error ({error}); nothing was changed.") from error
    frame = rows_to_frame(rows)
    known = CountryCodes(raw_dir).known
    skipped = sorted(set(frame["iso3"]) - known)
    frame = frame[frame["iso3"].isin(known)]
    if frame.empty:
        raise DataValidationError("World Bank API", None, None, "the response has no values for our series")

    relative = f"{catalog.WDI_API_DIR}/WDI_api_{day.isoformat()}.csv"
    target, provenance = raw_dir / relative, raw_dir / PROVENANCE_FILE
    source_id = f"wdi_api_{day.isoformat().replace('-', '_')}"
    old_target = target.read_bytes() if target.exists() else None
    old_provenance = provenance.read_text(encoding="utf-8")
    # One line per file: a second refresh on the same day replaces the first one's line.
    kept = [line for line in old_provenance.splitlines(keepends=True) if not line.startswith(f"- `{relative}`")]
    text = frame.assign(value=[format_number(v) for v in frame["value"]]).to_csv(index=False, lineterminator="\n")
    try:
        target.write_text(text, encoding="utf-8", newline="")
        provenance.write_text("".join(kept) + provenance_line(relative, source_id, day, frame, skipped),
                              encoding="utf-8", newline="")
        changed, _ = build(raw_dir, out_dir)
    except BaseException:
        # Undo: the curated files are untouched by a failed build, so restoring the raw side is enough.
        if old_target is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(old_target)
        provenance.write_text(old_provenance, encoding="utf-8", newline="")
        raise
    return target, changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.refresh", description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=RAW_DIR)
    parser.add_argument("--out-dir", type=Path, default=CURATED_DIR)
    args = parser.parse_args(argv)
    try:
        target, changed = refresh(args.raw_dir, args.out_dir)
    except ApiUnreachable as error:
        print(error, file=sys.stderr)
        return 1
    except DataValidationError as error:
        print(f"Refresh stopped, nothing was changed: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {target}; rebuilt curated files: {', '.join(changed) or 'none changed'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
