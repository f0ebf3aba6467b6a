"""Russia's economy beside the remittances: real GDP growth and the rouble's depreciation against the US$, bars on
the trend charts' time axis."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from figures.common import LINE_COLOURS, base_layout_dict, separators
from figures.plain import PLAIN
from figures.remittances.parts import (DEPRECIATION_INDICATOR, GROWTH_INDICATOR, PAYER, PCT_INDICATOR, USD_INDICATOR,
                                       axis_range, hover_source, not_reporting, signed_text, tidy)
from figures.remittances.trend import TREND_MARGIN
from i18n import t


ECONOMY_INDICATORS = (GROWTH_INDICATOR, DEPRECIATION_INDICATOR)
# Russia's growth in the blue of Russia's outflow line; the rouble in vermillion (Okabe–Ito, distinct for all).
ECONOMY_COLOURS = {GROWTH_INDICATOR: LINE_COLOURS[0], DEPRECIATION_INDICATOR: LINE_COLOURS[5]}
ECONOMY_MARGIN = dict(l=TREND_MARGIN["l"], t=80, b=40)  # the same left edge as the trend charts: years line up


@dataclass(frozen=True)
class EconomyData:
    rows: pd.DataFrame  # indicator, iso3, year, value, source: the payer's values of ECONOMY_INDICATORS
    iso3: str

    def of(self, indicator: str) -> pd.DataFrame:
        return self.rows[self.rows["indicator"] == indicator]


def economy_data(store, iso3: str = PAYER) -> EconomyData:
    """The payer's real GDP growth and its currency's depreciation against the US$ (default source per value)."""
    frames = [store.series(indicator, iso3s=[iso3]).assign(indicator=indicator) for indicator in ECONOMY_INDICATORS]
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[rows["value"].notna()][["indicator", "iso3", "year", "value", "source"]]
    return EconomyData(rows.reset_index(drop=True), iso3)


DEPENDENCE_THRESHOLD = 10.0  # % of GDP: "remittance-dependent" for the sentence under Russia's economy


def dependent_economies(store, candidates) -> list[str]:
    """The candidates whose latest remittances received are at least DEPENDENCE_THRESHOLD % of GDP."""
    latest = store.series(PCT_INDICATOR, iso3s=list(candidates)).sort_values("year").groupby("iso3")["value"].last()
    return [code for code in candidates if code not in not_reporting(store) and latest.get(code, 0) >= DEPENDENCE_THRESHOLD]


def years_all_fell(store, iso3s, indicator: str = USD_INDICATOR) -> list[int]:
    """Years in which the value fell from the year before in every one of `iso3s` (all must have both years)."""
    if not iso3s:
        return []
    wide = store.series(indicator, iso3s=list(iso3s)).pivot(index="year", columns="iso3", values="value")
    wide = wide.reindex(range(int(wide.index.min()), int(wide.index.max()) + 1))  # a gap is not a fall
    change = wide.diff()
    fell = (change < 0).all(axis=1) & change.notna().all(axis=1)
    return [int(year) for year in change.index[fell]]


def economy_hover_texts(indicator: str, years, values, sources, lang: str) -> list[str]:
    """Year and signed value, source and vintage; for the rouble also which way it moved (positive = weaker)."""
    texts = []
    for year, value, source in zip(years, values, sources):
        lines = [t("remittances.hover_year_value", lang, year=year, value=signed_text(indicator, float(value), lang))]
        if indicator == DEPRECIATION_INDICATOR:
            lines.append(t("remittances.hover_rouble_weaker", lang) if value > 0 else
                         t("remittances.hover_rouble_stronger", lang) if value < 0 else
                         t("remittances.hover_rouble_unchanged", lang))
        lines.append(hover_source(source, lang))
        texts.append("<br>".join(lines))
    return texts


def build_economy_figure(data: EconomyData, *, names: dict[str, str], source_labels: dict[str, str], lang: str,
                         title: str, height: int = 280, kit=PLAIN):
    """Two bar series per year around a marked zero line (both are % changes: one y axis, no scaling tricks).
    A plain figure dict (figures/plain.py); `kit=VALIDATED` builds the same through plotly's validation."""
    traces = []
    for indicator in ECONOMY_INDICATORS:
        frame = data.of(indicator)
        years = frame["year"].to_numpy(dtype=int)
        values = frame["value"].to_numpy(dtype=float)
        texts = economy_hover_texts(indicator, years, values, [source_labels[s] for s in frame["source"]], lang)
        traces.append(kit.Bar(
            x=years, y=values, name=names[indicator], meta=indicator, hovertext=texts, offsetgroup=indicator,
            hovertemplate=f"<b>{names[indicator]}</b><br>%{{hovertext}}<extra></extra>",
            marker=dict(color=ECONOMY_COLOURS[indicator]),
        ))
    layout = base_layout_dict(height=height)
    layout.update(
        title=dict(text=title, x=0.01, font=dict(size=15)), margin=dict(**ECONOMY_MARGIN, r=20),
        barmode="group", bargap=0.15, bargroupgap=0.0, dragmode=False, separators=separators(lang),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=13)),
    )
    if len(data.rows):
        first, last = float(data.rows["year"].min()) - 0.5, float(data.rows["year"].max()) + 0.5
        layout["xaxis"].update(range=[first, last])
        # Zero only where there are values: on the shared axis, a line through earlier years would read as 0%.
        layout["shapes"] = [dict(type="line", xref="x", yref="y", x0=first, x1=last, y0=0, y1=0, layer="above",
                                 line=dict(color="#333", width=1.5), name="zero")]
        layout["annotations"] = [dict(
            # Two short lines (see the catalogue), right-aligned: one long line ran into the y axis' labels.
            xref="x", yref="paper", x=first, y=0.5, xanchor="right", xshift=-6, showarrow=False, name="no-data",
            align="right",
            font=dict(size=12, color="#555"), text=t("remittances.economy_no_data_before", lang,
                                                     year=int(data.rows["year"].min())))]
    layout["xaxis"].update(tickformat="d", ticks="outside")
    y_range = axis_range(data.rows["value"].to_numpy(dtype=float), log=False, include_zero=True)
    # No '%' on the ticks: growth is in %, the rouble in log points (100 × Δln); the legend names each unit.
    layout["yaxis"].update(range=y_range, tickformat=",~r")
    return kit.Figure(traces, layout)


def economy_table(data: EconomyData, store, lang: str) -> pd.DataFrame:
    """The chart's data as a tidy table (the CSV download): every drawn value with its source."""
    return pd.concat([tidy(store, data.of(indicator), indicator, lang) for indicator in ECONOMY_INDICATORS],
                     ignore_index=True)
