"""What the map shows as a tidy table with its sources: the CSV download's (layouts/map/downloads.py writes the
same bytes without a frame)."""
from __future__ import annotations

import pandas as pd

from figures.common import add_provenance
from figures.map.indicators import BILATERAL_SOURCE, EMIGRANT_KEYS, INDICATORS
from figures.map.partners import partner_values


def map_table(store, indicator_key: str, year: int, scope_ids: tuple[str, ...], focus: str | None,
              lang: str = "en") -> pd.DataFrame:
    """What the map shows, as a tidy table with its sources (the CSV download): the indicator for every country
    of the extent that has a value, or in focus mode the focus country's bilateral partners. Column names are
    stable machine names; names and labels inside are in `lang`."""
    if focus:
        partners = partner_values(store, indicator_key, year, focus)
        emigrants = indicator_key in EMIGRANT_KEYS
        table = pd.DataFrame({
            "origin": focus if emigrants else partners.index, "destination": partners.index if emigrants else focus,
            "year": year, "measure": "stock_total", "value": partners.to_numpy(), "unit": "persons",
            "source": BILATERAL_SOURCE})
        for side in ("origin", "destination"):
            table.insert(table.columns.get_loc(side) + 1, f"{side}_name",
                         [store.country_name(code, lang) for code in table[side]])
    else:
        indicator = INDICATORS[indicator_key]
        meta = store.indicator_meta(indicator, lang)
        values = store.values_for_map(indicator, year)
        values = values[values["iso3"].isin(scope_ids)].sort_values("iso3")
        table = pd.DataFrame({"iso3": values["iso3"], "country": [store.country_name(c, lang) for c in values["iso3"]],
                              "year": year, "indicator": indicator, "indicator_name": meta["name"],
                              "value": values["value"], "unit": meta["unit"], "source": values["source"]})
    return add_provenance(store, table.reset_index(drop=True), lang=lang)
