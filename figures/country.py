"""Country profiles: pure builders from the query API to the facts, tables and small charts of one profile.

Nothing here knows about Dash. `profile_facts` is the profile's headline table: for each indicator the latest year
with data, its value and the source of that value, exactly as the store has them (missing stays missing).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from figures.common import (COUNTRY_COLOURS, LINE_COLOURS, NEUTRAL_COLOURS, add_provenance, base_layout,
                            locale_ticks, wrap_hover_line)
from i18n import format_compact, format_value, t

# The headline figures, in the order the profile shows them, grouped in sections. Keys name the label
# (`country.fact_<key>`) and are stable: tests and the CSV use them.
SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "migration": (
        ("immigrants", "SM.POP.TOTL"),
        ("immigrants_pct", "SM.POP.TOTL.ZS"),
        ("emigrants", "CAMR.EMIG.TOTL"),
        ("emigrants_pct", "CAMR.EMIG.TOTL.ZS"),
        ("net_migration", "SM.POP.NETM"),
        ("refugees_hosted", "SM.POP.REFG"),
        ("refugees_origin", "SM.POP.REFG.OR"),
    ),
    "remittances": (
        ("remittances_received", "BX.TRF.PWKR.CD.DT"),
        ("remittances_gdp", "BX.TRF.PWKR.DT.GD.ZS"),
        ("remittances_paid", "BM.TRF.PWKR.CD.DT"),
    ),
    "economy": (
        ("population", "SP.POP.TOTL"),
        ("gdp", "NY.GDP.MKTP.CD"),
        ("unemployment", "SL.UEM.TOTL.ZS"),
    ),
}
HEADLINES: tuple[tuple[str, str], ...] = tuple(item for items in SECTIONS.values() for item in items)

# The small trend charts: (key, indicator). Keys name the chart title (`country.trend_<key>`) and its graph id.
TRENDS: tuple[tuple[str, str], ...] = (
    ("remittances_gdp", "BX.TRF.PWKR.DT.GD.ZS"),
    ("remittances_received", "BX.TRF.PWKR.CD.DT"),
    ("emigrants", "CAMR.EMIG.TOTL"),
    ("immigrants", "SM.POP.TOTL"),
)

TREND_HEIGHT = 190  # px: small enough for four in a row on screen, two in a row on paper

RANK_INDICATOR = "BX.TRF.PWKR.DT.GD.ZS"
# A rank needs a world to rank in: a year whose data covers fewer countries than this share of the best-covered
# year (e.g. 2024, where only a three-country panel has remittance shares) is not used for the rank.
RANK_MIN_COVERAGE = 0.5
CORRIDOR_MEASURE = "stock_total"
TOP_CORRIDORS = 5
# Groups a profile names, in this order; the index lists the first four, then everyone else.
GROUPS = ("ca5", "almaty_member", "almaty_observer", "customs_union_2013", "main_destinations")
INDEX_GROUPS = ("ca5", "main_destinations", "almaty_member", "almaty_observer")


# Cells the store has but that must not be read as measured: the metadata flags countries that do not report an
# indicator (meta_indicators.not_reported: Turkmenistan's remittances), so a profile says "not reported".
def is_not_reported(store, indicator: str, iso3: str) -> bool:
    return iso3 in store.not_reported(indicator)


@dataclass(frozen=True)
class Fact:
    """One headline figure. `value`, `year` and `source` are None together when there is nothing to show;
    `not_reported` then says why (the country does not report it, rather than our sources lacking it)."""

    key: str
    indicator: str
    unit: str
    value: float | None
    year: int | None
    source: str | None
    not_reported: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Rank:
    rank: int
    of: int
    year: int
    value: float
    source: str


def is_present(value) -> bool:
    """Not None, NaN or pandas' NA (key_figures has blank years and comparison years)."""
    return value is not None and not pd.isna(value)


def _clean_series_of(store, indicator: str, iso3: str) -> pd.DataFrame:
    """What `clean_series` returns, filtered out of the whole indicator (the reference the tests compare to)."""
    series = store.series(indicator, iso3s=[iso3])
    series = series[series["value"].notna()]
    return series.sort_values("year").reset_index(drop=True)


