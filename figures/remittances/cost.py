"""The cost of sending 200 US$ from Russia (Remittance Prices Worldwide), per corridor and period, with the years
after the extract shown as a band."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

import orjson
import pandas as pd

from figures.common import (add_provenance, base_layout_dict, country_colour, separators, show_empty, source_label,
                            unpaletted)
from figures.plain import PLAIN, plain_layout, plain_trace
from figures.remittances.parts import PAYER, country_name, hover_source, value_text
from i18n import format_period, t


COST_MEASURE = "cost_pct"
COST_AXIS_END = "2022Q4"  # the cost chart's time axis runs past the extract, so the missing years are visible
GAP_FILL = "rgba(120, 120, 120, 0.12)"


@dataclass(frozen=True)
class CostData:
    rows: pd.DataFrame  # origin, destination, year, period, value, source (origin = the receiving country)
    order: tuple[str, ...]  # receiving countries with a corridor, in the chosen order
    no_corridor: tuple[str, ...]  # chosen, but no corridor from the payer
    periods: tuple[str, ...]  # every period of the extract, in time order (a missing one stays a gap)
    last_period: str | None
    # Quarters after the official extract from the measure's next source (third-party averages checked against the
    # official series by the build): drawn dashed, never joined to the official line.
    derived: pd.DataFrame = field(default=None)

    @property
    def drawn_until(self) -> str | None:
        if self.derived is not None and len(self.derived):
            return max(self.derived["period"], key=period_start)
        return self.last_period


@lru_cache(maxsize=256)
def period_start(period: str) -> pd.Timestamp:
    """'2013Q2' → 2013-04-01; a bare year → 1 January."""
    period = str(period)
    if "Q" in period:
        year, quarter = period.split("Q")
        return pd.Timestamp(int(year), 3 * (int(quarter) - 1) + 1, 1)
    return pd.Timestamp(int(period), 1, 1)


def period_label(period: str, lang: str) -> str:
    return format_period(period, lang)


def next_period(period: str) -> str:
    year, quarter = (int(part) for part in str(period).split("Q"))
    return f"{year + quarter // 4}Q{quarter % 4 + 1}"


@cache
def _corridors_to(store, payer: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    rows = store.corridors(COST_MEASURE, destinations=[payer])
    rows = rows[rows["value"].notna()].astype({"period": str})
    periods = tuple(sorted(set(rows["period"]), key=period_start))
    return rows.reset_index(drop=True), periods


@cache
def _derived_after(store, payer: str) -> pd.DataFrame:
    """The next source's quarters after the default source's last one (empty when there is no next source)."""
    rows, periods = _corridors_to(store, payer)
    priority = store.indicator_meta(COST_MEASURE)["source_priority"]
    if len(priority) < 2 or not periods:
        return rows.iloc[0:0]
    later = store.corridors(COST_MEASURE, destinations=[payer], source=priority[1]).astype({"period": str})
    after = later["period"].map(period_start) > period_start(periods[-1])
    return later[after & later["value"].notna()].reset_index(drop=True)


def cost_data(store, iso3s, payer: str = PAYER) -> CostData:
    """The corridors from `payer` to the chosen countries (aggregates and the payer itself have none)."""
    order = tuple(dict.fromkeys(iso3s))
    every, periods = _corridors_to(store, payer)
    rows = every[every["origin"].isin(order)].reset_index(drop=True)
    present = set(rows["origin"])
    missing = tuple(code for code in order if code not in present and code != payer
                    and (store.country(code) or {}).get("kind") == "country")
    derived = _derived_after(store, payer)
    derived = derived[derived["origin"].isin(present)].reset_index(drop=True)
    return CostData(rows, tuple(c for c in order if c in present), missing, periods, periods[-1] if periods else None,
                    derived)


def _rows_by_origin(frame: pd.DataFrame, columns) -> dict[str, list[tuple]]:
    """{origin: [(column values…), …]} in the frame's order."""
    found: dict[str, list[tuple]] = {}
    for origin, *values in zip(frame["origin"].tolist(), *(frame[column].tolist() for column in columns)):
        found.setdefault(origin, []).append(tuple(values))
    return found


