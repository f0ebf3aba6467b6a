"""Everything the profile shows as one long table, for the CSV download."""
from __future__ import annotations

import pandas as pd

from figures.common import add_provenance
from figures.country.corridors import CORRIDOR_MEASURE, top_corridors
from figures.country.headlines import profile_facts
from figures.country.rank import RANK_INDICATOR, remittance_rank
from figures.country.series import shown_series
from figures.country.trends import TRENDS


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
