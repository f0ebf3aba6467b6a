"""Query API over the curated tables: `DataStore` (validated on load) and the process-wide `get_store()`.

Pure pandas, no Dash. Methods return new DataFrames (never views of the store's own data).

Default rule ("one line, one vintage"): each indicator (and corridor measure) has an ordered `source_priority` in
meta_indicators.csv, newest release first. A country's default *series* comes from one source: the first in that
list that has any value for the country; `series()` never joins years of two releases on one line. Years that only
an older release has are returned apart by `other_segments()`, with their source, for charts to draw as a visibly
different segment. Cross-country views of one year (a map, a world ranking) must mix releases: `values_for_map()`
takes each country's value from the first source in the list that has that year and says which source it used;
`releases_used()` names them. For corridors, the default is the first source of the list for the whole measure
(revisions are never mixed on one map). Sources outside the list stay available by naming them.
"""
from __future__ import annotations

import copy

import os
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from data.catalog import CURATED_DIR
from data.validate.curated import load_curated, split_list
from data.validate.manifest import verify_manifest

VALUE_COLUMNS = ["iso3", "year", "value", "source"]
# Metadata texts that have a translated column `<name>_<lang>` (built from data/locale, see data/metadata_i18n.py).
INDICATOR_TEXTS = ("definition", "caveats")
SOURCE_TEXTS = ("publisher", "title", "vintage", "licence", "caveats", "method")
COUNTRY_TEXTS = ("capital", "wb_region", "income_group")


def localise(record: dict, columns, lang: str) -> dict:
    """`record` with each of `columns` replaced by its `<column>_<lang>` text where there is one. English is the
    base language: its texts are the plain columns."""
    if lang == "en":
        return record
    for column in columns:
        text = record.get(f"{column}_{lang}")
        if isinstance(text, str) and text:
            record[column] = text
    return record
CORRIDOR_COLUMNS = ["origin", "destination", "year", "period", "value", "source"]


def pick_default(frame: pd.DataFrame, priority, keys: list[str]) -> pd.DataFrame:
    """Per cell: for each key, the row of the first source in `priority` that has it (mixes releases across
    cells: only for one-year views across countries, which say which releases they used)."""
    rank = frame["source"].astype(str).map({source: i for i, source in enumerate(priority)})
    ranked = frame.assign(_rank=rank).dropna(subset=["_rank"])
    return ranked.sort_values(keys + ["_rank"]).drop_duplicates(keys).drop(columns="_rank")


def pick_series(frame: pd.DataFrame, priority, by: str = "iso3") -> pd.DataFrame:
    """Per series: for each country, every row of the first source in `priority` that has the country at all.
    One line, one vintage: years the chosen source lacks are not filled from another."""
    rank = frame["source"].astype(str).map({source: i for i, source in enumerate(priority)})
    ranked = frame.assign(_rank=rank).dropna(subset=["_rank"])
    best = ranked.groupby(ranked[by].astype(str))["_rank"].transform("min")
    return ranked[ranked["_rank"] == best].drop(columns="_rank")