def build_cost_figure(data: CostData, *, names: dict[str, str], source_labels: dict[str, str], lang: str,
                      title: str, subtitle: str = "", until: str = COST_AXIS_END, height: int = 380,
                      empty_text: str | None = None, kit=PLAIN):
    """One line per corridor over all the extract's periods (a missing one breaks the line), then a grey band
    from the end of the extract to `until`, so the missing years are seen, not hidden. With no corridor to draw,
    `empty_text` (default: "No data") stands in the middle instead. A plain figure dict (figures/plain.py);
    `kit=VALIDATED` builds the same through plotly's validation."""
    traces = []
    others = unpaletted(data.order)
    # Each corridor's rows by position, the columns as Python values: not a pandas filter per line.
    rows = _rows_by_origin(data.rows, ("period", "value", "source"))
    for code in data.order:
        traces.append(corridor_trace(kit, code, names[code], data.periods, rows.get(code, ()), source_labels,
                                     colour=country_colour(code, others), lang=lang))
    derived = data.derived if data.derived is not None else pd.DataFrame(columns=["origin", "period"])
    derived_rows = (_rows_by_origin(derived, ("period", "value", "source")) if "value" in derived
                    else {})
    for code in data.order:  # one release per line: the derived quarters are a dashed segment of their own
        trace = derived_trace(kit, code, names[code], derived_rows.get(code, ()), source_labels,
                              colour=country_colour(code, others), lang=lang)
        if trace is not None:
            traces.append(trace)
    layout = cost_layout(bool(traces), data.periods, data.last_period, data.drawn_until, lang=lang, title=title,
                         subtitle=subtitle, until=until, height=height, empty_text=empty_text)
    return kit.Figure(traces, layout)


@lru_cache(maxsize=16)
def _axis_texts(periods: tuple[str, ...], lang: str) -> tuple[list, list[str]]:
    return [period_start(p) for p in periods], [period_label(p, lang) for p in periods]


def corridor_trace(kit, code: str, name: str, periods: tuple[str, ...], rows, source_labels, *, colour: str,
                   lang: str):
    """A corridor's line over every period of the extract (`rows`: its (period, value, source)), hover saying
    period, cost and source."""
    dates, period_texts = _axis_texts(tuple(periods), lang)
    no_data = t("common.no_data", lang)
    by_period = {period: (value, source) for period, value, source in rows}
    values = [by_period[p][0] if p in by_period else None for p in periods]
    shared = _shared_source({source_labels[source] for _, _, source in rows}, lang)
    hovers = [t("remittances.hover_cost", lang, period=label,
                value=value_text(float(v), "%", lang) if v is not None else no_data)
              + ("" if shared else "<br>" + (hover_source(source_labels[by_period[p][1]], lang) if p in by_period
                                               else ""))
              for p, label, v in zip(periods, period_texts, values)]
    return kit.Scatter(
        x=list(dates), y=values, name=name, mode="lines+markers", connectgaps=False, hovertext=hovers,
        hovertemplate=f"<b>{name}</b><br>%{{hovertext}}{shared}<extra></extra>", meta=code,
        line=dict(color=colour, width=2.5), marker=dict(size=4),
    )


def _shared_source(labels: set[str], lang: str) -> str:
    """"<br>" and the source line every drawn point of a trace shares, written once in its hovertemplate after
    `%{hovertext}` (as figures/remittances/trend.hover_split: the same box, a fifth of the bytes); "" when its
    points name several sources (or one with a %{…} placeholder for plotly): then each point's text has its own.
    A point without a value (no marker, no hover box) has no source line of its own either way."""
    if len(labels) != 1:
        return ""
    text = hover_source(next(iter(labels)), lang)
    return "" if "%{" in text else "<br>" + text