@dataclass(frozen=True)
class CountryRows:
    """Every country's rows of one table in one frame, sorted by country, and where each country's rows are.

    One frame per indicator instead of one per country: ~3,000 small frames (~10 MB of Python objects) in gunicorn's
    master before, whose pages each worker copied as its requests touched their objects (reference counts, pandas'
    view tracking). A country's rows are a slice of the shared frame (callers never change them)."""

    frame: pd.DataFrame
    bounds: dict[str, tuple[int, int]]  # iso3 → (first row, row after its last)

    @classmethod
    def of(cls, frame: pd.DataFrame, by: str) -> "CountryRows":
        """`frame` with each value of its column `by` in one run of rows (sorted or grouped by it)."""
        frame = frame.reset_index(drop=True)
        codes = frame[by].to_numpy(dtype=object)
        if not len(codes):
            return cls(frame, {})
        starts = [0, *(i for i in range(1, len(codes)) if codes[i] != codes[i - 1])]
        bounds = {str(codes[start]): (start, stop) for start, stop in zip(starts, [*starts[1:], len(codes)])}
        if len(bounds) != len(starts):
            raise ValueError(f"rows of one {by} are not together")
        return cls(frame, bounds)

    def get(self, iso3: str) -> pd.DataFrame | None:
        found = self.bounds.get(iso3)
        if found is None:
            return None
        rows = self.frame.iloc[found[0]:found[1]]
        rows.index = pd.RangeIndex(found[1] - found[0])  # as reset_index(drop=True) numbers them, in half the time
        return rows


@cache  # the store never changes: one pass over the indicator gives every country's series at once
def _series_index(store, indicator: str) -> CountryRows:
    frame = store.series(indicator)
    frame = frame[frame["value"].notna()].sort_values(["iso3", "year"], kind="stable")
    return CountryRows.of(frame, "iso3")


def clean_series(store, indicator: str, iso3: str) -> pd.DataFrame:
    """The country's series for an indicator (default source per year), without empty values, by year.
    Shared frames: callers never change them."""
    found = _series_index(store, indicator).get(iso3)
    return found if found is not None else _clean_series_of(store, indicator, iso3)


def shown_series(store, indicator: str, iso3: str) -> pd.DataFrame:
    """What the profile may show of a series: empty where the country does not report the indicator."""
    series = clean_series(store, indicator, iso3)
    return series.iloc[0:0] if is_not_reported(store, indicator, iso3) else series


def latest_fact(store, key: str, indicator: str, iso3: str) -> Fact:
    unit = _unit(store, indicator)
    if is_not_reported(store, indicator, iso3):
        return Fact(key, indicator, unit, None, None, None, not_reported=True)
    series = clean_series(store, indicator, iso3)
    if series.empty:
        return Fact(key, indicator, unit, None, None, None)
    last = series.iloc[-1]
    return Fact(key, indicator, unit, float(last["value"]), int(last["year"]), str(last["source"]))


def profile_facts(store, iso3: str) -> list[Fact]:
    """Every headline figure of the profile: latest year with data, value and source; missing ones included."""
    return [latest_fact(store, key, indicator, iso3) for key, indicator in HEADLINES]


@cache  # the store never changes
def _unit(store, indicator: str) -> str:
    return store.indicator_meta(indicator)["unit"]


@cache
def country_codes(store) -> frozenset[str]:
    """Every country's code (no aggregates)."""
    return frozenset(store.countries()["iso3"])


@cache
def _rankings(store, indicator: str, year: int) -> dict[str, tuple[int, int, float, str]]:
    """iso3 → (rank, of, value, source) of one year's ranking, for every country at once."""
    ranking = store.ranking(indicator, year)
    return {str(row.iso3): (int(row.rank), len(ranking), float(row.value), str(row.source))
            for row in ranking.itertuples()}


@cache
def rank_years(store, indicator: str = RANK_INDICATOR) -> tuple[int, ...]:
    """Years whose values cover enough countries for a world rank (see RANK_MIN_COVERAGE)."""
    countries = set(store.countries()["iso3"])
    values = store.series(indicator)
    counts = values[values["iso3"].isin(countries) & values["value"].notna()].groupby("year").size()
    if counts.empty:
        return ()
    return tuple(sorted(int(year) for year, n in counts.items() if n >= RANK_MIN_COVERAGE * counts.max()))