class DataStore:
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
        self._indicator_meta: dict[tuple[str, str], dict] = {}
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

    # --- indicators ---------------------------------------------------------------------------------------------
    def _check_indicator(self, indicator: str, table: str = "indicators") -> None:
        if indicator not in self._meta.index or self._meta.at[indicator, "table"] != table:
            raise KeyError(f"unknown {'indicator' if table == 'indicators' else 'corridor measure'} {indicator!r}")

    def _check_source(self, source: str | None) -> None:
        if source is not None and source not in self._sources.index:
            raise KeyError(f"unknown source {source!r}")

    def _values_of(self, indicator: str, source: str | None, per_cell: bool = False) -> pd.DataFrame:
        """Default series (source None: one source per country), per-cell defaults (per_cell: one-year views) or
        one source's values; cached."""
        self._check_indicator(indicator)
        self._check_source(source)
        key = (indicator, source, per_cell and source is None)
        if key not in self._resolved:
            frame = self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS))
            priority = self._meta.at[indicator, "source_priority"]
            if source is not None:
                frame = frame[frame["source"] == source]
            elif per_cell:
                frame = pick_default(frame, priority, ["iso3", "year"])
            else:
                frame = pick_series(frame, priority)
            self._resolved[key] = frame.astype({"iso3": str, "source": str}).reset_index(drop=True)
        return self._resolved[key]

    def values_for_map(self, indicator: str, year: int, source: str | None = None) -> pd.DataFrame:
        """[iso3, value, source] of every country (no aggregates) with a value in `year`. Without a source, each
        country's value comes from the first source in the priority that has the year: the releases are mixed
        across countries (name them with `releases_used`)."""
        frame = self._values_of(indicator, source, per_cell=True)
        rows = self._map_rows(indicator, source, frame).get(year)
        rows = frame.take(rows if rows is not None else [])
        return rows[["iso3", "value", "source"]].reset_index(drop=True)

    def _map_rows(self, indicator: str, source: str | None, frame: pd.DataFrame) -> dict:
        """{year: positions of its countries' rows (no aggregates), by iso3} of the per-cell frame, found once: a
        map or ranking of a year not asked before takes its rows instead of masking and sorting the whole frame."""
        key = (indicator, source)
        found = self._by_year.get(key)
        if found is None:
            codes = frame["iso3"].tolist()
            by_year: dict = {}
            for position, (year, code) in enumerate(zip(frame["year"].tolist(), codes)):
                if code in self._country_codes:
                    by_year.setdefault(year, []).append(position)
            found = self._by_year[key] = {year: np.array(sorted(rows, key=codes.__getitem__), dtype=np.intp)
                                          for year, rows in by_year.items()}
        return found

    def values_for_map_reference(self, indicator: str, year: int, source: str | None = None) -> pd.DataFrame:
        """`values_for_map` by masking and sorting the whole frame, as it was (the tests compare both)."""
        frame = self._values_of(indicator, source, per_cell=True)
        rows = frame[(frame["year"] == year) & frame["iso3"].isin(self._country_codes)]
        return rows[["iso3", "value", "source"]].sort_values("iso3", ignore_index=True)

    def releases_used(self, frame: pd.DataFrame) -> list[tuple[str, int]]:
        """(source, number of rows) of a frame with a `source` column, most rows first: what a chart mixes."""
        counts = frame["source"].astype(str).value_counts()
        return [(str(source), int(count)) for source, count in counts.items()]

    def default_source(self, indicator: str, iso3: str) -> str | None:
        """The one source of a country's default series (None: no source in the priority has the country)."""
        rows = self._values_of(indicator, None)
        found = rows.loc[rows["iso3"] == iso3, "source"]
        return str(found.iloc[0]) if len(found) else None

    def other_segments(self, indicator: str, iso3s=None) -> pd.DataFrame:
        """[iso3, year, value, source] of years a country's default series lacks but a later source in the
        priority has: each (country, source) is a segment of its own, to be drawn apart and labelled with its
        release (a year is given once, by the first such source)."""
        self._check_indicator(indicator)
        every = self._segments.get(indicator)
        if every is None:  # each country's segments depend on its rows only: found once for all countries
            every = self._segments[indicator] = self._other_segments_of(indicator, None)
        if iso3s is None:
            return every.copy()
        by_code = self._segment_rows.get(indicator)
        if by_code is None:
            found: dict = {}
            for position, code in enumerate(every["iso3"].tolist()):
                found.setdefault(code, []).append(position)
            by_code = self._segment_rows[indicator] = {code: np.array(rows, dtype=np.intp)
                                                       for code, rows in found.items()}
        try:
            rows = [by_code[code] for code in set(iso3s) if code in by_code]
        except TypeError:  # codes that are not text: as the mask treats them
            return every[every["iso3"].isin(list(iso3s))].reset_index(drop=True)
        return every.take(np.sort(np.concatenate(rows)) if rows else []).reset_index(drop=True)

    def _other_segments_of(self, indicator: str, iso3s=None) -> pd.DataFrame:
        """`other_segments` computed from the whole tables (what it did on every call before it was indexed; the
        tests compare both)."""
        default = self._values_of(indicator, None)
        frame = self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS)).astype({"iso3": str, "source": str})
        if iso3s is not None:
            frame = frame[frame["iso3"].isin(list(iso3s))]
            default = default[default["iso3"].isin(list(iso3s))]
        priority = self._meta.at[indicator, "source_priority"]
        covered = pd.MultiIndex.from_frame(default[["iso3", "year"]])
        rest = frame[frame["source"].isin(priority) & ~pd.MultiIndex.from_frame(frame[["iso3", "year"]]).isin(covered)]
        rest = pick_default(rest, priority, ["iso3", "year"])
        return rest[VALUE_COLUMNS].sort_values(["iso3", "source", "year"], ignore_index=True)

    def cell_sources(self, indicator: str, iso3: str, year: int) -> pd.DataFrame:
        """Every source's value of one cell, with kind (release, estimate, derived) and vintage: the revisions
        side by side."""
        self._check_indicator(indicator)
        frame = self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS))
        rows = frame[(frame["iso3"] == iso3) & (frame["year"] == year)].astype({"iso3": str, "source": str})
        rows = rows.assign(kind=rows["source"].map(lambda s: self._sources.at[s, "kind"]),
                           vintage=rows["source"].map(lambda s: self._sources.at[s, "vintage"]))
        return rows.reset_index(drop=True)

    def not_reported(self, indicator: str) -> tuple[str, ...]:
        """Countries the metadata flags as not reporting the measure (charts say so instead of drawing)."""
        found = self._not_reported.get(indicator)
        if found is None:  # a profile asks a dozen times: looked up in the metadata once
            if indicator not in self._meta.index:
                raise KeyError(f"unknown indicator {indicator!r}")
            found = self._not_reported[indicator] = tuple(split_list(self._meta.at[indicator, "not_reported"]))
        return found

    def series(self, indicator: str, iso3s=None, source: str | None = None, start: int | None = None,
               end: int | None = None) -> pd.DataFrame:
        """[iso3, year, value, source]; `iso3s` may include aggregates (e.g. WLD, ECS)."""
        frame = self._values_of(indicator, source)
        by_code = self._series_rows(indicator, source, frame)
        try:
            codes = sorted(by_code) if iso3s is None else sorted(code for code in set(iso3s) if code in by_code)
        except TypeError:  # codes that are not text: as the mask treats them
            return self.series_reference(indicator, iso3s, source, start, end)
        rows = np.concatenate([by_code[code] for code in codes]) if codes else np.array([], dtype=np.intp)
        if start is not None or end is not None:
            years = frame["year"].to_numpy()[rows]
            keep = np.ones(len(rows), dtype=bool)
            if start is not None:
                keep &= years >= start
            if end is not None:
                keep &= years <= end
            rows = rows[keep]
        return frame.take(rows).reset_index(drop=True)

    def build_indexes(self) -> None:
        """Every lookup index of every indicator and source (values_for_map, series, other_segments) at once: in
        gunicorn's master before it forks (serving/warmup.py), so that the workers share them instead of each
        building them on a first visitor's request."""
        for indicator in self._meta.index[self._meta["table"] == "indicators"]:
            for source in (None, *self.sources_for(indicator)):
                self._map_rows(indicator, source, self._values_of(indicator, source, per_cell=True))
                self._series_rows(indicator, source, self._values_of(indicator, source))
            self.other_segments(indicator, [])

    def _series_rows(self, indicator: str, source: str | None, frame: pd.DataFrame) -> dict:
        """{iso3: positions of its rows by year} of a resolved frame, found once: a chart's countries are looked
        up instead of masking and sorting the whole frame."""
        key = (indicator, source)
        found = self._by_code.get(key)
        if found is None:
            years = frame["year"].tolist()
            by_code: dict = {}
            for position, code in enumerate(frame["iso3"].tolist()):
                by_code.setdefault(code, []).append(position)
            found = self._by_code[key] = {code: np.array(sorted(rows, key=years.__getitem__), dtype=np.intp)
                                          for code, rows in by_code.items()}
        return found

    def series_arrays(self, indicator: str, source: str | None = None) -> tuple[dict, np.ndarray, np.ndarray, tuple]:
        """`series` of every code as arrays: ({iso3: positions of its rows by year}, years, values, sources), the
        resolved frame's columns (int64, float64 and a tuple of texts) found once, so that a chart's lines are
        taken per country without a frame per request (figures/remittances/lines.py). Read, never changed."""
        key = (indicator, source)
        found = self._columns.get(key)
        if found is None:
            frame = self._values_of(indicator, source)
            found = self._columns[key] = (self._series_rows(indicator, source, frame),
                                          frame["year"].to_numpy(dtype=np.int64), frame["value"].to_numpy(dtype=float),
                                          tuple(frame["source"].tolist()))
        return found

    def map_arrays(self, indicator: str, source: str | None = None) -> tuple[dict, tuple, np.ndarray, tuple]:
        """`values_for_map` of every year as arrays: ({year: positions of its countries' rows, by iso3}, codes,
        values, sources) of the per-cell frame, found once (a ranking of a year not asked before takes its rows
        without a frame: figures/remittances/ranking.py). Read, never changed."""
        key = (indicator, source, "map")
        found = self._columns.get(key)
        if found is None:
            frame = self._values_of(indicator, source, per_cell=True)
            found = self._columns[key] = (self._map_rows(indicator, source, frame), tuple(frame["iso3"].tolist()),
                                          frame["value"].to_numpy(dtype=float), tuple(frame["source"].tolist()))
        return found

    def segment_arrays(self, indicator: str) -> tuple[dict, np.ndarray, np.ndarray, tuple]:
        """`other_segments` of every code as arrays: ({iso3: positions of its rows}, years, values, sources), in
        the order `other_segments` gives them (iso3, source, year)."""
        key = (indicator, "segments")
        found = self._columns.get(key)
        if found is None:
            self.other_segments(indicator, [])  # the frame and its positions by code
            every = self._segments[indicator]
            found = self._columns[key] = (self._segment_rows[indicator], every["year"].to_numpy(dtype=np.int64),
                                          every["value"].to_numpy(dtype=float), tuple(every["source"].tolist()))
        return found

    def series_reference(self, indicator: str, iso3s=None, source: str | None = None, start: int | None = None,
                         end: int | None = None) -> pd.DataFrame:
        """`series` by masking and sorting the whole frame, as it was (the tests compare both)."""
        frame = self._values_of(indicator, source)
        mask = pd.Series(True, index=frame.index)
        if iso3s is not None:
            mask &= frame["iso3"].isin(list(iso3s))
        if start is not None:
            mask &= frame["year"] >= start
        if end is not None:
            mask &= frame["year"] <= end
        return frame[mask].sort_values(["iso3", "year"], ignore_index=True)

    def years(self, indicator: str, source: str | None = None) -> list[int]:
        # Asked on every map request (its URL parameters' check): kept per store, which never changes.
        key = (indicator, source)
        found = self._years.get(key)
        if found is None:
            found = self._years[key] = tuple(sorted(
                int(year) for year in self._values_of(indicator, source, per_cell=True)["year"].unique()))
        return list(found)

    def _sources_with_data(self, item: str, frames: dict[str, pd.DataFrame]) -> list[str]:
        present = set(frames[item]["source"].astype(str)) if item in frames else set()
        priority = self._meta.at[item, "source_priority"]
        return [s for s in priority if s in present] + sorted(present - set(priority))

    def all_rows(self, indicator: str) -> pd.DataFrame:
        """[iso3, year, value, source] of every source's rows of the indicator, in indicators.csv's order (codes as
        categories; a copy)."""
        self._check_indicator(indicator)
        return self._values.get(indicator, pd.DataFrame(columns=VALUE_COLUMNS)).copy()

    def sources_for(self, indicator: str) -> list[str]:
        """Every source that has the indicator: the priority ones first, in order, then the others."""
        self._check_indicator(indicator)
        return self._sources_with_data(indicator, self._values)

    def ranking(self, indicator: str, year: int, source: str | None = None) -> pd.DataFrame:
        """[iso3, value, source, rank] of countries, rank 1 = highest value (ties share the better rank)."""
        frame = self.values_for_map(indicator, year, source)
        frame["rank"] = frame["value"].rank(method="min", ascending=False).astype(int)
        return frame.sort_values(["rank", "iso3"], ignore_index=True)

    # --- corridors ----------------------------------------------------------------------------------------------
    def corridors(self, measure: str = "stock_total", origins=None, destinations=None, year: int | None = None,
                  source: str | None = None) -> pd.DataFrame:
        """[origin, destination, year, period, value, source]; source None → the measure's default source."""
        self._check_indicator(measure, "corridors")
        self._check_source(source)
        source = source or self._meta.at[measure, "source_priority"][0]
        frame = self._corridors.get(measure, pd.DataFrame(columns=CORRIDOR_COLUMNS))
        mask = frame["source"] == source
        if origins is not None:
            mask &= frame["origin"].isin(list(origins))
        if destinations is not None:
            mask &= frame["destination"].isin(list(destinations))
        if year is not None:
            mask &= frame["year"] == year
        rows = frame[mask].astype({"origin": str, "destination": str, "source": str})
        return rows.sort_values(["origin", "destination", "period"], ignore_index=True)

    def corridor_sources(self, measure: str) -> list[str]:
        self._check_indicator(measure, "corridors")
        return self._sources_with_data(measure, self._corridors)

    # --- metadata -----------------------------------------------------------------------------------------------
    def indicator_meta(self, indicator: str, lang: str = "en") -> dict:
        """name (in `lang`), name_en, unit (the machine unit: persons, %, current US$), unit_label (in `lang`),
        definition and caveats (in `lang`), source_priority (list), … of an indicator or corridor measure."""
        # Asked many times per page (a profile: dozens): built once per language, each caller gets its own copy.
        found = self._indicator_meta.get((indicator, lang))
        if found is None:
            found = self._indicator_meta[(indicator, lang)] = self._build_indicator_meta(indicator, lang)
        return copy.deepcopy(found)

    def _build_indicator_meta(self, indicator: str, lang: str) -> dict:
        if indicator not in self._meta.index:
            raise KeyError(f"unknown indicator {indicator!r}")
        meta = self._meta.loc[indicator].to_dict()
        meta["indicator"] = indicator
        for bound in ("value_min", "value_max"):
            meta[bound] = None if pd.isna(meta[bound]) else float(meta[bound])
        meta["name"] = meta.get(f"name_{lang}") or meta["name_en"]
        meta["unit_label"] = meta.get(f"unit_{lang}") or meta["unit"]
        return localise(meta, INDICATOR_TEXTS, lang)

    def indicators(self, table: str = "indicators", lang: str = "en") -> pd.DataFrame:
        """Metadata of all indicators (or corridor measures with table='corridors'), in catalog order; texts, `name`
        and `unit_label` in `lang`."""
        frame = self._meta[self._meta["table"] == table].reset_index()
        return pd.DataFrame([self.indicator_meta(indicator, lang) for indicator in frame["indicator"]],
                            columns=list(frame.columns) + ["name", "unit_label"])

    def source_meta(self, source: str, lang: str = "en") -> dict:
        """publisher, title, vintage, licence, caveats, method in `lang`; citation in `lang` where the project has one
        in that language, else the publisher's own (English) citation: `citation_lang` says which ("en" → show it
        inside an element marked lang="en")."""
        if source not in self._source_records:
            raise KeyError(f"unknown source {source!r}")
        record = self._source_records[source]
        meta = {key: list(value) if isinstance(value, list) else value for key, value in record.items()}
        meta["citation_lang"] = "en"
        if lang != "en" and meta.get(f"citation_{lang}"):
            meta["citation"], meta["citation_lang"] = meta[f"citation_{lang}"], lang
        return localise(meta, SOURCE_TEXTS, lang)

    def sources(self, lang: str = "en") -> pd.DataFrame:
        """Every source (catalogue order), texts in `lang` as in source_meta."""
        frame = self._sources.reset_index()
        if lang == "en":
            return frame.assign(citation_lang="en")
        return pd.DataFrame([self.source_meta(source, lang) for source in frame["source"]],
                            columns=list(frame.columns) + ["citation_lang"])

    def citation(self, source: str) -> str:
        meta = self.source_meta(source)
        return f"{meta['citation']} Licence: {meta['licence']}."

    # --- countries ----------------------------------------------------------------------------------------------
    @staticmethod
    def _country_record(row: pd.Series) -> dict:
        record = row.to_dict()
        for column in ("capital_lat", "capital_lon"):
            record[column] = None if pd.isna(record[column]) else float(record[column])
        return record

    def country(self, iso3: str, lang: str = "en") -> dict | None:
        """The country's record; `name`, capital, wb_region and income_group in `lang`."""
        record = self._country_records.get(iso3)
        if record is None:
            return None
        record = {**record, "groups": list(record["groups"]), "name": self.country_name(iso3, lang)}
        return localise(record, COUNTRY_TEXTS, lang)

    def country_name(self, iso3: str, lang: str = "en") -> str:
        """The name in `lang`, else the English name, else the code itself."""
        record = self._country_records.get(iso3)
        if record is None:
            return iso3
        return record.get(f"name_{lang}") or record["name_en"] or iso3

    def countries(self, kind: str | None = "country") -> pd.DataFrame:
        """kind 'country', 'aggregate' or None for all."""
        frame = self._countries if kind is None else self._countries[self._countries["kind"] == kind]
        return frame.reset_index(drop=True)

    def group_members(self, group_id: str) -> list[str]:
        members = self._countries["groups"].map(lambda groups: group_id in groups)
        return sorted(self._countries.index[members])

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