def derived_trace(kit, code: str, name: str, rows, source_labels, *, colour: str, lang: str):
    """The derived quarters of a corridor (`rows`: (period, value, source)), a dashed segment; None without."""
    found = sorted(rows, key=lambda row: period_start(row[0]))  # one row per quarter
    if not found:
        return None
    segment = t("revisions.derived_segment", lang)  # outside the f-strings, where extraction sees the key
    label = source_labels.get(found[0][2], found[0][2])
    shared = _shared_source({label}, lang)
    hovers = [t("remittances.hover_cost", lang, period=period_label(p, lang), value=value_text(float(v), "%", lang))
              + ("" if shared else "<br>" + hover_source(label, lang))
              for p, v, _ in found]
    return kit.Scatter(
        x=[period_start(p) for p, _, _ in found], y=[v for _, v, _ in found], mode="lines+markers",
        connectgaps=False,
        name=f"{name} — {segment}", hovertext=hovers, showlegend=False,
        hovertemplate=f"<b>{name}</b> ({segment})<br>%{{hovertext}}{shared}"
                      "<extra></extra>", meta=f"{code}:derived",
        line=dict(color=colour, width=1.5, dash="dash"),
        marker=dict(size=3, symbol="circle-open"),
    )


def cost_layout(drawn: bool, periods, last_period: str | None, drawn_until: str | None, *, lang: str, title: str,
                subtitle: str = "", until: str = COST_AXIS_END, height: int = 380,
                empty_text: str | None = None) -> dict:
    """The cost chart's layout: with lines drawn, the band from the end of the extract to `until`."""
    layout = base_layout_dict(height=height)
    layout.update(title=dict(text=title, subtitle=dict(text=subtitle), x=0.01, font=dict(size=15)),
                  margin=dict(l=60, r=20, t=70, b=40), dragmode=False, legend=dict(orientation="h", y=-0.12, x=0),
                  separators=separators(lang))
    layout["yaxis"].update(ticksuffix=t("common.tick_percent", lang), rangemode="tozero")
    # A date axis always: without traces plotly would guess a linear one and the dates of the band become NaN.
    layout["xaxis"].update(type="date", ticks="outside", dtick="M12", tickformat="%Y")
    if not drawn:
        show_empty(layout, empty_text or t("common.no_data", lang))
    elif last_period:
        start, end = period_start(next_period(drawn_until)), period_start(next_period(until))
        if start < end:
            layout["shapes"] = [dict(type="rect", xref="x", yref="paper", x0=start, x1=end, y0=0, y1=1,
                                     fillcolor=GAP_FILL, line=dict(width=0), layer="below", name="after-extract")]
            layout["annotations"] = [dict(
                # Anchored at the chart's right end: from the band's start it ran off the chart.
                xref="x", yref="paper", x=end, y=1, xanchor="right", yanchor="top", xshift=-4, showarrow=False,
                align="right", font=dict(size=12, color="#444"), bgcolor="rgba(255,255,255,0.85)",
                name="after-extract",
                text=t("remittances.cost_gap_band", lang, period=period_label(drawn_until, lang)))]
        if drawn_until != last_period:  # name the dashed quarters where they begin
            layout.setdefault("annotations", []).append(dict(
                xref="x", yref="paper", x=end, y=0.02, xanchor="right", xshift=-4, align="right",
                yanchor="bottom", showarrow=False, font=dict(size=11, color="#555"), name="derived-quarters",
                text=t("revisions.derived_short", lang)))
        layout["xaxis"]["range"] = [period_start(periods[0]) - pd.Timedelta(days=45), end]
    return layout


def cost_table(data: CostData, store, lang: str) -> pd.DataFrame:
    meta = store.indicator_meta(COST_MEASURE, lang)
    rows = data.rows
    table = pd.DataFrame({
        "sending_country_iso3": rows["destination"].to_numpy(),
        "receiving_country_iso3": rows["origin"].to_numpy(),
        "receiving_country": [country_name(store, c, lang) for c in rows["origin"]],
        "period": rows["period"].to_numpy(),
        "measure": COST_MEASURE,
        "measure_name": meta["name"],
        "value": rows["value"].to_numpy(),
        "unit": meta["unit"],
        "source": rows["source"].to_numpy(),
    })
    return add_provenance(store, table, lang=lang)


# --- a selection's chart from each corridor's line, kept per language (as figures/remittances/lines.py) ---------
@dataclass(frozen=True)
class CostLines:
    """`CostData` without the frames: what the chart and the block under it need."""

    order: tuple[str, ...]
    no_corridor: tuple[str, ...]
    periods: tuple[str, ...]
    last_period: str | None
    drawn_until: str | None
    used: tuple[str, ...]  # the sources of the drawn rows, then of the derived quarters, in the frames' order