def remittance_rank(store, iso3: str) -> Rank | None:
    """The country's world rank in remittances received as % of GDP: the latest year in which it has a value
    and the data cover most of the world. Countries only (no aggregates); highest share = rank 1."""
    series = shown_series(store, RANK_INDICATOR, iso3)
    usable = set(rank_years(store))
    years = [int(year) for year in series["year"] if int(year) in usable]
    if not years:
        return None
    year = years[-1]
    found = _rankings(store, RANK_INDICATOR, year).get(iso3)
    if found is None:
        return None
    rank, of, value, source = found
    return Rank(rank=rank, of=of, year=year, value=value, source=source)


def top_corridors(store, iso3: str, direction: str, n: int = TOP_CORRIDORS) -> pd.DataFrame:
    """The largest migrant-stock corridors out of (`direction="out"`) or into (`"in"`) the country.

    Latest year the store has for the country in that direction, default source; partners are countries only
    (UN DESA's "other/unknown" and aggregates left out). Columns: partner, origin, destination, year, value, source.
    """
    if direction not in ("out", "in"):
        raise ValueError(direction)
    found = _corridor_index(store, direction, n).get(iso3)
    return found if found is not None else pd.DataFrame(columns=CORRIDOR_TABLE_COLUMNS)


CORRIDOR_TABLE_COLUMNS = ["partner", "origin", "destination", "year", "value", "source"]


