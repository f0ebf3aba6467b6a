"""`DataStore`: every curated table loaded and validated once, with the checks its queries share; and the
process-wide store, `get_store()`. The queries themselves are in the sibling modules, one part each."""
from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from data.catalog import CURATED_DIR
from data.query.corridors import CORRIDOR_COLUMNS, CorridorQueries
from data.query.countries import CountryQueries
from data.query.indexes import ValueIndexes
from data.query.metadata import MetadataQueries
from data.query.values import VALUE_COLUMNS, ValueQueries
from data.validate.curated import load_curated, split_list
from data.validate.manifest import verify_manifest


class DataStore(ValueQueries, ValueIndexes, CorridorQueries, MetadataQueries, CountryQueries):
    """All curated tables, loaded and validated once. Raises DataValidationError on invalid files."""

    def __init__(self, curated_dir: Path | str = CURATED_DIR):
        tables = load_curated(Path(curated_dir))
        self.curated_dir = Path(curated_dir)
        self._years: dict[tuple, tuple[int, ...]] = {}
        meta = tables["meta_indicators"].set_index("indicator")
        meta["source_priority"] = meta["source_priority"].map(split_list)
        self._meta = meta
        sources = tables["meta_sources"].set_index("source")
        for column in ("derived_from", "raw_files"):
            sources[column] = sources[column].map(split_list)
        self._sources = sources
        countries = tables["countries"].set_index("iso3", drop=False)
        countries["groups"] = countries["groups"].map(split_list)
        self._countries = countries
        self._country_codes = frozenset(countries.index[countries["kind"] == "country"])
        # Plain dicts for per-country lookups: hovers and tables ask for hundreds of names per request.
        self._country_records = {iso3: self._country_record(row) for iso3, row in countries.iterrows()}
        self._source_records = {source: {"source": source, **row.to_dict()} for source, row in sources.iterrows()}
        self._values = self._split(tables["indicators"], "indicator", VALUE_COLUMNS)
        self._corridors = self._split(tables["corridors"], "measure", CORRIDOR_COLUMNS)
        self._key_figures = tables["key_figures"]
        self._resolved: dict[tuple[str, str | None, bool], pd.DataFrame] = {}
        self._indicator_meta: dict[tuple[str, str], Mapping] = {}  # read only (metadata.py)
        self._not_reported: dict[str, tuple[str, ...]] = {}
        self._segments: dict[str, pd.DataFrame] = {}  # indicator → other_segments of every country
        self._segment_rows: dict[str, dict] = {}  # indicator → {iso3: positions in it}
        self._by_year: dict[tuple, dict] = {}  # (indicator, source) → {year: positions} (values_for_map)
        self._by_code: dict[tuple, dict] = {}  # (indicator, source) → {iso3: positions} (series)
        self._columns: dict[tuple, tuple] = {}  # (indicator, source) → series_arrays

    @staticmethod
    def _split(table: pd.DataFrame, by: str, columns: list[str]) -> dict[str, pd.DataFrame]:
        """One compact frame per indicator / measure (codes as categories: small and fast to filter)."""
        table = table.astype({c: "category" for c in columns if c not in ("year", "value", "period")})
        return {key: frame[columns].reset_index(drop=True) for key, frame in table.groupby(by, sort=False)}

    # --- checks the queries share -------------------------------------------------------------------------------
    def _check_indicator(self, indicator: str, table: str = "indicators") -> None:
        if indicator not in self._meta.index or self._meta.at[indicator, "table"] != table:
            raise KeyError(f"unknown {'indicator' if table == 'indicators' else 'corridor measure'} {indicator!r}")

    def _check_source(self, source: str | None) -> None:
        if source is not None and source not in self._sources.index:
            raise KeyError(f"unknown source {source!r}")

    def _sources_with_data(self, item: str, frames: dict[str, pd.DataFrame]) -> list[str]:
        present = set(frames[item]["source"].astype(str)) if item in frames else set()
        priority = self._meta.at[item, "source_priority"]
        return [s for s in priority if s in present] + sorted(present - set(priority))

    # --- the strategy's key figures -----------------------------------------------------------------------------
    def key_figures(self, lang: str = "en") -> pd.DataFrame:
        """The strategy's figures; `statement` in `lang`."""
        frame = self._key_figures.reset_index(drop=True)
        if lang != "en" and f"statement_{lang}" in frame:
            frame = frame.assign(statement=frame[f"statement_{lang}"].where(frame[f"statement_{lang}"] != "",
                                                                            frame["statement"]))
        return frame


# Lets a deployment (or a test) serve another validated copy of the curated tables.
CURATED_DIR_ENV = "CAMR_CURATED_DIR"


def curated_dir() -> Path:
    """The built copy of the curated tables this process serves: data/curated or $CAMR_CURATED_DIR."""
    return Path(os.environ.get(CURATED_DIR_ENV) or CURATED_DIR)


@cache
def get_store() -> DataStore:
    """The process-wide store over data/curated (or $CAMR_CURATED_DIR), loaded on first use. Files the build did not
    write (their SHA-256 differs from the build's manifest) are refused before anything is served."""
    directory = curated_dir()
    verify_manifest(directory)
    return DataStore(directory)