@cache
def _corridor_rows(store, payer: str) -> tuple[dict, dict]:
    """{origin: [(period, value, source), …]} of the extract and of the derived quarters after it."""
    rows, _ = _corridors_to(store, payer)
    derived = _derived_after(store, payer)
    columns = ("period", "value", "source")
    return _rows_by_origin(rows, columns), (_rows_by_origin(derived, columns) if "value" in derived else {})


def corridor_rows(store, payer: str = PAYER) -> dict:
    """{origin: [(period, value, source), …]} of the extract (read, never changed)."""
    return _corridor_rows(store, payer)[0]


def cost_lines(store, iso3s, payer: str = PAYER) -> CostLines:
    """`cost_data` from rows kept per corridor."""
    order = tuple(dict.fromkeys(iso3s))
    _, periods = _corridors_to(store, payer)
    rows, derived = _corridor_rows(store, payer)
    present = sorted(code for code in set(order) if code in rows)  # the frames' order of origins
    missing = tuple(code for code in order if code not in rows and code != payer
                    and (store.country(code) or {}).get("kind") == "country")
    derived_periods = [row[0] for code in present for row in derived.get(code, ())]
    last = periods[-1] if periods else None
    used = dict.fromkeys(row[2] for code in present for row in rows[code])
    used.update(dict.fromkeys(row[2] for code in present for row in derived.get(code, ())))
    return CostLines(tuple(code for code in order if code in rows), missing, periods, last,
                     max(derived_periods, key=period_start) if derived_periods else last, tuple(used))


PIECES_KEPT = 128  # a corridor's line in a language: ~3.3 kB in English, ~4.9 in Russian; ~20 corridors from Russia


def corridor_piece(store, code: str, lang: str, payer: str = PAYER) -> dict:
    """The serialised traces of `code`'s corridor (a new copy at each call): "trace" and "derived" (None without
    derived quarters), their line colour left empty."""
    return orjson.loads(_corridor_piece(store, code, lang, payer))


@lru_cache(maxsize=PIECES_KEPT)
def _corridor_piece(store, code: str, lang: str, payer: str) -> bytes:
    from layouts.common import serialised  # what Dash sends: the encoder the callbacks' answers go through

    _, periods = _corridors_to(store, payer)
    rows, derived = _corridor_rows(store, payer)
    name = country_name(store, code, lang)
    mine, later = rows.get(code, ()), derived.get(code, ())
    labels = {source: source_label(store, source, lang) for source in dict.fromkeys(row[2] for row in (*mine, *later))}
    trace = corridor_trace(PLAIN, code, name, periods, mine, labels, colour="", lang=lang)
    dashed = derived_trace(PLAIN, code, name, later, labels, colour="", lang=lang)
    return orjson.dumps(serialised({"trace": plain_trace(trace),
                                    "derived": plain_trace(dashed) if dashed is not None else None}))


def assemble_cost_figure(store, data: CostLines, *, lang: str, title: str, subtitle: str = "",
                         empty_text: str | None = None) -> dict:
    """`common.serialised(build_cost_figure(cost_data(…), …))` from the corridors' pieces (as Dash writes it)."""
    others = unpaletted(data.order)
    pieces = {code: corridor_piece(store, code, lang) for code in data.order}
    traces = []
    for code in data.order:
        pieces[code]["trace"]["line"]["color"] = country_colour(code, others)
        traces.append(pieces[code]["trace"])
    for code in data.order:
        dashed = pieces[code]["derived"]
        if dashed is not None:
            dashed["line"]["color"] = country_colour(code, others)
            traces.append(dashed)
    layout = cost_layout(bool(traces), data.periods, data.last_period, data.drawn_until, lang=lang, title=title,
                         subtitle=subtitle, empty_text=empty_text)
    # Tidied as PLAIN tidies it (its dates as datetimes, which Dash writes as `serialised` would give them)
    return {"data": traces, "layout": plain_layout(layout)}
