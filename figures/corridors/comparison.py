"""The sources side by side: corridors from Central Asia to Russia in every source that counts them, grouped bars."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from figures.common import wrap_hover_line
from figures.corridors.parts import OTHER_COLOUR, cut_template, figure_layout, persons_axis
from figures.corridors.selection import query
from figures.plain import PLAIN
from i18n import N_, format_value, t


COMPARISON_DESTINATION = "RUS"


@dataclass(frozen=True)
class ComparisonRow:
    """One bar colour of the comparison: a source, the measure it reports, and the year it describes."""

    key: str  # what the row counts: "fms" (citizens present), "undesa" / "knomad" (foreign-born)
    source: str
    measure: str
    year: int


# Ordered by the date each figure describes. UN DESA years picked to sit next to the other sources' dates.
# How the comparison names each kind of source (ComparisonRow.key), as literal keys for extraction.
COMPARE_KEYS = {"fms": N_("corridors.compare_fms"), "undesa": N_("corridors.compare_undesa"),
                "knomad": N_("corridors.compare_knomad")}
COMPARISON_ROWS = (
    ComparisonRow("fms", "iom_ca_strategy", "citizens_present", 2013),
    ComparisonRow("undesa", "undesa_ims_2020", "stock_total", 2015),
    ComparisonRow("undesa", "undesa_ims_2024", "stock_total", 2015),
    ComparisonRow("knomad", "knomad_stock_2017", "stock_total", 2017),
    ComparisonRow("undesa", "undesa_ims_2020", "stock_total", 2020),
    ComparisonRow("undesa", "undesa_ims_2024", "stock_total", 2020),
    ComparisonRow("undesa", "undesa_ims_2024", "stock_total", 2024),
)
COMPARISON_COLOURS = {"iom_ca_strategy": "#D55E00", "undesa_ims_2020": "#56B4E9", "undesa_ims_2024": "#0072B2",
                      "knomad_stock_2017": "#E69F00"}
# Colour says which source, the fill pattern which year: no two bars of a group look alike (2015 and 2020 of one
# revision shared a colour). Citizens present (FMS) are hatched: a different question from the foreign-born bars.
COMPARISON_PATTERNS = {"fms": "/", 2015: ".", 2020: "", 2024: "x"}


def comparison_pattern(spec: ComparisonRow) -> str:
    return COMPARISON_PATTERNS["fms"] if spec.key == "fms" else COMPARISON_PATTERNS.get(spec.year, "")


@lru_cache(maxsize=8)
def comparison(store, origins: tuple[str, ...]) -> pd.DataFrame:
    """The corridors origin → Russia in every comparison source: [row, origin, value, source, measure, year].

    `row` indexes COMPARISON_ROWS. A source without the corridor (FMS has no Turkmenistan) has no row for it.
    """
    parts = []
    for index, spec in enumerate(COMPARISON_ROWS):
        rows = query(store, spec.measure, origins=origins, destinations=[COMPARISON_DESTINATION], year=spec.year,
                     source=spec.source)
        rows = rows[rows["value"].notna()]
        parts.append(rows.assign(row=index, measure=spec.measure)[["row", "origin", "value", "source", "measure",
                                                                      "year"]])
    return pd.concat(parts, ignore_index=True)


def comparison_label(store, spec: ComparisonRow, lang: str) -> str:
    meta = store.source_meta(spec.source, lang)
    return t(COMPARE_KEYS[spec.key], lang, publisher=meta["publisher"], title=meta["title"],
             vintage=meta["vintage"], year=spec.year)


def comparison_figure(store, rows: pd.DataFrame, origins: tuple[str, ...], lang: str, kit=PLAIN):
    """Grouped bars: one group per Central Asian origin, one bar per (source, year), labelled with what it counts.
    Citizens present (FMS) are hatched: they answer a different question from the foreign-born bars. A plain
    figure dict (figures/plain.py); `kit=VALIDATED` builds the same through plotly's validation."""
    names = {iso3: store.country_name(iso3, lang) for iso3 in origins}
    traces, drawn = [], []
    for index, spec in enumerate(COMPARISON_ROWS):
        part = rows[rows["row"] == index].set_index("origin")["value"]
        present = [o for o in origins if o in part.index]
        label = comparison_label(store, spec, lang)
        values = [float(part[o]) for o in present]
        drawn += values
        traces.append(kit.Bar(
            x=[names[o] for o in present], y=values, name=label,
            marker=dict(color=COMPARISON_COLOURS.get(spec.source, OTHER_COLOUR),
                        pattern=dict(shape=comparison_pattern(spec), solidity=0.35)),
            customdata=[format_value(v, "persons", lang) for v in values],
            hovertemplate=wrap_hover_line(f"<b>%{{x}}</b><br>{label}<br>%{{customdata}}") + "<extra></extra>"))
    return cut_template(kit.Figure(data=traces, layout=figure_layout(
        440, t("corridors.compare_chart_title", lang), lang, barmode="group", bargap=0.18,
        legend=dict(orientation="h", y=-0.12, font=dict(size=11)),
        yaxis=persons_axis(drawn, lang))))