def _top_corridors_of(store, iso3: str, direction: str, n: int = TOP_CORRIDORS) -> pd.DataFrame:
    """What `top_corridors` returns, filtered out of all corridors for one country (the reference tests compare to)."""
    if direction == "out":
        rows = store.corridors(CORRIDOR_MEASURE, origins=[iso3])
        rows = rows.assign(partner=rows["destination"])
    else:
        rows = store.corridors(CORRIDOR_MEASURE, destinations=[iso3])
        rows = rows.assign(partner=rows["origin"])
    rows = rows[rows["partner"].isin(country_codes(store)) & (rows["partner"] != iso3) & rows["value"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=CORRIDOR_TABLE_COLUMNS)
    rows = rows[rows["year"] == rows["year"].max()]
    return rows.nlargest(n, "value")[CORRIDOR_TABLE_COLUMNS].reset_index(drop=True)


@cache  # the store never changes: every country's top corridors in one pass (shared frames, never changed)
def _corridor_index(store, direction: str, n: int) -> CountryRows:
    rows = store.corridors(CORRIDOR_MEASURE)
    own, partner = ("origin", "destination") if direction == "out" else ("destination", "origin")
    rows = rows.assign(partner=rows[partner])
    rows = rows[rows["partner"].isin(country_codes(store)) & (rows["partner"] != rows[own]) & rows["value"].notna()]
    rows = rows[rows["year"] == rows.groupby(own)["year"].transform("max")]
    tops = [group.nlargest(n, "value") for _, group in rows.groupby(own, sort=False)]
    if not tops:
        return CountryRows(pd.DataFrame(columns=CORRIDOR_TABLE_COLUMNS), {})
    frame = pd.concat(tops, ignore_index=True)
    # keyed by `own`, kept in the table's columns
    index = CountryRows.of(frame, own)
    return CountryRows(index.frame[CORRIDOR_TABLE_COLUMNS], index.bounds)


def _member_list(members) -> list[str]:
    if isinstance(members, pd.DataFrame):
        return list(members["iso3"])
    return list(members)


@cache  # the store never changes
def _group_sets(store) -> dict[str, frozenset[str]]:
    return {group: frozenset(_member_list(store.group_members(group))) for group in GROUPS}


def memberships(store, iso3: str) -> list[str]:
    """The groups (of `GROUPS`) the country belongs to, in that order."""
    return [group for group, members in _group_sets(store).items() if iso3 in members]


def index_groups(store) -> dict[str, list[str]]:
    """The index page's groups: each named group's countries, and 'other' = every other country of the data."""
    groups = {group: _member_list(store.group_members(group)) for group in INDEX_GROUPS}
    listed = {iso3 for members in groups.values() for iso3 in members}
    groups["other"] = [iso3 for iso3 in store.countries()["iso3"] if iso3 not in listed]
    return groups


@dataclass(frozen=True)
class KeyFigureComparison:
    """One of the IOM strategy's figures for the country, and our curated value of the same measure."""

    figure: dict  # the key_figures row as the store has it
    then: Fact | None  # our value in the comparison year (compare_year); None when we have no such measure
    latest: Fact | None  # our latest value of that measure


def _comparison_series(store, row: dict) -> tuple[pd.DataFrame, str, str] | None:
    """(series [year, value, source], unit, measure) of the curated data a key figure compares to, or None."""
    table, measure, iso3 = row.get("compare_table"), row.get("compare_indicator"), row.get("compare_iso3")
    if not (isinstance(measure, str) and measure and isinstance(iso3, str) and iso3):
        return None
    unit = store.indicator_meta(measure)["unit"]
    if table == "corridors":
        rows = store.corridors(measure, origins=[iso3], destinations=[row["compare_destination"]])
        series = rows[rows["value"].notna()].sort_values("year")[["year", "value", "source"]]
        return series.reset_index(drop=True), unit, measure
    if table == "indicators":
        return shown_series(store, measure, iso3), unit, measure
    return None


@cache  # the store never changes: every country's key figure rows at once, in the store's order
def _key_figure_rows(store) -> dict[str, tuple[dict, ...]]:
    rows: dict[str, list[dict]] = {}
    for row in store.key_figures().to_dict("records"):
        rows.setdefault(row["country_iso3"], []).append(row)
    return {iso3: tuple(found) for iso3, found in rows.items()}


def key_figure_comparisons(store, iso3: str) -> list[KeyFigureComparison]:
    """The strategy's key figures about this country, each with the curated value it compares to (if any):
    the value in the comparison year the data layer chose (compare_year), and the latest one."""
    out = []
    for row in _key_figure_rows(store).get(iso3, ()):
        row = dict(row)  # each comparison owns its row
        found = _comparison_series(store, row)
        if found is None:
            out.append(KeyFigureComparison(row, None, None))
            continue
        series, unit, measure = found
        then = None
        if is_present(row.get("compare_year")):
            year = int(row["compare_year"])
            at = series[series["year"] == year]
            then = (Fact("then", measure, unit, float(at["value"].iloc[0]), year, str(at["source"].iloc[0]))
                    if len(at) else Fact("then", measure, unit, None, year, None))
        if series.empty:
            latest = Fact("latest", measure, unit, None, None, None, not_reported=is_not_reported(store, measure, iso3))
        else:
            last = series.iloc[-1]
            latest = Fact("latest", measure, unit, float(last["value"]), int(last["year"]), str(last["source"]))
        out.append(KeyFigureComparison(row, then, latest))
    return out


@cache
def _trend_look(height: int, lang: str) -> dict:
    """The base look (figures/common.py `base_layout`, default template included) of a trend chart as a layout
    dict, computed once per height and language."""
    return base_layout(go.Figure(), height=height, lang=lang).layout.to_plotly_json()


def trend_figure(series: pd.DataFrame, *, unit: str, name: str, lang: str, source_names: dict[str, str],
                 height: int = TREND_HEIGHT, iso3: str | None = None, value_texts: list[str] | None = None) -> dict:
    """A small line of one country's series; each point's hover names its year, value and source.

    The series is one release (data/query.py: one line, one vintage); each point still names it.
    A plain figure dict, equal to `trend_figure_reference(...).to_plotly_json()`: every profile not built at start-up
    builds four of these on its first view, and plotly's validation (go.Figure, update_*) was most of its cost.
    `value_texts`: each value already written by `format_value(value, unit, lang)` (the profile's table has them).
    """
    values = [float(v) for v in series["value"]]
    texts = value_texts if value_texts is not None else [format_value(v, unit, lang) for v in values]
    trace = dict(
        customdata=[[text, wrap_hover_line(source_names.get(s, s))] for text, s in zip(texts, series["source"])],
        hovertemplate="<b>%{x}</b>: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        # The country's own colour, as on every chart (a country without one: a dark neutral, not Kazakhstan's blue).
        line=dict(color=COUNTRY_COLOURS.get(iso3, NEUTRAL_COLOURS[2]) if iso3 else LINE_COLOURS[0], width=2),
        marker=dict(size=4), mode="lines+markers", name=name,
        x=[int(y) for y in series["year"]], y=values, type="scatter",
    )
    # The template is shared, not copied: nothing changes a figure after it is built.
    look = _trend_look(height, lang)
    layout = {key: value if key == "template" else copy.deepcopy(value) for key, value in look.items()}
    layout["margin"] = dict(l=10, r=10, t=8, b=10)
    layout["showlegend"] = False
    # "B" writes billions as 4B, not SI's 4G; percentages need no exponent.
    layout["yaxis"].update(exponentformat="B", ticksuffix=t("common.tick_percent", lang) if unit == "%" else "",
                           rangemode="tozero" if values and min(values) >= 0 else "normal")
    layout["xaxis"]["tickformat"] = "d"
    if values and unit != "%":  # Russian: '3 млн', not plotly's English '3M'
        def label(v: float) -> str:
            text = format_compact(v, lang)
            return t("remittances.usd_tick", lang, value=text) if "US$" in unit else text

        layout["yaxis"].update(locale_ticks(min(0.0, min(values)), max(values), lang, label))
    return {"data": [trace], "layout": layout}


def trend_figure_reference(series: pd.DataFrame, *, unit: str, name: str, lang: str, source_names: dict[str, str],
                 height: int = TREND_HEIGHT, iso3: str | None = None) -> go.Figure:
    """`trend_figure` built through go.Figure and its `update_*` calls, as it was: the naive reference of
    bench/bench_country.py, and what tests compare the plain dict with (`.to_plotly_json()`)."""
    values = [float(v) for v in series["value"]]
    figure = go.Figure(go.Scatter(
        x=[int(y) for y in series["year"]], y=values, mode="lines+markers", name=name,
        # The country's own colour, as on every chart (a country without one: a dark neutral, not Kazakhstan's blue).
        line=dict(color=COUNTRY_COLOURS.get(iso3, NEUTRAL_COLOURS[2]) if iso3 else LINE_COLOURS[0], width=2),
        marker=dict(size=4),
        customdata=[[format_value(v, unit, lang), wrap_hover_line(source_names.get(s, s))]
                    for v, s in zip(values, series["source"])],
        hovertemplate="<b>%{x}</b>: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    ))
    base_layout(figure, height=height, lang=lang)
    figure.update_layout(margin=dict(l=10, r=10, t=8, b=10), showlegend=False)
    # "B" writes billions as 4B, not SI's 4G; percentages need no exponent.
    figure.update_yaxes(exponentformat="B", ticksuffix=t("common.tick_percent", lang) if unit == "%" else "",
                        rangemode="tozero"
                        if values and min(values) >= 0 else "normal")
    figure.update_xaxes(tickformat="d")
    if values and unit != "%":  # Russian: '3 млн', not plotly's English '3M'
        def label(v: float) -> str:
            text = format_compact(v, lang)
            return t("remittances.usd_tick", lang, value=text) if "US$" in unit else text

        figure.update_yaxes(**locale_ticks(min(0.0, min(values)), max(values), lang, label))
    return figure


def profile_table(store, iso3: str, lang: str = "en") -> pd.DataFrame:
    """Everything the profile shows, as one long table for the CSV download: headline figures, the rank, the
    trend series and the top corridors, each row with its source, publisher, vintage and licence."""
    rows: list[dict] = []
    for fact in profile_facts(store, iso3):
        rows.append(dict(section="headline", key=fact.key, indicator=fact.indicator, partner=None, year=fact.year,
                         value=fact.value, unit=fact.unit, source=fact.source,
                         status="not_reported" if fact.not_reported else "no_data" if fact.missing else ""))
    rank = remittance_rank(store, iso3)
    if rank:
        rows.append(dict(section="world_rank", key="remittances_gdp_rank", indicator=RANK_INDICATOR, partner=None,
                         year=rank.year, value=rank.rank, unit=f"rank of {rank.of}", source=rank.source))
    for key, indicator in TRENDS:
        unit = store.indicator_meta(indicator)["unit"]
        for row in shown_series(store, indicator, iso3).itertuples():
            rows.append(dict(section="trend", key=key, indicator=indicator, partner=None, year=int(row.year),
                             value=float(row.value), unit=unit, source=row.source))
    for direction in ("out", "in"):
        for row in top_corridors(store, iso3, direction).itertuples():
            rows.append(dict(section=f"corridors_{direction}", key=f"{row.origin}-{row.destination}",
                             indicator=CORRIDOR_MEASURE, partner=row.partner, year=int(row.year),
                             value=float(row.value), unit="persons", source=row.source))
    table = pd.DataFrame(rows, columns=["section", "key", "indicator", "partner", "year", "value", "unit", "source",
                                        "status"])
    table["status"] = table["status"].fillna("")
    table["year"] = table["year"].astype("Int64")
    table.insert(0, "iso3", iso3)
    return add_provenance(store, table, lang=lang)
