"""The map's CSV download: what it shows, with each row's provenance."""
from __future__ import annotations

from figures.common import PROVENANCE_COLUMNS
from figures.map import parts as map_parts
from figures.map.indicators import BILATERAL_SOURCE, EMIGRANT_KEYS, INDICATORS
from layouts.common import csv_text, provenance_of


MAP_CSV_COLUMNS = ["iso3", "country", "year", "indicator", "indicator_name", "value", "unit", "source"]
FOCUS_CSV_COLUMNS = ["origin", "origin_name", "destination", "destination_name", "year", "measure", "value", "unit",
                     "source"]


def map_csv_text(store, indicator_key: str, year: int, scope_ids: tuple[str, ...], focus: str | None,
                 lang: str = "en") -> str:
    """`figures.map.table.map_table(…).to_csv(index=False)`, written from figures/map/parts.py's indexes without a frame
    (the CSV download: pandas made, joined and wrote a frame per request, ~3 ms)."""
    name = store.country_name
    if focus:
        emigrants = indicator_key in EMIGRANT_KEYS
        found = map_parts.partner_list(store, emigrants, focus, year)
        provenance = provenance_of(store, [BILATERAL_SOURCE], lang)[BILATERAL_SOURCE] if found.codes else ()
        rows = [(*((focus, name(focus, lang), code, name(code, lang)) if emigrants else
                   (code, name(code, lang), focus, name(focus, lang))),
                 year, "stock_total", value, "persons", BILATERAL_SOURCE, *provenance)
                for code, value in zip(found.codes, found.values)]
        return csv_text([*FOCUS_CSV_COLUMNS, *PROVENANCE_COLUMNS], rows)
    indicator = INDICATORS[indicator_key]
    meta = store.indicator_meta(indicator, lang)
    cells = map_parts.indicator_rows(store, indicator, year)
    codes = sorted(code for code in set(scope_ids) if code in cells)
    provenance = provenance_of(store, [cells[code][1] for code in codes], lang)
    rows = [(code, name(code, lang), year, indicator, meta["name"], cells[code][0], meta["unit"], cells[code][1],
             *provenance[cells[code][1]]) for code in codes]
    return csv_text([*MAP_CSV_COLUMNS, *PROVENANCE_COLUMNS], rows)
